namespace DurableAgents.Memory;

/// <summary>Store keys (<c>{agent}/{id}</c>), memory ids and scopes: their rules, so every store can keep them and every URL carry them.</summary>
public static class MemoryKeys
{
    /// <summary>The longest memory id.</summary>
    public const int MaxIdLength = 100;

    /// <summary>The longest scope key (the part after <c>session:</c> or <c>user:</c>).</summary>
    public const int MaxScopeKeyLength = 128;

    /// <summary>The store key of a memory.</summary>
    public static string Of(string agent, string id) => $"{agent}/{id}";

    /// <summary>Splits a store key; throws naming the rule when it is not one.</summary>
    public static (string Agent, string Id) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Agents.AgentNames.IsValid(key[..slash], out _) || !IsValidId(key[(slash + 1)..], out _))
        {
            throw new ArgumentException($"'{key}' is not a memory key: it is '{{agent}}/{{id}}', with a valid agent name and id.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>True when an id is 1-100 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidId(string? id, out string error)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = $"The memory id '{id}' is not valid: use 1 to {MaxIdLength} letters, digits, '-', '_' or '.'.";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>The scope of a session's memories.</summary>
    public static string Session(string sessionId) => "session:" + sessionId;

    /// <summary>The scope of a user's memories.</summary>
    public static string User(string userKey) => "user:" + userKey;

    /// <summary>True for the shared scope (empty) or <c>session:{key}</c> / <c>user:{key}</c> with a key of letters, digits and - _ . @ + =.</summary>
    public static bool IsValidScope(string? scope, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(scope))
        {
            return true;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : scope[..colon];
        var key = colon < 0 ? "" : scope[(colon + 1)..];
        if (prefix is "session" or "user" && IsValidScopeKey(key))
        {
            return true;
        }

        error = $"The memory scope '{scope}' is not valid: use session:{{id}} or user:{{key}}, the key 1 to {MaxScopeKeyLength} letters, digits, '-', '_', '.', '@', '+' or '='.";
        return false;
    }

    /// <summary>True for a user or session key: 1-128 letters, digits, '-', '_', '.', '@', '+' or '=' (every session id is one).</summary>
    public static bool IsValidScopeKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxScopeKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' or '=');

    /// <summary>A short id derived from <paramref name="seed"/>: the same seed always gives the same id (activities run at least once).</summary>
    public static string Derived(string prefix, string seed) => $"{prefix}-{Runs.Conversation.ContentId.Of(seed)[..20]}";
}
