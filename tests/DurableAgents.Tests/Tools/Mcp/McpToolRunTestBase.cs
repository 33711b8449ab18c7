using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Tools.Mcp;

/// <summary>
/// Agent runs whose tools come from the real test MCP server; the same scenarios run over stdio and streamable HTTP
/// (<see cref="StdioMcpToolRunTests"/>, <see cref="HttpMcpToolRunTests"/>).
/// </summary>
public abstract class McpToolRunTestBase : RunTestBase
{
    /// <summary>The server's options with the given tools.</summary>
    internal abstract McpServerOptions Server(params McpToolOptions[] tools);

    /// <summary>Options of a server of the same transport that is down.</summary>
    internal abstract McpServerOptions DownServer(params McpToolOptions[] tools);

    private Task StartWithAsync(McpServerOptions server) =>
        StartAsync(tools: [Tools.Lookup()], configure: a => a.AddMcpServer(server));

    [Fact]
    public async Task ModelSeesTheServersTools_AndAnMcpCallRunsInParallelWithABuiltInTool()
    {
        await StartWithAsync(Server(new McpToolOptions("echo"), new McpToolOptions("add") { Permission = ToolPermission.Read }));
        Model.ThenCall(("m1", "add", """{"a":2,"b":3}"""), ("b1", "lookup", """{"query":"x"}""")).ThenAnswer("2+3=5");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var declared = Model.Calls[0].Options!.Tools!.OfType<AIFunctionDeclaration>().ToDictionary(t => t.Name);
        Assert.Equal(["add", "echo", "lookup"], declared.Keys.Order());
        Assert.Equal("Adds two integers.", declared["add"].Description);
        Assert.Equal(JsonValueKind.Object, declared["add"].JsonSchema.GetProperty("properties").GetProperty("a").ValueKind);
        Assert.Contains("5", ResultSeen(1, "m1"));
        Assert.Contains("result for x", ResultSeen(1, "b1"));
        Assert.Equal(["lookup:x"], Tools.Invocations);
        Assert.Equal(["ok", "ok"], result.ToolCalls.Select(c => c.Status));
    }

    [Fact]
    public async Task ApprovalGatedMcpTool_WaitsForApproval_ThenRuns()
    {
        await StartWithAsync(Server(new McpToolOptions("delete_note") { RequiresApproval = true }));
        Model.ThenCall(("d1", "delete_note", """{"name":"n1"}""")).ThenAnswer("deleted");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Delete note n1");

        var waiting = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        Assert.Equal("write", Assert.Single(waiting.Status!.PendingApprovals!).Permission);
        Assert.Single(Model.Calls);
        Assert.Equal(ApprovalSubmitStatus.Applied, (await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "ana"))).Status);
        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("deleted note n1", ResultSeen(1, "d1"));
    }

    [Fact]
    public async Task PinnedSchema_RunChecksTheArgumentsBeforeTheServerIsCalled()
    {
        const string Schema = """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}""";
        await StartWithAsync(Server(new McpToolOptions("add") { InputSchema = Schema, Description = "Adds a and b." }));
        Model.ThenCall(("bad", "add", """{"a":"two"}""")).ThenCall(("good", "add", """{"a":2,"b":40}""")).ThenAnswer("42");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["invalid-arguments", "ok"], result.ToolCalls.Select(c => c.Status));
        Assert.Contains("42", ResultSeen(2, "good"));
        Assert.Equal("Adds a and b.", Model.Calls[0].Options!.Tools!.OfType<AIFunctionDeclaration>().Single(t => t.Name == "add").Description);
    }

    [Fact]
    public async Task ToolReportsAnError_ModelGetsItAsTheResult()
    {
        await StartWithAsync(Server(new McpToolOptions("fail")));
        Model.ThenCall(("f1", "fail", """{"message":"disk full"}""")).ThenAnswer("could not");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("reported an error", ResultSeen(1, "f1"));
        Assert.Equal("error", Assert.Single(result.ToolCalls).Status);
    }

    [Fact]
    public async Task ServerDown_ModelIsToldTheCallCanBeRetried_AndTheRunGoesOn()
    {
        await StartWithAsync(DownServer(new McpToolOptions("echo")));
        Model.ThenCall(("e1", "echo", """{"text":"hi"}"""), ("b1", "lookup", """{"query":"y"}""")).ThenAnswer("went on without echo");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("went on without echo", result.Answer);
        var seen = ResultSeen(1, "e1");
        Assert.Contains("is unavailable", seen);
        Assert.Contains("The call was not sent; you can try it again later", seen);
        Assert.Contains("result for y", ResultSeen(1, "b1"));
        var declared = Model.Calls[0].Options!.Tools!.OfType<AIFunctionDeclaration>().Single(t => t.Name == "echo");
        Assert.Contains("unavailable right now", declared.Description);
    }

    [Fact]
    public async Task ServerDown_IdempotentToolIsRetriedDurably_ThenTheModelIsTold()
    {
        await StartWithAsync(DownServer(new McpToolOptions("echo") { IsIdempotent = true }));
        Model.ThenCall(("e1", "echo", """{"text":"hi"}""")).ThenAnswer("gave up");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var seen = ResultSeen(1, "e1");
        Assert.Contains($"failed after {FastPolicy.ToolCallAttempts} attempt(s)", seen);
        Assert.Contains("is unavailable", seen);
    }
}

/// <summary>The MCP scenarios over stdio: the pool starts the server as a child process and stops it with the host.</summary>
public sealed class StdioMcpToolRunTests : McpToolRunTestBase
{
    internal override McpServerOptions Server(params McpToolOptions[] tools) => McpTestServer.Stdio(tools);

    internal override McpServerOptions DownServer(params McpToolOptions[] tools) => McpTestServer.DownStdio(tools);
}

/// <summary>The MCP scenarios over streamable HTTP, against one server process per test class.</summary>
public sealed class HttpMcpToolRunTests(HttpMcpServerProcess server) : McpToolRunTestBase, IClassFixture<HttpMcpServerProcess>
{
    internal override McpServerOptions Server(params McpToolOptions[] tools) => server.Options(tools);

    internal override McpServerOptions DownServer(params McpToolOptions[] tools) => McpTestServer.DownHttp(tools);

    [Fact]
    public async Task WithoutTheConfiguredHeader_TheServerRefusesTheConnection_AndTheModelIsTold()
    {
        var options = server.Options(new McpToolOptions("echo"));
        options.Headers.Clear();
        await StartAsync(tools: [Tools.Lookup()], configure: a => a.AddMcpServer(options));
        Model.ThenCall(("e1", "echo", """{"text":"hi"}""")).ThenAnswer("no echo");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("is unavailable", ResultSeen(1, "e1"));
        Assert.DoesNotContain(McpTestServer.HeaderValue, ResultSeen(1, "e1"));
    }
}
