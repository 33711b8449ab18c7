using DurableAgents.Api.Http;
using DurableAgents.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Sessions;

/// <summary>A session as the API shows it: its latest turns with their runs and answers.</summary>
public sealed record SessionResponse(
    string SessionId, string Agent, string RuntimeStatus, string Phase, int TurnCount, IReadOnlyList<SessionTurn> Turns, DateTime CreatedAt, DateTime LastUpdatedAt)
{
    /// <summary>The user the session is for; null for no user.</summary>
    public string? User { get; init; }
}

/// <summary>Listing, reading and deleting sessions.</summary>
public static partial class SessionHandlers
{
    /// <summary><c>GET /api/sessions</c>: newest first, without their turns.</summary>
    public static async Task<Ok<List<SessionResponse>>> ListAsync(SessionClient sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var list = await sessions.ListAsync(cancellationToken: cancellationToken);
        return TypedResults.Ok(list.Select(s => ToResponse(s) with { Turns = [] }).ToList());
    }

    /// <summary><c>GET /api/sessions/{id}</c>: the latest turns (oldest first) with their run ids, status and answers.</summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetAsync(string id, SessionClient sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return await sessions.GetAsync(id, cancellationToken) is { } view ? TypedResults.Ok(ToResponse(view)) : Problems.NotFound(new SessionNotFoundException(id).Message);
    }

    /// <summary><c>DELETE /api/sessions/{id}</c>: 204; the turns' runs stay readable as runs.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, SessionClient sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return await sessions.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(new SessionNotFoundException(id).Message);
    }

    private static SessionResponse ToResponse(SessionView s) =>
        new(s.SessionId, s.Agent, s.RuntimeStatus.ToString(), s.Status.Phase, s.Status.TurnCount, s.Status.Turns, s.CreatedAt, s.LastUpdatedAt) { User = s.User };
}
