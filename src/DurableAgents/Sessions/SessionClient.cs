using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Runs;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Sessions;

/// <summary>How sessions are run.</summary>
public sealed record SessionOptions
{
    /// <summary>Turns after which a session continues as new (its history stays bounded); 0 never does. Default 20.</summary>
    public int TurnsPerGeneration { get; init; } = SessionNames.DefaultTurnsPerGeneration;
}

/// <summary>A session as clients see it.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="Agent">The agent.</param>
/// <param name="RuntimeStatus">The orchestration status (Running while the session is open).</param>
/// <param name="Status">Its phase and latest turns.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
public sealed record SessionView(string SessionId, string Agent, OrchestrationRuntimeStatus RuntimeStatus, SessionStatus Status, DateTime CreatedAt, DateTime LastUpdatedAt)
{
    /// <summary>The user the session is for (<see cref="SessionInput.User"/>); null for no user.</summary>
    public string? User { get; init; }
}

/// <summary>What a sent message became: the run that answers it (a resent message id names the same run).</summary>
/// <param name="SessionId">The session.</param>
/// <param name="MessageId">The message id (the sender's, or one made up for it).</param>
/// <param name="RunId">The turn's run id; the run exists once the turn starts (after the turns before it).</param>
/// <param name="Resent">True when this message id had been sent before (no second turn is taken).</param>
public sealed record SessionMessageReceipt(string SessionId, string MessageId, string RunId, bool Resent);

/// <summary>Thrown when a session id names no session.</summary>
public sealed class SessionNotFoundException(string sessionId)
    : InvalidOperationException($"No session with id '{sessionId}' exists (or it was deleted). GET /api/sessions lists the sessions.")
{
    /// <summary>The id.</summary>
    public string SessionId { get; } = sessionId;
}

/// <summary>Thrown when a session can take no more messages, or an id to create is taken.</summary>
public sealed class SessionConflictException(string message) : InvalidOperationException(message);

/// <summary>Creates sessions, sends them messages, reads, lists and deletes them.</summary>
public sealed partial class SessionClient(DurableTaskClient client, IAgentCatalog catalog, AgentRunClient runs, SessionOptions? options = null)
{
    private readonly SessionOptions _options = options ?? new SessionOptions();

    /// <summary>Creates a session with <paramref name="agent"/> and returns its id (<paramref name="sessionId"/>, or a new one).</summary>
    public Task<string> CreateAsync(string agent, string? sessionId = null, CancellationToken cancellationToken = default) =>
        CreateAsync(agent, sessionId, user: null, cancellationToken);

    /// <summary>
    /// Creates a session with <paramref name="agent"/> for <paramref name="user"/> (null for none; <see cref="UserKeys"/> rules, else
    /// <see cref="ArgumentException"/>): each turn's run is for that user. Returns its id (<paramref name="sessionId"/>, or a new one).
    /// </summary>
    public async Task<string> CreateAsync(string agent, string? sessionId, string? user, CancellationToken cancellationToken = default)
    {
        var definition = catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        var id = sessionId ?? Guid.NewGuid().ToString("N");
        if (!SessionNames.IsValidId(id, "session id", out var error))
        {
            throw new ArgumentException(error, nameof(sessionId));
        }

        UserKeys.Validate(user, nameof(user));

        if (await client.GetInstanceAsync(SessionNames.InstanceId(id), cancellationToken) is not null)
        {
            throw new SessionConflictException($"A session with id '{id}' exists already; use another id, or leave it out for a new one.");
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(SessionNames.Orchestrator,
                new SessionInput(definition.Name, id, _options.TurnsPerGeneration) { User = user },
                new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = SessionNames.InstanceId(id) }, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            throw new SessionConflictException($"A session with id '{id}' exists already; use another id, or leave it out for a new one.");
        }

        return id;
    }

    /// <summary>
    /// Sends a message: it becomes the session's next turn once the turns before it end. Throws <see cref="SessionNotFoundException"/>
    /// for no such session and <see cref="SessionConflictException"/> for one that takes no more messages.
    /// </summary>
    public async Task<SessionMessageReceipt> SendAsync(string sessionId, string input, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var id = messageId ?? Guid.NewGuid().ToString("N");
        if (!SessionNames.IsValidId(id, "message id", out var error))
        {
            throw new ArgumentException(error, nameof(messageId));
        }

        await RequireOpenAsync(sessionId, cancellationToken);
        var runId = SessionNames.TurnRunId(sessionId, id);
        if (messageId is not null && await client.GetInstanceAsync(runId, cancellationToken) is not null)
        {
            return new SessionMessageReceipt(sessionId, id, runId, Resent: true); // its turn was taken already
        }

        await client.RaiseEventAsync(SessionNames.InstanceId(sessionId), SessionNames.MessageEvent, new SessionMessage(id, input), cancellationToken);
        return new SessionMessageReceipt(sessionId, id, runId, Resent: false);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a turn's run to end; its view once ended, else null.</summary>
    public async Task<AgentRunView?> WaitForTurnAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                // The run exists only once the turns before it end, so this polls (the client's own wait needs an existing instance).
                if (await runs.GetRunAsync(runId, includeToolCalls: true, deadline.Token) is { } run && run.RuntimeStatus.IsTerminal())
                {
                    return run;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<OrchestrationMetadata> RequireOpenAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!SessionNames.IsValidId(sessionId, "session id", out _)
            || await client.GetInstanceAsync(SessionNames.InstanceId(sessionId), cancellationToken) is not { } session
            || !string.Equals(session.Name, SessionNames.Orchestrator, StringComparison.OrdinalIgnoreCase))
        {
            throw new SessionNotFoundException(sessionId);
        }

        if (session.RuntimeStatus.IsTerminal())
        {
            throw new SessionConflictException(
                $"The session '{sessionId}' is {session.RuntimeStatus} and takes no more messages (it was deleted, or its agent is gone); create a new session.");
        }

        return session;
    }
}
