using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Runs;

public sealed class SubAgentAndStorageTests : RunTestBase
{
    private readonly ScriptedChatClient _helperModel = new("helper-model");

    [Fact]
    public async Task SubAgent_RunsAsSubOrchestrationAndItsAnswerComesBack()
    {
        await StartAsync(configure: a => a.SubAgents.Add("helper"), more: b => b.AddAgent("helper", h =>
        {
            h.Model = _helperModel;
            h.Policy = FastPolicy;
        }));
        _helperModel.ThenAnswer("helper says 42");
        Model.ThenCall(("s1", "helper", """{"task":"compute the answer"}""")).ThenAnswer("The answer is 42.");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("helper says 42", ResultSeen(1, "s1"));
        Assert.Equal("compute the answer", _helperModel.Calls[0].Messages[1].Text);
        Assert.Equal(360, result.Usage.InputTokens + result.Usage.OutputTokens); // parent 2 calls + helper 1 call, 120 tokens each
        Assert.Contains(Model.Calls[0].Options!.Tools!, t => t.Name == "helper");
    }

    [Fact]
    public async Task SubAgent_PastTheDepthLimitIsRefused()
    {
        await StartAsync(FastPolicy with { MaxSubAgentDepth = 0 }, configure: a => a.SubAgents.Add("helper"),
            more: b => b.AddAgent("helper", h => h.Model = _helperModel));
        Model.ThenCall(("s1", "helper", """{"task":"x"}""")).ThenAnswer("did it myself");

        var result = await RunAsync();

        Assert.Equal("refused", result.ToolCalls[0].Status);
        Assert.Contains("depth", ResultSeen(1, "s1"));
        Assert.Empty(_helperModel.Calls);
    }

    [Fact]
    public async Task Conversation_StoredBytesGrowLinearlyWithNewContent()
    {
        const int Steps = 40;
        await StartAsync(FastPolicy with { MaxSteps = Steps + 1, LoopThreshold = 0 }, tools: [Tools.Lookup(result: q => $"{q}:" + new string('r', 500))]);
        var n = 0;
        Model.Fallback = _ => ++n <= Steps ? Reply.Calls(($"c{n}", "lookup", $$"""{"query":"q{{n}}"}""")) : Reply.Text("done");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var stored = await Host!.Store.GetStoredBytesAsync();
        // Each step adds ~0.6 KB of new content; storing the conversation per step would be ~Steps^2/2 * 0.6 KB (~500 KB).
        var perStepContent = 650L;
        Assert.InRange(stored, perStepContent * Steps / 2, perStepContent * Steps * 3);
        var history = await Host.Orchestrations.GetOrchestrationHistoryAsync((await Host.InstanceIdsAsync())[0]);
        var historyBytes = history.Sum(e => System.Text.Json.JsonSerializer.Serialize(e, e.GetType()).Length);
        Assert.InRange(historyBytes, 1, perStepContent * Steps * 4); // ids, arguments and previews only: quadratic would be ~20x
    }

    [Fact]
    public async Task SqliteBackend_RunCompletes_AndTheConversationSurvivesARestartOnTheSameFolder()
    {
        using var folder = new TempFolder("da-agents");
        await StartAsync(fileDataPath: folder.Path);
        Model.ThenCall(("c1", "lookup", """{"query":"disk"}""")).ThenAnswer("stored");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var storedBytes = await Host!.Store.GetStoredBytesAsync();
        Assert.True(storedBytes > 0);

        // The conversation survives a restart on the data folder: it was stored, not kept in memory only.
        await StopHostAsync();
        await StartAsync(fileDataPath: folder.Path);
        Assert.Equal(storedBytes, await Host!.Store.GetStoredBytesAsync());
        var view = await Host.Runs.GetRunAsync((await Host.InstanceIdsAsync())[0]);
        Assert.Equal("lookup", Assert.Single(view!.ToolCalls!).Tool);
    }
}
