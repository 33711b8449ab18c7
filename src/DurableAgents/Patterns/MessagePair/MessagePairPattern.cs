using DurableAgents.Agents;

namespace DurableAgents.Patterns;

/// <summary>
/// Two agents that coordinate by messages, as on a minimal message bus: each is a long-running mailbox orchestration
/// (<see cref="MailboxOrchestrator"/>) that replies to the other's messages (sent with SendEvent) until the conversation's last
/// message or a reply with the stop phrase. The run starts both and ends with the whole transcript.
/// </summary>
public sealed record MessagePairPattern : AgentPattern
{
    /// <summary>The agent that answers the opening message.</summary>
    public required string First { get; init; }

    /// <summary>The agent that answers the first agent.</summary>
    public required string Second { get; init; }

    /// <summary>Messages in a conversation (the opening included), unless the input asks for fewer or more (at most 50).</summary>
    public int MaxMessages { get; init; } = 6;

    /// <summary>A reply containing this ends the conversation.</summary>
    public string? StopPhrase { get; init; } = "GOODBYE";

    /// <summary>A durable pause before each reply, unless the input sets pauseSeconds.</summary>
    public TimeSpan Pause { get; init; }

    /// <summary>Messages per mailbox history generation.</summary>
    public int ContinueAsNewEvery { get; init; } = 4;

    /// <inheritdoc />
    public override string Orchestrator => PatternNames.MessagePair;

    /// <inheritdoc />
    public override IEnumerable<string> Orchestrators => [PatternNames.MessagePair, PatternNames.Mailbox];

    /// <inheritdoc />
    public override IEnumerable<string> Agents => [First, Second];
}
