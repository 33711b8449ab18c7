using DurableAgents.Memory;

namespace DurableAgents.Runs;

/// <summary>
/// Rules for the user key a run or session is started for (<see cref="AgentRunInput.User"/>): the key of the user's memory scope
/// <c>user:{key}</c>, so it follows the scope-key rules of <see cref="MemoryKeys"/>.
/// </summary>
public static class UserKeys
{
    /// <summary>The longest user key.</summary>
    public const int MaxLength = MemoryKeys.MaxScopeKeyLength;

    /// <summary>What a user key may contain, for error messages.</summary>
    public const string Rule = "1 to 128 letters, digits, '-', '_', '.', '@', '+' or '=' (no spaces or ':'), such as an account id or an e-mail address";

    /// <summary>True when <paramref name="user"/> is null (no user) or a valid key; otherwise says what is allowed.</summary>
    public static bool IsValid(string? user, out string error)
    {
        error = "";
        if (user is null || MemoryKeys.IsValidScopeKey(user))
        {
            return true;
        }

        // A long key is not echoed whole: the message says its length instead.
        var shown = user.Length > MaxLength ? $"of {user.Length} characters" : $"'{user}'";
        error = $"The user key {shown} is not valid: use {Rule}.";
        return false;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="user"/> is not null and not a valid key.</summary>
    public static void Validate(string? user, string parameterName)
    {
        if (!IsValid(user, out var error))
        {
            throw new ArgumentException(error, parameterName);
        }
    }
}
