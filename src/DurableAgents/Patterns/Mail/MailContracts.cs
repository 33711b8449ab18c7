using DurableAgents.Runs;

namespace DurableAgents.Patterns;

/// <summary>A message between long-running agents, delivered as the <c>mail</c> external event.</summary>
/// <param name="From">The sender (an instance id, or "user").</param>
/// <param name="Sequence">The conversation's message number: each reply is one more than the message it answers.</param>
/// <param name="Text">The message.</param>
/// <param name="Stop">True for the last message: the receiver records it and does not reply.</param>
public sealed record MailMessage(string From, int Sequence, string Text, bool Stop = false);

/// <summary>A message as a mailbox's transcript keeps it.</summary>
/// <param name="Sequence">Its number.</param>
/// <param name="From">Who sent it.</param>
/// <param name="To">Who got it.</param>
/// <param name="Text">The message (cut to <see cref="MailboxInput.MaxMessageChars"/>).</param>
public sealed record MailRecord(int Sequence, string From, string To, string Text);

/// <summary>What a mailbox carries into its next generation: bounded (the transcript is at most the conversation's length).</summary>
public sealed record MailboxState
{
    /// <summary>The highest sequence received from each sender: anything at or below it again is a duplicate.</summary>
    public IReadOnlyDictionary<string, int> LastSeen { get; init; } = new Dictionary<string, int>();

    /// <summary>Every message received and sent, in order.</summary>
    public IReadOnlyList<MailRecord> Transcript { get; init; } = [];

    /// <summary>Deliveries dropped as duplicates.</summary>
    public int Duplicates { get; init; }

    /// <summary>Events dropped because they were not mail.</summary>
    public int Invalid { get; init; }

    /// <summary>Usage of this mailbox's replies so far.</summary>
    public RunUsage Usage { get; init; } = RunUsage.Zero;

    /// <summary>The audit chain so far.</summary>
    public string? Audit { get; init; }

    /// <summary>How many times the mailbox continued as new.</summary>
    public int Generation { get; init; }
}

/// <summary>The input of a mailbox orchestration; its <c>agent</c>, <c>goal</c> and <c>depth</c> read as an agent run's.</summary>
/// <param name="Agent">The agent that writes this mailbox's replies.</param>
/// <param name="Goal">What the conversation is about (every reply's context).</param>
/// <param name="Peer">The instance id of the mailbox to reply to.</param>
public sealed record MailboxInput(string Agent, string Goal, string Peer)
{
    /// <summary>The longest message kept and sent, in characters.</summary>
    public const int MaxMessageChars = 1_500;

    /// <summary>Sub-run depth.</summary>
    public int Depth { get; init; }

    /// <summary>The pair's trace (W3C traceparent), carried into each reply's sub-run.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The user the pair runs for, carried into each reply's sub-run (its memory scope); null for none.</summary>
    public string? User { get; init; }

    /// <summary>The session the pair is a turn of, carried into each reply's sub-run; null outside sessions.</summary>
    public string? Session { get; init; }

    /// <summary>A first message to answer without waiting (the opening, for the side that starts).</summary>
    public MailMessage? First { get; init; }

    /// <summary>The conversation's last sequence number: the message with it is sent as the stop.</summary>
    public int MaxMessages { get; init; } = 6;

    /// <summary>A reply containing this (any case) is sent as the stop; none when empty.</summary>
    public string? StopPhrase { get; init; }

    /// <summary>A durable pause before each reply (pacing; zero for none).</summary>
    public TimeSpan Pause { get; init; }

    /// <summary>Messages handled per history generation before the mailbox continues as new.</summary>
    public int ContinueAsNewEvery { get; init; } = 4;

    /// <summary>What the earlier generations carried over.</summary>
    public MailboxState State { get; init; } = new();
}
