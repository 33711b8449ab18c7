using DurableAgents.Memory;
using DurableAgents.Runs;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>Human reviews kept as lessons: a pattern notes who rejected or corrected an agent's work; the run records them at its end.</summary>
public sealed partial class PatternRun
{
    private readonly List<(string Agent, string Task, HumanCorrection Correction)> _reviews = [];

    /// <summary>
    /// Notes that <paramref name="review"/> rejected or corrected the work <paramref name="agent"/> did on <paramref name="task"/>.
    /// When the run ends, and that agent's policy has <see cref="Agents.MemoryPolicy.RecordReviews"/>, an activity records the notes
    /// as one episode of that agent (embedded by the first task), so its later runs on similar tasks are given the reviewer's words
    /// among their lessons. Approvals and timeouts teach nothing and are not noted.
    /// </summary>
    public void NoteReview(string agent, string task, ReviewOutcome review)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(review);
        if (review.Verdict is not (ReviewVerdict.Corrections or ReviewVerdict.Rejected) || Catalog.Find(agent) is not { } definition)
        {
            return;
        }

        var what = review.Verdict == ReviewVerdict.Corrections ? $"sent it back with corrections: {review.Corrections}"
            : string.IsNullOrWhiteSpace(review.Comment) ? null : $"rejected it: {review.Comment}";
        _reviews.Add((definition.Name, task, new HumanCorrection(review.Reviewer, [], what)));
    }

    /// <summary>Records the noted reviews (one activity per reviewed agent); a review that cannot be stored leaves the outcome as it is.</summary>
    internal async Task RecordReviewsAsync(AgentRunOutcome outcome)
    {
        foreach (var reviewed in _reviews.GroupBy(r => r.Agent, StringComparer.Ordinal))
        {
            if (Catalog.Find(reviewed.Key)?.Policy.Memory.RecordReviews != true)
            {
                continue;
            }

            var input = new RecordEpisodeInput(reviewed.Key, reviewed.First().Task, AgentRunOutcome.Rejected, $"A reviewer of run '{Context.InstanceId}' rejected or corrected the work; the run ended {outcome}.", 0, null)
            {
                ReviewCorrections = reviewed.Select(r => r.Correction).ToList(),
                TraceParent = Input.TraceParent,
            };
            try
            {
                await Context.CallActivityAsync<string>(RecordEpisodeActivity.Name, input);
            }
            catch (TaskFailedException)
            {
                // A lesson is worth less than the run's outcome.
            }
        }
    }
}
