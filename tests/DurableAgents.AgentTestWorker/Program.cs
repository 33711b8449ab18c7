using DurableAgents.AgentTestWorker;
using DurableAgents.Agents;
using DurableAgents.DurableTask;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// An agent worker for SIGKILL tests: the SQLite task hub in --data, side-effect logs in --log, commands on stdin:
//   start ID | start-mcp ID | status ID | approve ID | result ID   (one reply line each)
//   session-create ID | session-send ID MESSAGEID TEXT | session-status ID   (the "chat" agent in multi-turn sessions)
// With --mcp-server DLL the agent "mcp-durable" uses that MCP test server over stdio, its side effects logged in --log too.
var data = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--data DIR is required.");
var logFolder = args.SkipWhile(a => a != "--log").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--log DIR is required.");
var mcpServer = args.SkipWhile(a => a != "--mcp-server").Skip(1).FirstOrDefault();
var log = new SideEffectLog(logFolder);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
var agents = builder.Services.AddDurableAgents();
var taskHub = Path.Combine(data, "taskhub.db");
agents.Worker.UseSqlite(taskHub);
agents.Client.UseSqlite(taskHub);
builder.Services.AddSingleton<IConversationStore>(new FileConversationStore(Path.Combine(data, "conversations")));
agents.AddAgent("durable", a =>
{
    a.Model = new ConversationScriptedModel(log);
    a.Policy = new AgentPolicy { RestateGoalEvery = 0 };
    a.Tools.Add(new AgentTool(AIFunctionFactory.Create(async (int n, CancellationToken ct) =>
    {
        var key = AgentCallContext.Current!.IdempotencyKey;
        log.Append("tools.log", $"start {key} n{n}");
        while (n > 0 && !log.Released)
        {
            await Task.Delay(20, ct); // n > 0 blocks until the test releases it: a fan-out in flight
        }

        log.Append("tools.log", $"done {key} n{n}");
        return $"appended {n}";
    }, "slow_append", "Appends a number.")));
    a.Tools.Add(new AgentTool(AIFunctionFactory.Create((int n) =>
    {
        log.Append("tools.log", $"done {AgentCallContext.Current!.IdempotencyKey} write{n}");
        return $"wrote {n}";
    }, "guarded_write", "Writes, after approval.")) { RequiresApproval = true, Permission = ToolPermission.Write });
});

agents.AddAgent("chat", a =>
{
    a.Model = new SessionChatModel(log);
    a.Policy = new AgentPolicy { RestateGoalEvery = 0 };
});
builder.Services.AddSingleton(new DurableAgents.Sessions.SessionOptions { TurnsPerGeneration = 2 }); // continue as new mid-test

if (mcpServer is not null)
{
    agents.AddAgent("mcp-durable", a =>
    {
        a.Model = new McpScriptedModel();
        a.Policy = new AgentPolicy { RestateGoalEvery = 0 };
        a.AddMcpServer(new McpServerOptions
        {
            Name = "testserver",
            Command = "dotnet",
            Arguments = [mcpServer, "--stdio"],
            Environment = { ["MCP_TEST_LOG"] = logFolder, ["DOTNET_EnableDiagnostics"] = "0" },
            Tools = [new McpToolOptions("record") { Permission = ToolPermission.Write }],
        });
    });
}

using var host = builder.Build();
await host.StartAsync();
var runs = host.Services.GetRequiredService<AgentRunClient>();
var sessions = host.Services.GetRequiredService<DurableAgents.Sessions.SessionClient>();
Console.WriteLine("READY");
while (await Console.In.ReadLineAsync() is { } line)
{
    var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
    var id = parts.Length > 1 ? parts[1] : "";
    switch (parts[0])
    {
        case "start":
            await runs.StartRunAsync("durable", "Append numbers, then write.", id);
            Console.WriteLine("OK");
            break;
        case "start-mcp":
            await runs.StartRunAsync("mcp-durable", "Record two tags.", id);
            Console.WriteLine("OK");
            break;
        case "status":
            var view = await runs.GetRunAsync(id);
            var history = view is null ? [] : await runs.Orchestrations.GetOrchestrationHistoryAsync(id);
            var completed = history.Count(e => e is DurableTask.Core.History.TaskCompletedEvent);
            Console.WriteLine($"STATUS {view?.Status?.Phase ?? "none"} {view?.RuntimeStatus} {completed}");
            break;
        case "approve":
            Console.WriteLine($"OK {(await runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "test"))).Status}");
            break;
        case "result":
            var run = await runs.GetRunAsync(id);
            Console.WriteLine(run?.Result is { } r ? $"RESULT {r.Outcome} {r.Answer}" : "RESULT none");
            break;
        case "session-create":
            Console.WriteLine($"OK {await sessions.CreateAsync("chat", id)}");
            break;
        case "session-send":
            var words = id.Split(' ', 3);
            Console.WriteLine($"OK {(await sessions.SendAsync(words[0], words[2], words[1])).RunId}");
            break;
        case "session-status":
            var session = await sessions.GetAsync(id);
            var turns = session?.Status.Turns.Select(t => $"{t.Turn}:{t.MessageId}:{t.Status}:{t.Answer}") ?? [];
            Console.WriteLine($"SESSION {session?.Status.Phase ?? "none"} {session?.Status.TurnCount ?? 0} {string.Join(",", turns)}");
            break;
        default:
            Console.WriteLine($"ERROR unknown command '{parts[0]}'");
            break;
    }
}

await host.StopAsync();
