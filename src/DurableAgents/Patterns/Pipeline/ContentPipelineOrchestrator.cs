using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>The content pipeline's orchestration (see <see cref="ContentPipelinePattern"/>).</summary>
public sealed partial class ContentPipelineOrchestrator(IAgentCatalog catalog) : PatternOrchestrator<ContentPipelinePattern>(catalog)
{
    /// <inheritdoc />
    protected override async Task<AgentRunResult> RunPatternAsync(PatternRun run, ContentPipelinePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pattern);
        var job = new Job(Topic(run.Input.Goal), pattern);
        var notes = await StageAsync(run, job, "research", pattern.Researcher, ResearchTask(job.Topic));
        var replans = new RetryBudget(pattern.Replans);
        string? corrections = null;
        for (var version = 1; ; version++)
        {
            job.Draft = await StageAsync(run, job, $"write-v{version}", pattern.Writer, WriteTask(job, notes, corrections));
            var check = await StageAsync(run, job, $"fact-check-v{version}", pattern.FactChecker, FactCheckTask(job));
            run.Publish("assessing-confidence");
            var confidence = await run.AssessConfidenceAsync(ConfidencePrompt(job, check, corrections));
            job.Scores.Add(new { version, confidence = confidence.Confidence, confidence.Reasoning, threshold = pattern.ConfidenceThreshold });
            run.SetDetail(new { topic = job.Topic, scores = job.Scores, replans = replans.ToString() });
            if (confidence.Passes(pattern.ConfidenceThreshold))
            {
                break;
            }

            var review = await run.RequestReviewAsync(
                new ReviewRequest($"review-v{version}", job.Draft, $"Confidence {confidence.Confidence:0.00} is below {pattern.ConfidenceThreshold:0.00}: {confidence.Reasoning}")
                {
                    Confidence = confidence.Confidence,
                    Reasoning = confidence.Reasoning,
                },
                pattern.ReviewTimeout);
            if (review.Verdict == ReviewVerdict.Approved)
            {
                break;
            }

            // The writer's first task is what a later run on a similar topic asks it again, so the review is found by it.
            run.NoteReview(pattern.Writer, WriteTask(job, notes, corrections: null), review);

            if (review.Verdict != ReviewVerdict.Corrections)
            {
                var why = review.Verdict == ReviewVerdict.TimedOut ? review.Comment : $"The reviewer {review.Reviewer ?? "(unnamed)"} rejected the draft: {review.Comment ?? "no reason given"}";
                throw new RunEndedException(AgentRunOutcome.Rejected, why ?? "Rejected.") { Answer = job.Draft };
            }

            if (!replans.TrySpend())
            {
                job.Attempts.Add(new RunAttempt("write", version, null, "corrections", review.Corrections));
                throw Stopped(job, "write", $"The reviewer sent the draft back more than the {pattern.Replans} replans allowed.", replans);
            }

            corrections = review.Corrections;
        }

        var saved = await StageAsync(run, job, "format", pattern.Formatter, FormatTask(job));
        return run.Finish(AgentRunOutcome.Completed, $"{saved}\n\n{job.Draft}");
    }

    /// <summary>One stage: a sub-run, tried again (as a new sub-run) while it does not complete, up to the stage budget.</summary>
    private static async Task<string> StageAsync(PatternRun run, Job job, string stage, string agent, string task)
    {
        var retries = new RetryBudget(job.Pattern.RetriesPerStage);
        for (var attempt = 1; ; attempt++)
        {
            run.Step++;
            var result = await run.DelegateAsync(agent, task, $"{stage}.{attempt}", $"{stage}, attempt {attempt}");
            if (result.Outcome == AgentRunOutcome.Completed && !string.IsNullOrWhiteSpace(result.Answer))
            {
                return result.Answer;
            }

            job.Attempts.Add(new RunAttempt(stage, attempt, run.SubRunId($"{stage}.{attempt}"), result.Outcome.ToString(), result.Reason ?? "The stage gave no answer."));
            if (!retries.TrySpend())
            {
                throw Stopped(job, stage, $"The {stage} stage did not complete in {attempt} attempts.", retries);
            }
        }
    }

    private static RunEndedException Stopped(Job job, string stage, string reason, RetryBudget spent) =>
        new(AgentRunOutcome.RetryBudget, reason)
        {
            Answer = job.Draft,
            Report = new RunErrorReport(stage, reason, $"{stage}: {spent} retries; {job.Pattern.RetriesPerStage} per stage, {job.Pattern.Replans} replans per task", job.Attempts.ToList(), job.Draft),
        };

    /// <summary>What one run of the pipeline is working on.</summary>
    private sealed class Job(string topic, ContentPipelinePattern pattern)
    {
        public string Topic { get; } = topic;

        public ContentPipelinePattern Pattern { get; } = pattern;

        public string? Draft { get; set; }

        public List<RunAttempt> Attempts { get; } = [];

        public List<object> Scores { get; } = [];
    }
}
