using Microsoft.Extensions.Time.Testing;
using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Runs;

public sealed class ApprovalTests : RunTestBase
{
    private const string DeleteA = """{"path":"a.txt"}""";
    private const string DeleteB = """{"path":"b.txt"}""";

    [Fact]
    public async Task Approval_StatusCarriesContextAndApproveAllRunsTheCalls()
    {
        await StartAsync(tools: [Tools.Lookup(), Tools.Delete()]);
        Model.ThenCall(("c0", "lookup", """{"query":"which files"}"""))
            .ThenCall(("d1", "delete_file", DeleteA), ("d2", "delete_file", DeleteB)).ThenAnswer("deleted both");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Clean up old files");

        var view = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        var status = view.Status!;
        Assert.Equal("Clean up old files", status.Goal);
        Assert.Equal(["d1", "d2"], status.PendingApprovals!.Select(p => p.CallId));
        Assert.Equal("a.txt", status.PendingApprovals![0].Arguments.GetProperty("path").GetString());
        Assert.Contains("destructive", status.PendingApprovals[0].Reason);
        Assert.Equal("destructive", status.PendingApprovals[0].Permission);
        Assert.Contains("result for which files", status.GatheredSoFar);
        Assert.NotNull(status.ApprovalDeadline);
        Assert.Equal(["lookup:which files"], Tools.Invocations);

        Assert.Equal(ApprovalSubmitStatus.Applied, (await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "ana"))).Status);
        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("delete:a.txt", Tools.Invocations);
        Assert.Contains("delete:b.txt", Tools.Invocations);
    }

    [Fact]
    public async Task Approval_RejectOneOfTwoParallelCalls_RejectionGoesToTheModel()
    {
        await StartAsync(tools: [Tools.Delete()]);
        Model.ThenCall(("d1", "delete_file", DeleteA), ("d2", "delete_file", DeleteB)).ThenAnswer("deleted a only");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Clean up");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, ["d2"], "bob", "b.txt is still needed"));
        var partial = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await TestDeadline.WaitUntilAsync(async () => (await Host.Runs.GetRunAsync(id))!.Status!.PendingApprovals!.Count == 1, "d2 decided");
        // A duplicate decision for the rejected call is ignored; d1 stays pending.
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, ["d2"], "eve"));
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, ["d1"], "bob"));
        var result = await Host.WaitForResultAsync(id);

        Assert.NotNull(partial);
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["delete:a.txt"], Tools.Invocations);
        Assert.Equal(["ok", "rejected"], result.ToolCalls.Select(c => c.Status));
        Assert.Contains("rejected by bob: b.txt is still needed", ResultSeen(1, "d2"));
    }

    [Fact]
    public async Task Approval_RejectingEverythingThenAnsweringEndsRejected()
    {
        await StartAsync(tools: [Tools.Delete()]);
        Model.ThenCall(("d1", "delete_file", DeleteA)).ThenAnswer("I could not delete it.");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Delete a.txt");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, Approver: "ana", Comment: "no"));
        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Rejected, result.Outcome);
        Assert.Equal("I could not delete it.", result.Answer);
        Assert.Contains("rejected by ana: no", result.Reason);
        Assert.Empty(Tools.Invocations);
    }

    [Fact]
    public async Task Approval_TimeoutWithRejectPolicyRejectsThePendingCalls()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await StartAsync(FastPolicy with { ApprovalTimeout = TimeSpan.FromHours(1), OnApprovalTimeout = ApprovalTimeoutAction.Reject },
            tools: [Tools.Send()], time: clock);
        Model.ThenCall(("s1", "send_mail", """{"to":"x@y.z","body":"hi"}""")).ThenAnswer("not sent");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Mail x");
        var view = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddHours(1), view.Status!.ApprovalDeadline);

        clock.Advance(TimeSpan.FromHours(1));
        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Rejected, result.Outcome);
        Assert.Contains("approval timeout", ResultSeen(1, "s1"));
        Assert.Empty(Tools.Invocations);
    }

    [Fact]
    public async Task Approval_TimeoutWithEscalatePolicyKeepsWaitingMarkedEscalated()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await StartAsync(FastPolicy with { ApprovalTimeout = TimeSpan.FromHours(1), OnApprovalTimeout = ApprovalTimeoutAction.Escalate },
            tools: [Tools.Send()], time: clock);
        Model.ThenCall(("s1", "send_mail", """{"to":"x@y.z","body":"hi"}""")).ThenAnswer("sent");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Mail x");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        clock.Advance(TimeSpan.FromHours(1));
        var escalated = await Host.WaitForPhaseAsync(id, AgentRunNames.EscalatedPhase);
        clock.Advance(TimeSpan.FromDays(30));

        Assert.Null(escalated.Status!.ApprovalDeadline);
        Assert.Single(escalated.Status.PendingApprovals!);
        Assert.Equal(AgentRunNames.EscalatedPhase, (await Host.Runs.GetRunAsync(id))!.Status!.Phase);
        Assert.Equal(ApprovalSubmitStatus.Applied, (await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "lead"))).Status);
        var result = await Host.WaitForResultAsync(id);
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["send:x@y.z"], Tools.Invocations);
    }

    [Fact]
    public async Task Approval_PolicyListCanRequireApprovalForAnOrdinaryTool()
    {
        await StartAsync(FastPolicy with { ApprovalRequiredFor = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "lookup" } });
        Model.ThenCall(("c1", "lookup", """{"query":"q"}""")).ThenAnswer("done");
        var id = await Host!.Runs.StartRunAsync(AgentName, "x");

        var view = await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));

        Assert.Contains("policy requires approval", view.Status!.PendingApprovals![0].Reason);
        Assert.Equal(AgentRunOutcome.Completed, (await Host.WaitForResultAsync(id)).Outcome);
    }
}
