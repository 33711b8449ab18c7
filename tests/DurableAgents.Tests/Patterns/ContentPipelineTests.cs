using DurableAgents.Models;
using DurableAgents.Patterns;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Patterns;

/// <summary>Issue 14, part 2: stages as sub-runs, a confidence gate, a human review that can send corrections, budgets with a report.</summary>
public sealed class ContentPipelineTests : PatternTestBase
{
    private readonly ScriptedChatClient _judge = new();
    private readonly ScriptedChatClient _writer = new();

    private Task StartPipelineAsync(ContentPipelinePattern? pattern = null) => StartAsync(b => b
        .AddAgent(Agent("pipeline", _judge, a => a.Pattern = pattern ?? Pattern()))
        .AddAgent(Agent("researcher", new OfflineChatClient()))
        .AddAgent(Agent("writer", _writer))
        .AddAgent(Agent("checker", new OfflineChatClient()))
        .AddAgent(Agent("formatter", new OfflineChatClient())));

    private static ContentPipelinePattern Pattern() => new() { Researcher = "researcher", Writer = "writer", FactChecker = "checker", Formatter = "formatter" };

    [Fact]
    public async Task HighConfidence_GoesStraightToFormat()
    {
        await StartPipelineAsync();
        _writer.ThenAnswer("DRAFT-1");
        _judge.Then(_ => Json(new { confidence = 0.9, reasoning = "checked" }));

        var result = await ResultAsync(await Host.Runs.StartRunAsync("pipeline", """{"topic": "tides"}""", "lp-1"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("DRAFT-1", result.Answer, StringComparison.Ordinal);
        Assert.Equal(["lp-1:research.1", "lp-1:write-v1.1", "lp-1:fact-check-v1.1", "lp-1:format.1"],
            (await Host.InstanceIdsAsync()).Where(i => i.StartsWith("lp-1:", StringComparison.Ordinal)).OrderBy(Order));
        Assert.Contains("Topic: tides", _writer.Calls[0].UserTexts.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidence_WaitsForAReview_WhoseCorrectionsGoBackToTheWriter()
    {
        await StartPipelineAsync();
        _writer.ThenAnswer("DRAFT-1").ThenAnswer("DRAFT-2");
        _judge.Then(_ => Json(new { confidence = 0.4, reasoning = "two claims unverified" })).Then(_ => Json(new { confidence = 0.95, reasoning = "fixed" }));
        var id = await Host.Runs.StartRunAsync("pipeline", "tides", "lp-2");

        var waiting = await WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        var pending = Assert.Single(waiting.Status!.PendingApprovals!);
        var submitted = await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, Approver: "editor") { Corrections = "Say that tides follow the moon." });
        var result = await ResultAsync(id);

        Assert.Equal((PatternNames.ReviewTool, "review-v1"), (pending.Tool, pending.CallId));
        Assert.Equal("DRAFT-1", pending.Arguments.GetProperty("draft").GetString());
        Assert.Equal(0.4, pending.Arguments.GetProperty("confidence").GetDouble());
        Assert.Contains("0.40 is below 0.85: two claims unverified", pending.Reason, StringComparison.Ordinal);
        Assert.Equal(ApprovalSubmitStatus.Applied, submitted.Status);
        Assert.Contains("Human corrections: Say that tides follow the moon.", _writer.Calls[1].UserTexts.First(), StringComparison.Ordinal);
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("DRAFT-2", result.Answer, StringComparison.Ordinal);
        var audit = (await Host.Runs.GetAuditAsync(id))!.Entries.Single(e => e.Kind == "review");
        Assert.Equal(("rejected", "editor", "corrections"), (audit.Approval, audit.Approver, audit.Outcome));
    }

    [Fact]
    public async Task UnparseableConfidence_CountsAsZero_AndARejectionEndsTheRun()
    {
        await StartPipelineAsync();
        _writer.ThenAnswer("DRAFT-1");
        _judge.ThenAnswer("Pretty sure, like 90%.");
        var id = await Host.Runs.StartRunAsync("pipeline", "tides", "lp-3");

        var waiting = await WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, Approver: "editor", Comment: "off topic"));
        var result = await ResultAsync(id);

        Assert.Equal(0.0, waiting.Status!.PendingApprovals![0].Arguments.GetProperty("confidence").GetDouble());
        Assert.Single(_judge.Calls); // a doubtful judge is a low score, not a retry
        Assert.Equal(AgentRunOutcome.Rejected, result.Outcome);
        Assert.Contains("editor rejected the draft: off topic", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStageFailingPastItsRetryBudget_EndsWithAStructuredReport()
    {
        await StartPipelineAsync(Pattern() with { RetriesPerStage = 2 });
        _writer.Fallback = _ => throw new InvalidOperationException("writer is broken");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("pipeline", "tides", "lp-4"));

        Assert.Equal(AgentRunOutcome.RetryBudget, result.Outcome);
        var report = result.Report!;
        Assert.Equal("write-v1", report.Stage);
        Assert.Equal([1, 2, 3], report.Attempts.Select(a => a.Attempt));
        Assert.All(report.Attempts, a => Assert.Equal("Failed", a.Outcome));
        Assert.Equal("lp-4:write-v1.3", report.Attempts[^1].RunId);
        Assert.Contains("writer is broken", report.Attempts[0].Reason, StringComparison.Ordinal);
        Assert.Contains("2 of 2 retries", report.Budget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectionsPastTheReplanBudget_EndWithAReport()
    {
        await StartPipelineAsync(Pattern() with { Replans = 1 });
        _writer.Fallback = call => Reply.Text($"DRAFT-{call.Messages.Count}");
        _judge.Fallback = _ => Json(new { confidence = 0.1, reasoning = "still wrong" });
        var id = await Host.Runs.StartRunAsync("pipeline", "tides", "lp-5");

        for (var review = 1; review <= 2; review++)
        {
            await TestingWait(id, $"review-v{review}");
            await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, Approver: "editor") { Corrections = $"fix #{review}" });
        }

        var result = await ResultAsync(id);

        Assert.Equal(AgentRunOutcome.RetryBudget, result.Outcome);
        Assert.Equal("write", result.Report!.Stage);
        Assert.Contains("more than the 1 replans", result.Report.Reason, StringComparison.Ordinal);
        Assert.Equal("fix #2", result.Report.Attempts[^1].Reason);
    }

    private async Task TestingWait(string id, string review) => await DurableAgents.Testing.TestDeadline.WaitUntilAsync(async () =>
        (await Host.Runs.GetRunAsync(id, includeToolCalls: false))?.Status?.PendingApprovals?.FirstOrDefault()?.CallId == review, $"{id} waits for {review}");

    private static int Order(string id) => id.Contains("research", StringComparison.Ordinal) ? 0 : id.Contains("write", StringComparison.Ordinal) ? 1 : id.Contains("fact", StringComparison.Ordinal) ? 2 : 3;
}
