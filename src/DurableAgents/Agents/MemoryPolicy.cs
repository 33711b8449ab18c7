namespace DurableAgents.Agents;

/// <summary>How an agent uses its memory: episodes recorded at the end of its runs, lessons of similar past runs given at their start, and recall.</summary>
public sealed record MemoryPolicy
{
    /// <summary>No episodes, no lessons (the default: an agent's runs start from nothing, as before memory existed).</summary>
    public static MemoryPolicy Off { get; } = new();

    /// <summary>Episodes recorded and lessons given, with the default limits.</summary>
    public static MemoryPolicy On { get; } = new() { RecordEpisodes = true, InjectLessons = true, RecordReviews = true };

    /// <summary>When a run ends, an activity records it as an episode (goal, outcome, steps, tools, failures, lesson).</summary>
    public bool RecordEpisodes { get; init; }

    /// <summary>
    /// When a pattern's human review (a pipeline's review gate) rejects or corrects this agent's work, the reviewer's words are
    /// recorded as an episode of this agent at the end of the pattern's run, so its later runs on similar tasks are given them.
    /// </summary>
    public bool RecordReviews { get; init; }

    /// <summary>When a run starts, the most similar past episodes' lessons are added to its instructions, marked as data.</summary>
    public bool InjectLessons { get; init; }

    /// <summary>The most episodes given to a run.</summary>
    public int LessonCount { get; init; } = 3;

    /// <summary>The lowest cosine similarity (of goals) an episode needs to be given.</summary>
    public double LessonMinScore { get; init; } = 0.35;

    /// <summary>The most tokens (characters / 4) the lessons may add to the instructions; episodes past it are left out.</summary>
    public int LessonMaxTokens { get; init; } = 600;

    /// <summary>Where remembered facts are kept: agent-wide (the default), per session for session turns, or per user for a user's runs.</summary>
    public FactScope FactScope { get; init; } = FactScope.Agent;

    /// <summary>The lowest cosine similarity a fact needs to be returned by the recall tool.</summary>
    public double RecallMinScore { get; init; } = 0.3;

    /// <summary>Throws naming the setting when a limit is out of range.</summary>
    public void Validate()
    {
        if (LessonCount is < 1 or > 20)
        {
            throw new ArgumentException($"MemoryPolicy.LessonCount is {LessonCount}; use 1 to 20.");
        }

        if (LessonMinScore is < -1 or > 1 || RecallMinScore is < -1 or > 1)
        {
            throw new ArgumentException($"MemoryPolicy scores are cosine similarities: LessonMinScore ({LessonMinScore}) and RecallMinScore ({RecallMinScore}) must be -1 to 1.");
        }

        if (!Enum.IsDefined(FactScope))
        {
            throw new ArgumentException($"MemoryPolicy.FactScope is {(int)FactScope}; use FactScope.Agent, FactScope.Session or FactScope.User.");
        }

        if (LessonMaxTokens is < 50 or > 8_000)
        {
            throw new ArgumentException($"MemoryPolicy.LessonMaxTokens is {LessonMaxTokens}; use 50 to 8000.");
        }
    }
}
