namespace DurableAgents.AgentFramework;

/// <summary>How a <see cref="DurableAIAgent"/> follows its runs.</summary>
public sealed record DurableAIAgentOptions
{
    /// <summary>How often the run is read while the agent waits for it (the run goes on in the background whatever this is).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest goal sent to a run; a session's older turns are dropped first when the conversation is longer.</summary>
    public int MaxGoalChars { get; init; } = 32_000;

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be above zero and at most 5 minutes.");
        }

        if (MaxGoalChars < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGoalChars), MaxGoalChars, "MaxGoalChars must be at least 100.");
        }
    }
}
