using System.Text.Json.Nodes;
using DurableAgents.AgentFramework;
using DurableAgents.Agents;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Tests.Models;
using DurableAgents.Tests.Runs.Infrastructure;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.AgentFramework;

/// <summary>Agent Framework agents registered as durable agents: their model and tool calls become activities under our policy.</summary>
public sealed class ChatClientAgentRegistrationTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;
    private AgentTestHost? _host;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ChatClientAgent_OnTheOfflineModel_RunsDurablyWithItsTools()
    {
        var agent = new ChatClientAgent(new OfflineChatClient(), "You compute.", "maf-calc", "Computes things.", [BuiltInTools.Calculator()]);
        _host = await AgentTestHost.StartAsync(b => b.AddAgent(agent, new AgentPolicy { MaxSteps = 4 }));

        var result = await _host.RunAsync("maf-calc", "What is 12 * 12?");

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.StartsWith(OfflineChatClient.Label, result.Answer);
        Assert.Contains("144", result.Answer);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("calculator", "ok"), (call.Tool, call.Status));
        var definition = _host.Runs.Catalog.Find("maf-calc")!;
        Assert.Equal("Computes things.", definition.Description);
        Assert.Equal("You compute.", definition.Instructions);
        Assert.Equal(4, definition.Policy.MaxSteps);
        Assert.Equal(ToolPermission.Write, definition.Tools.Single().Permission);
    }

    [Fact]
    public async Task ChatClientAgent_OverAnOpenAIServer_ToolCallIsAnActivityNotAFunctionInvocation()
    {
        var looked = 0;
        var lookup = AIFunctionFactory.Create((string query) => { Interlocked.Increment(ref looked); return $"the answer to {query}"; }, "lookup", "Looks things up.");
        var model = OpenAIModels.CreateChatClient(new OpenAIModelOptions { BaseUrl = _server.BaseUrl, Model = "gpt-test" });
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions
        {
            Name = "maf-remote",
            ChatOptions = new ChatOptions { Instructions = "Answer with the lookup tool.", Tools = [lookup], ModelId = "gpt-test" },
        });
        _server.Enqueue(ScriptedReply.ToolCalls(("call_1", "lookup", """{"query":"north"}""")), ScriptedReply.Text("North is up."));
        _host = await AgentTestHost.StartAsync(b => b.AddAgent(agent));

        var result = await _host.RunAsync("maf-remote", "Which way is north?");

        Assert.Equal("North is up.", result.Answer);
        Assert.Equal(1, looked);
        Assert.Equal(2, _server.Requests.Count); // a function-invoking client would have answered the call inside the first model call
        var first = _server.Requests[0].Body;
        Assert.Contains("Answer with the lookup tool.", first["messages"]![0]!["content"]!.ToString());
        Assert.Equal("lookup", first["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        var toolMessage = _server.Requests[1].Body["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("the answer to north", toolMessage["content"]!.ToString());
        Assert.Contains(DurableAgents.Runs.Loop.ToolResultFormatter.Tag, toolMessage["content"]!.ToString()); // the run's delimited result, written by the tool activity
        Assert.Equal(("lookup", "ok", 1), (result.ToolCalls.Single().Tool, result.ToolCalls.Single().Status, result.ToolCalls.Single().Step));
    }

    [Fact]
    public async Task ApprovalRequiredFunction_WaitsForAHuman()
    {
        var sent = 0;
        var send = new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string to) => { Interlocked.Increment(ref sent); return $"sent to {to}"; }, "send_mail"));
        var model = new ScriptedChatClient().ThenCall(("m1", "send_mail", """{"to":"ana@example.com"}""")).ThenAnswer("mailed");
        _host = await AgentTestHost.StartAsync(b => b.AddAgent(new ChatClientAgent(model, "Mail people.", "maf-mail", tools: [send])));

        var id = await _host.Runs.StartRunAsync("maf-mail", "Mail Ana.");
        var waiting = await _host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        Assert.Equal(0, sent);
        Assert.Equal("send_mail", waiting.Status!.PendingApprovals!.Single().Tool);
        await _host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));

        Assert.Equal("mailed", (await _host.WaitForResultAsync(id)).Answer);
        Assert.Equal(1, sent);
    }

    [Fact]
    public void AgentsThatCannotRunDurably_AreRefusedWithTheReason()
    {
        var nameless = Assert.Throws<ArgumentException>(() => AgentFrameworkAgents.ToDefinition(new ChatClientAgent(new OfflineChatClient())));
        Assert.Contains("Give the agent a name", nameless.Message);

        var invoking = new ChatClientBuilder(new OfflineChatClient()).UseOpenTelemetry().UseFunctionInvocation().Build();
        var selfInvoking = Assert.Throws<ArgumentException>(() => AgentFrameworkAgents.ToDefinition(new ChatClientAgent(invoking, name: "self-invoking")));
        Assert.Contains("invokes tools itself", selfInvoking.Message);

        var hosted = new ChatClientAgent(new OfflineChatClient(), new ChatClientAgentOptions { Name = "hosted", ChatOptions = new ChatOptions { Tools = [new HostedWebSearchTool()] } });
        var notAFunction = Assert.Throws<ArgumentException>(() => AgentFrameworkAgents.ToDefinition(hosted));
        Assert.Contains("not a function", notAFunction.Message);
    }
}
