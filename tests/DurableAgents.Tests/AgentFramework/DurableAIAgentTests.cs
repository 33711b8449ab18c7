using DurableAgents.AgentFramework;
using DurableAgents.Agents;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Tests.Models;
using DurableAgents.Tests.Runs.Infrastructure;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.AgentFramework;

/// <summary>Durable agents as Agent Framework <see cref="AIAgent"/>s: a run is a durable run, streaming yields its steps.</summary>
public sealed class DurableAIAgentTests : IAsyncLifetime
{
    private static readonly DurableAIAgentOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(20) };
    private AgentTestHost _host = null!;
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAIServer.StartAsync();
        _host = await AgentTestHost.StartAsync(b => b
            .AddAgent("calc", a =>
            {
                a.Description = "Computes things.";
                a.Model = new OfflineChatClient();
                a.Tools.Add(new AgentTool(BuiltInTools.Calculator()));
            })
            .AddAgent("mailer", a =>
            {
                a.Model = new ScriptedChatClient().ThenCall(("m1", "send_mail", """{"to":"ana"}""")).ThenAnswer("mailed");
                a.Tools.Add(new AgentTool(AIFunctionFactory.Create((string to) => $"sent to {to}", "send_mail")) { RequiresApproval = true });
            })
            .AddAgent("remote", a => a.Model = OpenAIModels.CreateChatClient(new OpenAIModelOptions { BaseUrl = _server.BaseUrl, Model = "gpt-test" })));
    }

    private static object? Property(AgentResponseUpdate update, string key) =>
        update.AdditionalProperties?.TryGetValue(key, out var value) == true ? value : null;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_StartsADurableRun_AndReturnsItsAnswer()
    {
        AIAgent agent = _host.Runs.AsAIAgent("calc", Fast);

        var response = await agent.RunAsync("What is 6 * 7?");

        Assert.StartsWith(OfflineChatClient.Label, response.Text);
        Assert.Contains("42", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.InputTokenCount > 0);
        var run = await _host.Runs.GetRunAsync(response.ResponseId!);
        Assert.Equal(AgentRunOutcome.Completed, run!.Result!.Outcome);
        Assert.Equal(run.Result.Answer, response.Text);
        Assert.Contains(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>(), c => c.Name == "calculator" && c.InformationalOnly);
        Assert.Equal(("calc", "Computes things."), (agent.Name, agent.Description));
    }

    [Fact]
    public async Task RunStreamingAsync_YieldsTheToolCallsBeforeTheAnswer()
    {
        AIAgent agent = _host.Runs.AsAIAgent("calc", Fast);

        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in agent.RunStreamingAsync("What is 9 * 9?"))
        {
            updates.Add(update);
        }

        var call = updates.FindIndex(u => u.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "calculator"));
        var result = updates.FindIndex(u => u.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString()?.Contains("81") == true));
        var answer = updates.FindIndex(u => u.Text.Contains("81", StringComparison.Ordinal));
        Assert.True(call >= 0 && call < result && result < answer, $"call {call}, result {result}, answer {answer}");
        Assert.Equal(answer, updates.Count - 1);
        var runId = updates[^1].ResponseId!;
        Assert.All(updates, u => Assert.Equal(runId, u.ResponseId));
        Assert.Equal((await _host.Runs.GetRunAsync(runId))!.Result!.Answer, updates.ToAgentResponse().Text);
    }

    [Fact]
    public async Task RunStreamingAsync_ReportsTheApprovalWait_AndGoesOnOnceApproved()
    {
        AIAgent agent = _host.Runs.AsAIAgent("mailer", Fast);

        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in agent.RunStreamingAsync("Mail Ana."))
        {
            updates.Add(update);
            if (Property(update, DurableAIAgent.PhaseKey) is AgentRunNames.AwaitingApprovalPhase)
            {
                var pending = Assert.IsAssignableFrom<IReadOnlyList<PendingApproval>>(Property(update, DurableAIAgent.PendingApprovalsKey));
                Assert.Equal("send_mail", pending.Single().Tool);
                Assert.Equal(ApprovalSubmitStatus.Applied, (await _host.Runs.SubmitApprovalAsync(update.ResponseId!, new ApprovalDecision(true))).Status);
            }
        }

        Assert.Contains(updates, u => Property(u, DurableAIAgent.PhaseKey) is AgentRunNames.AwaitingApprovalPhase);
        Assert.Contains(updates, u => u.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString()?.Contains("sent to ana") == true));
        Assert.Equal("mailed", updates[^1].Text);
        Assert.Equal("Completed", Property(updates[^1], DurableAIAgent.OutcomeKey));
    }

    [Fact]
    public async Task Session_GivesTheNextRunTheConversation()
    {
        AIAgent agent = _host.Runs.AsAIAgent("remote", Fast);
        _server.Enqueue(ScriptedReply.Text("Paris."), ScriptedReply.Text("About 2 million."));
        var session = await agent.CreateSessionAsync();

        Assert.Equal("Paris.", (await agent.RunAsync("What is the capital of France?", session)).Text);
        var restored = await agent.DeserializeSessionAsync(await agent.SerializeSessionAsync(session));
        Assert.Equal("About 2 million.", (await agent.RunAsync("How many people live there?", restored)).Text);

        var second = await _host.Runs.GetRunAsync(((DurableAgentSession)restored).LastRunId!);
        Assert.Contains("user: What is the capital of France?", second!.Goal);
        Assert.Contains("assistant: Paris.", second.Goal);
        Assert.EndsWith("user: How many people live there?", second.Goal);
    }

    [Fact]
    public async Task AgentFrameworkCode_CallsADurableAgentAsATool()
    {
        var durable = _host.Runs.AsAIAgent("calc", Fast);
        var planner = new ScriptedChatClient()
            .Then(_ => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("t1", durable.AsAIFunction().Name, new Dictionary<string, object?> { ["query"] = "What is 5 * 5?" })])))
            .Then(call => Reply.Text("The calc agent said: " + call.ToolResults.Single()));
        var outer = new ChatClientAgent(planner, "Delegate arithmetic.", "outer", tools: [durable.AsAIFunction()]);

        var response = await outer.RunAsync("Ask the calc agent for 5 * 5.");

        Assert.Contains("25", response.Text);
        Assert.StartsWith("The calc agent said: ", response.Text);
    }

    [Fact]
    public async Task RunId_FromTheOptions_AndBadInput_IsRefused()
    {
        AIAgent agent = _host.Runs.AsAIAgent("calc", Fast);
        var options = new AgentRunOptions { AdditionalProperties = new() { [DurableAIAgent.RunIdProperty] = "maf-run-1" } };

        var response = await agent.RunAsync("What is 2 * 3?", options: options);

        Assert.Equal("maf-run-1", response.ResponseId);
        await Assert.ThrowsAsync<RunAlreadyExistsException>(() => agent.RunAsync("again", options: options));
        await Assert.ThrowsAsync<ArgumentException>(() => agent.RunAsync(" "));
        var forUser = new AgentRunOptions { AdditionalProperties = new() { [DurableAIAgent.RunIdProperty] = "maf-run-2", [DurableAIAgent.UserProperty] = "ana" } };
        await agent.RunAsync("What is 2 * 4?", options: forUser);
        Assert.Equal("ana", (await _host.Runs.GetRunAsync("maf-run-2"))!.User);
        var badUser = new AgentRunOptions { AdditionalProperties = new() { [DurableAIAgent.UserProperty] = "a b" } };
        Assert.Contains("not valid", (await Assert.ThrowsAsync<ArgumentException>(() => agent.RunAsync("hi", options: badUser))).Message, StringComparison.Ordinal);
        Assert.Throws<AgentNotFoundException>(() => _host.Runs.AsAIAgent("nobody"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _host.Runs.AsAIAgent("calc", new DurableAIAgentOptions { PollInterval = TimeSpan.Zero }));
    }
}
