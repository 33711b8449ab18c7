using DurableAgents.Runs;

namespace DurableAgents.Sessions;

/// <summary>What a session knows between turns; rebuilt by replay from its carry and the turns' results.</summary>
internal sealed class SessionState(SessionCarry carry)
{
    private readonly List<SessionTurn> _turns = carry.Turns.ToList();
    private readonly List<string> _messageIds = carry.MessageIds.ToList();
    private readonly HashSet<string> _taken = new(carry.MessageIds, StringComparer.Ordinal);

    public string? Head { get; private set; } = carry.Head;

    public long ConversationTokens { get; private set; } = carry.ConversationTokens;

    public int TurnCount { get; private set; } = carry.TurnCount;

    public bool HasTaken(string messageId) => _taken.Contains(messageId);

    /// <summary>Starts the next turn for a message.</summary>
    public SessionTurn Begin(string messageId, string runId, DateTime now)
    {
        TurnCount++;
        _taken.Add(messageId);
        _messageIds.Add(messageId);
        if (_messageIds.Count > SessionNames.MessageIdsKept)
        {
            _taken.Remove(_messageIds[0]);
            _messageIds.RemoveAt(0);
        }

        var turn = new SessionTurn(TurnCount, messageId, runId, "running", null, now, null);
        _turns.Add(turn);
        if (_turns.Count > SessionNames.TurnsKept)
        {
            _turns.RemoveAt(0);
        }

        return turn;
    }

    /// <summary>Records a turn's run result; the next turn continues its conversation.</summary>
    public void End(SessionTurn turn, AgentRunResult result, DateTime now)
    {
        Head = result.Conversation ?? Head;
        ConversationTokens = result.ConversationTokens;
        var answer = result.Answer is { Length: > SessionNames.AnswerPreviewChars } full ? full[..SessionNames.AnswerPreviewChars] + "…" : result.Answer;
        Replace(turn, turn with { Status = result.Outcome.ToString(), Answer = answer, EndedAt = now });
    }

    /// <summary>Records a turn whose run orchestration failed.</summary>
    public void Fail(SessionTurn turn, string error, DateTime now) =>
        Replace(turn, turn with { Status = nameof(AgentRunOutcome.Failed), Answer = error, EndedAt = now });

    public SessionCarry Carry() => new()
    {
        Head = Head,
        ConversationTokens = ConversationTokens,
        TurnCount = TurnCount,
        Turns = _turns.ToList(),
        MessageIds = _messageIds.ToList(),
        CreatedAt = carry.CreatedAt,
    };

    public SessionStatus Status(string agent, string phase) => new()
    {
        Phase = phase,
        Agent = agent,
        TurnCount = TurnCount,
        Turns = _turns.ToList(),
        Conversation = Head,
        CreatedAt = carry.CreatedAt,
    };

    private void Replace(SessionTurn turn, SessionTurn ended)
    {
        var at = _turns.FindIndex(t => t.Turn == turn.Turn);
        if (at >= 0)
        {
            _turns[at] = ended;
        }
    }
}
