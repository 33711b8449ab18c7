using DurableAgents.Runs;
using DurableAgents.Runs.Audit;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.DurableTask;

namespace DurableAgents.Tests.Runs;

/// <summary>
/// Where a run's audit record is kept: from revision 2 each step's record rides in the conversation segment the next activity
/// writes; runs of revision 1 keep writing it through the audit activity, and both read back the same way.
/// </summary>
public sealed class AuditRecordTests : RunTestBase
{
    [Fact]
    public async Task EveryStep_IsInTheRunsConversation_AcrossGenerations()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 2, MaxSteps = 20, LoopThreshold = 0 });
        var n = 0;
        Model.Fallback = _ => ++n <= 5 ? Reply.Calls(($"c{n}", "lookup", $$"""{ "query" : "q{{n}}" }""")) : Reply.Text("done");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Look five things up.", "audit-in-conversation");

        var result = await Host.WaitForResultAsync(id);
        var entries = (await Host.Runs.GetAuditAsync(id))!.Entries;

        // The last model call wrote the last step's record: the audit's head is the conversation's.
        Assert.Equal(result.Conversation, result.Audit);
        Assert.Equal(Enumerable.Range(1, 5), entries.Select(e => e.Step));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"c{i}"), entries.Select(e => e.CallId));
        Assert.All(entries, e => Assert.Equal((id, AgentName, "lookup", "tool", "read", "ok"), (e.RunId, e.Agent, e.Tool, e.Kind, e.Permission, e.Outcome)));
        Assert.Equal(AuditLog.Digest("""{"query":"q3"}"""), entries[2].ArgumentDigest); // canonical: keys sorted, no spaces
        Assert.All(entries, e => Assert.True(e.CompletedAt >= e.RequestedAt && e.RequestedAt > DateTime.UnixEpoch));
    }

    [Fact]
    public async Task ARunThatEndsInValidation_RecordsTheCallsThatDidNotRun_WhenItClosesItsConversation()
    {
        await StartAsync(FastPolicy with { RetryBudget = 1 });
        Model.Fallback = _ => Reply.Calls(("bad", "lookup", "not json"), ("later", "lookup", """{"query":"x"}"""));

        var id = await Host!.Runs.StartRunAsync(AgentName, "Try.", "audit-at-close");
        var result = await Host.WaitForResultAsync(id);
        var entries = (await Host.Runs.GetAuditAsync(id))!.Entries;

        Assert.Equal(AgentRunOutcome.RetryBudget, result.Outcome);
        Assert.Equal([(1, "invalid-arguments"), (1, "ok"), (2, "not-run"), (2, "not-run")], entries.Select(e => (e.Step, e.Outcome)));
        Assert.Equal(AuditLog.Digest("not json"), entries[2].ArgumentDigest); // arguments that are no JSON object: the text sent
        Assert.Equal(result.Conversation, result.Audit);
    }

    [Fact]
    public async Task ARunOfRevision1_KeepsWritingItsRecordThroughTheAuditActivity()
    {
        await StartAsync();
        Model.ThenCall(("c1", "lookup", """{"query":"old"}""")).ThenAnswer("done");
        var id = await Host!.Orchestrations.ScheduleNewOrchestrationInstanceAsync(AgentRunNames.Orchestrator,
            new AgentRunInput(AgentName, "An older run.") { Revision = 1 }, new StartOrchestrationOptions { InstanceId = "audit-revision-1" });

        var result = await Host.WaitForResultAsync(id);
        var entry = Assert.Single((await Host.Runs.GetAuditAsync(id))!.Entries);

        Assert.NotEqual(result.Conversation, result.Audit); // its own chain of audit segments
        Assert.StartsWith("{", await Host.Store.GetAsync(result.Audit!));
        Assert.Equal((id, AgentName, "lookup", "ok", AuditLog.Digest("""{"query":"old"}""")), (entry.RunId, entry.Agent, entry.Tool, entry.Outcome, entry.ArgumentDigest));
    }
}
