using DurableAgents.Memory;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Api.Memory;

/// <summary>Reads the scope a memories request names: <c>scope=agent|session:{id}|user:{key}</c>, or <c>session={id}</c> for short.</summary>
public static class MemoryScopeQuery
{
    /// <summary>The <c>scope</c> value for the agent-wide memories (stored with an empty scope).</summary>
    public const string AgentWide = "agent";

    /// <summary>
    /// The scope to filter by: null when the request names none (every scope), empty for <c>scope=agent</c>, else <c>session:{id}</c>
    /// or <c>user:{key}</c>. False with a message that says how to fix it when the value is not one.
    /// </summary>
    public static bool TryRead(HttpRequest request, out string? scope, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var named = request.Query["scope"].ToString();
        var session = request.Query["session"].ToString();
        scope = null;
        error = "";
        if (named.Length > 0 && session.Length > 0)
        {
            error = "Give 'scope' or 'session', not both: session=ID is short for scope=session:ID.";
            return false;
        }

        if (session.Length > 0)
        {
            if (!MemoryKeys.IsValidScopeKey(session))
            {
                error = $"'session' is '{session}'; a session id is 1 to {MemoryKeys.MaxScopeKeyLength} letters, digits, '-', '_', '.', '@', '+' or '='.";
                return false;
            }

            scope = MemoryKeys.Session(session);
            return true;
        }

        if (named.Length == 0)
        {
            return true;
        }

        if (named == AgentWide)
        {
            scope = "";
            return true;
        }

        if (!MemoryKeys.IsValidScope(named, out var invalid))
        {
            error = $"{invalid} Or use scope={AgentWide} for the agent-wide memories, or leave it out for every scope.";
            return false;
        }

        scope = named;
        return true;
    }
}
