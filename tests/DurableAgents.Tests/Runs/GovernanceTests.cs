using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Tests.Patterns;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Runs;

/// <summary>Issue 14, part 5: workers keep to their own tools, every call is audited, and an escalation carries what a human needs.</summary>
public sealed class GovernanceTests : PatternTestBase
{
    private readonly ScriptedChatClient _boss = new();
    private readonly ScriptedChatClient _reader = new();
    private readonly TestTools _tools = new();

    private Task StartTeamAsync(AgentPolicy? bossPolicy = null) => StartAsync(b => b
        .AddAgent(Agent("boss", _boss, a =>
        {
            a.SubAgents.AddRange(["reader", "cleaner"]);
            a.Tools.Add(_tools.Lookup("boss_secret"));
            a.Policy = bossPolicy ?? FastPolicy with { AllowEscalation = true };
        }))
        .AddAgent(Agent("reader", _reader, a =>
        {
            a.Tools.Add(_tools.Lookup("read_records"));
            a.Policy = FastPolicy with { MaxPermission = ToolPermission.Read };
        }))
        .AddAgent(Agent("cleaner", new ScriptedChatClient(), a => a.Tools.Add(_tools.Delete()))));

    [Fact]
    public async Task AWorker_CannotCallItsParentsOrASiblingsTools_WhateverTheModelAsks()
    {
        await StartTeamAsync();
        _boss.ThenCall(("b1", "reader", """{"task":"read and clean up"}""")).ThenAnswer("done");
        _reader.ThenCall(("w1", "boss_secret", """{"query":"x"}"""), ("w2", "delete_file", """{"path":"/etc"}"""), ("w3", "read_records", """{"query":"all"}"""))
            .ThenAnswer("read them");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("boss", "Tidy the records", "gov-1"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["read_records:all"], _tools.Invocations);
        var worker = (await Host.Runs.GetRunAsync("gov-1:s1.0"))!;
        Assert.Equal(["unknown-tool", "unknown-tool", "ok"], worker.ToolCalls!.Select(c => c.Status));
        Assert.Contains("The tools you can call are: read_records.", worker.ToolCalls![0].Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAudit_RecordsEveryCallOfTheRunAndItsSubRuns_WithPermissionApprovalAndOutcome()
    {
        await StartTeamAsync();
        _boss.ThenCall(("b1", "reader", """{"task":"read"}"""), ("b2", "boss_secret", """{"query":"k"}""")).ThenAnswer("done");
        _reader.ThenCall(("w1", "read_records", """{"query":"all"}"""), ("w2", "nope", "{}")).ThenAnswer("read");
        var id = await Host.Runs.StartRunAsync("boss", "Audit me", "gov-2");
        await ResultAsync(id);

        var trail = (await Host.Runs.GetAuditAsync(id))!;

        Assert.Equal(["gov-2", "gov-2:s1.0"], trail.Runs);
        var byTool = trail.Entries.ToDictionary(e => e.Tool);
        Assert.Equal(("sub-agent", "sub-agent", "ok", "gov-2:s1.0"), (byTool["reader"].Kind, byTool["reader"].Permission, byTool["reader"].Outcome, byTool["reader"].SubRunId));
        Assert.Equal(("gov-2:s1.0", "reader", "read", "ok"), (byTool["read_records"].RunId, byTool["read_records"].Agent, byTool["read_records"].Permission, byTool["read_records"].Outcome));
        Assert.Equal(("none", "unknown-tool"), (byTool["nope"].Permission, byTool["nope"].Outcome));
        Assert.Equal(DurableAgents.Runs.Audit.AuditLog.Digest("""{"query":"all"}"""), byTool["read_records"].ArgumentDigest);
        Assert.All(trail.Entries, e => Assert.True(e.CompletedAt >= e.RequestedAt && e.RequestedAt > DateTime.UnixEpoch));
    }

    [Fact]
    public async Task ApprovedAndRejectedCalls_AreAuditedWithTheirApprover()
    {
        await StartAsync(b => b.AddAgent(Agent("cleaner", _boss, a => a.Tools.Add(_tools.Delete()))));
        _boss.ThenCall(("c1", "delete_file", """{"path":"a"}"""), ("c2", "delete_file", """{"path":"b"}""")).ThenAnswer("done");
        var id = await Host.Runs.StartRunAsync("cleaner", "Delete a and b", "gov-3");
        await WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, ["c1"], "alice"));
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, ["c2"], "bob", "keep b"));
        await ResultAsync(id);
        var entries = (await Host.Runs.GetAuditAsync(id))!.Entries;

        Assert.Equal([("approved", "alice", "ok"), ("rejected", "bob", "rejected")], entries.Select(e => (e.Approval!, e.Approver!, e.Outcome)));
        Assert.All(entries, e => Assert.Equal("destructive", e.Permission));
        Assert.All(entries, e => Assert.Contains("destructive", e.ApprovalReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEscalation_PausesTheRunWithGoalWhatWasTriedAndWhy_AndTheHumansAnswerComesBack()
    {
        await StartTeamAsync();
        _boss.ThenCall(("b1", "boss_secret", """{"query":"k"}"""))
            .ThenCall(("b2", "escalate_to_human", """{"reason":"The records store refuses me.","tried":"boss_secret once"}"""))
            .ThenAnswer("Following the human's advice.");
        var id = await Host.Runs.StartRunAsync("boss", "Fix the records", "gov-4");

        var escalated = await WaitForPhaseAsync(id, AgentRunNames.EscalatedPhase);
        var submitted = await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "lead", Comment: "Use the backup."));
        var result = await ResultAsync(id);

        var escalation = escalated.Status!.Escalation!;
        Assert.Equal("Fix the records", escalation.Goal);
        Assert.Equal("The records store refuses me.", escalation.Reason);
        Assert.Contains("boss_secret (ok)", escalation.Tried, StringComparison.Ordinal);
        Assert.Contains("The agent says it tried: boss_secret once", escalation.Tried, StringComparison.Ordinal);
        Assert.Equal("human", Assert.Single(escalated.Status.PendingApprovals!).Permission);
        Assert.Equal(ApprovalSubmitStatus.Applied, submitted.Status);
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("A human (lead) took the escalation and answered: Use the backup.", _boss.Calls[2].ToolResults.Last(), StringComparison.Ordinal);
        var entry = (await Host.Runs.GetAuditAsync(id))!.Entries.Single(e => e.Kind == "escalation");
        Assert.Equal(("human", "approved", "lead", "ok"), (entry.Permission, entry.Approval, entry.Approver, entry.Outcome));
    }

    [Fact]
    public async Task WithoutThePolicy_EscalationIsAnUnknownTool()
    {
        await StartTeamAsync(FastPolicy);
        _boss.ThenCall(("b1", "escalate_to_human", """{"reason":"help"}""")).ThenAnswer("alone");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("boss", "Alone", "gov-5"));

        Assert.Equal("unknown-tool", Assert.Single((await Host.Runs.GetRunAsync("gov-5"))!.ToolCalls!).Status);
        Assert.DoesNotContain(_boss.Calls[0].Options!.Tools!, t => t.Name == "escalate_to_human");
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
    }
}
