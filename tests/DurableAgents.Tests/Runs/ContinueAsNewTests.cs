using Microsoft.Extensions.Time.Testing;
using DurableAgents.Runs;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Runs;

/// <summary>Long runs turn their history over (continue as new) every few steps and lose nothing doing it.</summary>
public sealed class ContinueAsNewTests : RunTestBase
{
    private const int Every = 3;

    [Fact]
    public async Task LongRun_KeepsStepsUsageAndEveryToolCallAcrossGenerations()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = Every, MaxSteps = 50, LoopThreshold = 0 });
        var n = 0;
        Model.Fallback = _ => ++n <= Every * 3 ? Reply.Calls(($"c{n}", "lookup", $$"""{"query":"q{{n}}"}""")) : Reply.Text("all done");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("all done", result.Answer);
        Assert.Equal(Every * 3 + 1, result.Steps);
        Assert.Equal((Every * 3 + 1) * 120, result.Usage.InputTokens + result.Usage.OutputTokens);
        Assert.Equal(Enumerable.Range(1, Every * 3).Select(i => $"c{i}"), result.ToolCalls.Select(c => c.CallId));
        Assert.Equal(Enumerable.Range(1, Every * 3), result.ToolCalls.Select(c => c.Step));
        Assert.All(result.ToolCalls, c => Assert.Equal("ok", c.Status));
        Assert.Contains("result for q7", result.ToolCalls[6].Result);
        Assert.Equal("""{"query":"q7"}""", result.ToolCalls[6].Arguments.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

        // The model saw the whole conversation in the last call, across the generations.
        Assert.Equal(Every * 3, Model.Calls[^1].ToolResults.Count());
    }

    [Fact]
    public async Task History_StaysBoundedAsStepsGrow()
    {
        var shortRun = await HistoryBytesAfterAsync(steps: Every * 2);
        await StopHostAsync();
        var longRun = await HistoryBytesAfterAsync(steps: Every * 8);

        // Without turning over, 4x the steps would mean about 4x the history; with it, the last generation is as small.
        Assert.True(longRun < shortRun * 1.5, $"history after {Every * 2} steps: {shortRun} B, after {Every * 8}: {longRun} B");
    }

    [Fact]
    public async Task Approval_RaisedWhileTheGenerationTurnsOver_StillArrives()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1 }, tools: [Tools.Lookup(), Tools.Delete()]);
        string? id = null;
        Model.Then(_ =>
            {
                // Raised before the run asks: it is buffered in generation 1 and must be carried into generation 2.
                Host!.Orchestrations.RaiseEventAsync(id!, AgentRunNames.ApprovalEvent, new ApprovalDecision(true, Approver: "early")).GetAwaiter().GetResult();
                return Reply.Calls(("c1", "lookup", """{"query":"first"}"""));
            })
            .ThenCall(("d1", "delete_file", """{"path":"a.txt"}"""))
            .ThenAnswer("deleted");
        id = "approval-across-generations";
        await Host!.Runs.StartRunAsync(AgentName, "Clean up", id);

        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["lookup:first", "delete:a.txt"], Tools.Invocations);
        Assert.Equal(["ok", "ok"], result.ToolCalls.Select(c => c.Status));
    }

    [Fact]
    public async Task LoopDetection_CountsCallsAcrossGenerations()
    {
        const string Same = """{"query":"same"}""";
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1, LoopThreshold = 2 });
        Model.ThenCall(("c1", "lookup", Same)).ThenCall(("c2", "lookup", Same)).ThenCall(("c3", "lookup", Same));

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.LoopDetected, result.Outcome);
        Assert.Equal("loop-warning", result.ToolCalls.Single(c => c.CallId == "c2").Status);
        Assert.Single(Tools.Invocations);
    }

    [Fact]
    public async Task SubAgents_InDifferentGenerationsGetDistinctInstances()
    {
        // A frozen clock: generated ids would repeat from one generation to the next; the sub-agents' must not.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var helper = new ScriptedChatClient("helper-model") { Fallback = _ => Reply.Text("helped") };
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1 }, time: clock, configure: a => a.SubAgents.Add("helper"),
            more: b => b.AddAgent("helper", h => { h.Model = helper; h.Policy = FastPolicy; }));
        Model.ThenCall(("s1", "helper", """{"task":"one"}""")).ThenCall(("s2", "helper", """{"task":"two"}""")).ThenAnswer("done");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(2, helper.Calls.Count);
        Assert.Contains("helped", ResultSeen(2, "s2"));
        var children = (await Host!.InstanceIdsAsync()).Where(i => i.Contains(":s", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, children.Distinct().Count());
    }

    [Fact]
    public async Task StatusAndGoal_StayVisibleAfterTurningOver()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1 }, tools: [Tools.Lookup(), Tools.Delete()]);
        Model.ThenCall(("c1", "lookup", """{"query":"which files"}""")).ThenCall(("d1", "delete_file", """{"path":"a.txt"}""")).ThenAnswer("deleted");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Clean up old files");

        var view = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        Assert.Equal("Clean up old files", view.Goal);
        Assert.Equal(2, view.Status!.Step);
        Assert.Contains("result for which files", view.Status.GatheredSoFar);
        Assert.Contains("1 tool call(s) so far", view.Status.GatheredSoFar);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));
        Assert.Equal(AgentRunOutcome.Completed, (await Host.WaitForResultAsync(id)).Outcome);
    }

    [Fact]
    public async Task Continuation_CarriesReferencesNotContent()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1, LoopThreshold = 0 },
            tools: [Tools.Lookup(result: q => $"BULKY-{q}-" + new string('z', 2000))]);
        var n = 0;
        Model.Fallback = _ => ++n <= 4 ? Reply.Calls(($"c{n}", "lookup", $$"""{"query":"q{{n}}"}""")) : Reply.Text("done");

        await Host!.RunAsync(AgentName, "goal", "carried");

        var history = await Host.Orchestrations.GetOrchestrationHistoryAsync("carried");
        var started = Assert.IsType<global::DurableTask.Core.History.ExecutionStartedEvent>(history.First(e => e is global::DurableTask.Core.History.ExecutionStartedEvent));
        Assert.Contains("\"generation\":4", started.Input);
        Assert.DoesNotContain("BULKY", started.Input);
        Assert.True(started.Input!.Length < 800, $"the carried state is {started.Input.Length} characters: {started.Input}");
    }

    private async Task<long> HistoryBytesAfterAsync(int steps)
    {
        var model = new ScriptedChatClient();
        var n = 0;
        model.Fallback = _ => ++n <= steps ? Reply.Calls(($"c{n}", "lookup", $$"""{"query":"q{{n}}"}""")) : Reply.Text("done");
        var host = await StartAsync(FastPolicy with { ContinueAsNewEvery = Every, MaxSteps = steps + 1, LoopThreshold = 0 },
            configure: a => a.Model = model);
        var result = await host.RunAsync(AgentName, "goal", $"history-{steps}");
        Assert.Equal(steps + 1, result.Steps);
        var history = await host.Orchestrations.GetOrchestrationHistoryAsync($"history-{steps}");
        return history.Sum(e => (long)System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, e.GetType()).Length);
    }
}
