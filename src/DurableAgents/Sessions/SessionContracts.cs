using DurableAgents.Runs;

namespace DurableAgents.Sessions;

/// <summary>The input of a session orchestration: its agent, and what it carries from its last history generation.</summary>
/// <param name="Agent">The agent the session talks to.</param>
/// <param name="SessionId">The session id (the instance id is <see cref="SessionNames.InstanceId"/> of it).</param>
/// <param name="TurnsPerGeneration">Turns after which the session continues as new, so its history stays bounded.</param>
public sealed record SessionInput(string Agent, string SessionId, int TurnsPerGeneration = SessionNames.DefaultTurnsPerGeneration)
{
    /// <summary>What the session carries into its next history generation; null for a new session.</summary>
    public SessionCarry? Carry { get; init; }

    /// <summary>
    /// The user the session is for (<see cref="UserKeys"/> rules), passed to each turn's run as <see cref="AgentRunInput.User"/>;
    /// null for no user (and in sessions created before users existed).
    /// </summary>
    public string? User { get; init; }
}

/// <summary>A session's state across history generations: references and a bounded list of turns, never the conversation itself.</summary>
public sealed record SessionCarry
{
    /// <summary>The conversation so far (its head in the conversation store), continued by the next turn.</summary>
    public string? Head { get; init; }

    /// <summary>The estimated tokens of the conversation, so the next turn's compaction sees them from its first step.</summary>
    public long ConversationTokens { get; init; }

    /// <summary>Turns taken so far.</summary>
    public int TurnCount { get; init; }

    /// <summary>The latest turns (at most <see cref="SessionNames.TurnsKept"/>), oldest first.</summary>
    public IReadOnlyList<SessionTurn> Turns { get; init; } = [];

    /// <summary>The latest message ids taken (at most <see cref="SessionNames.MessageIdsKept"/>), so a resent message is not a second turn.</summary>
    public IReadOnlyList<string> MessageIds { get; init; } = [];

    /// <summary>When the session was created (UTC, orchestration time).</summary>
    public DateTime CreatedAt { get; init; }
}

/// <summary>A user's message to a session, delivered as the <see cref="SessionNames.MessageEvent"/> external event.</summary>
/// <param name="MessageId">The sender's id for the message: the turn's run id derives from it, so a resent message is one turn.</param>
/// <param name="Input">The message text (the turn's goal).</param>
public sealed record SessionMessage(string MessageId, string Input);

/// <summary>One turn of a session as its status records it.</summary>
/// <param name="Turn">The turn number (1-based).</param>
/// <param name="MessageId">The message it answered.</param>
/// <param name="RunId">The turn's agent run.</param>
/// <param name="Status">running, or the run's outcome (Completed, StepLimit, ..., Failed).</param>
/// <param name="Answer">The start of the answer (the run's result has it whole).</param>
/// <param name="StartedAt">When the turn started (UTC, orchestration time).</param>
/// <param name="EndedAt">When it ended.</param>
public sealed record SessionTurn(int Turn, string MessageId, string RunId, string Status, string? Answer, DateTime StartedAt, DateTime? EndedAt);

/// <summary>The session's custom status: what clients and the API read.</summary>
public sealed record SessionStatus
{
    /// <summary>idle (waiting for a message) or running (a turn in progress).</summary>
    public required string Phase { get; init; }

    /// <summary>The agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Turns taken so far (those in progress included).</summary>
    public int TurnCount { get; init; }

    /// <summary>The latest turns, oldest first.</summary>
    public IReadOnlyList<SessionTurn> Turns { get; init; } = [];

    /// <summary>The conversation so far (its head in the conversation store).</summary>
    public string? Conversation { get; init; }

    /// <summary>When the session was created.</summary>
    public DateTime CreatedAt { get; init; }
}

/// <summary>Names and limits shared by the session orchestration and its clients.</summary>
public static class SessionNames
{
    /// <summary>The orchestrator that runs a session.</summary>
    public const string Orchestrator = "AgentSession";

    /// <summary>The external event that carries a <see cref="SessionMessage"/>.</summary>
    public const string MessageEvent = "message";

    /// <summary>The prefix of session instance ids.</summary>
    public const string InstanceIdPrefix = "session:";

    /// <summary>The prefix of session turn run ids (not under <see cref="InstanceIdPrefix"/>, so a session list finds no runs).</summary>
    public const string TurnRunIdPrefix = "session-turn:";

    /// <summary>The longest session or message id.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Turns kept in the status.</summary>
    public const int TurnsKept = 50;

    /// <summary>Message ids remembered to refuse a resent message.</summary>
    public const int MessageIdsKept = 500;

    /// <summary>Characters of an answer kept in the status.</summary>
    public const int AnswerPreviewChars = 500;

    /// <summary>The default turns per history generation.</summary>
    public const int DefaultTurnsPerGeneration = 20;

    /// <summary>The session's instance id.</summary>
    public static string InstanceId(string sessionId) => InstanceIdPrefix + sessionId;

    /// <summary>The run id of the turn that answers <paramref name="messageId"/> in <paramref name="sessionId"/>.</summary>
    public static string TurnRunId(string sessionId, string messageId) => $"{TurnRunIdPrefix}{sessionId}:{messageId}";

    /// <summary>True when a session or message id is acceptable (the run-id characters, at most <see cref="MaxIdLength"/>); otherwise why not.</summary>
    public static bool IsValidId(string? id, string what, out string error)
    {
        if (id is { Length: > MaxIdLength })
        {
            error = $"The {what} must be at most {MaxIdLength} characters; this one has {id.Length}.";
            return false;
        }

        if (!RunIds.IsValid(id, out error))
        {
            error = $"The {what} is not valid: {error}";
            return false;
        }

        if (id!.Contains(':', StringComparison.Ordinal))
        {
            error = $"The {what} '{id}' contains ':'; use letters, digits and - _ . @ + = only.";
            return false;
        }

        return true;
    }
}
