namespace DurableAgents.Runs;

/// <summary>Rules for run (instance) ids, so that every provider can store them and every URL can carry them unescaped.</summary>
public static class RunIds
{
    /// <summary>The longest accepted id.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws with a clear message when an id is not acceptable.</summary>
    public static void Validate(string instanceId)
    {
        if (!IsValid(instanceId, out var error))
        {
            throw new ArgumentException(error, nameof(instanceId));
        }
    }

    /// <summary>True when an id is acceptable; otherwise says why.</summary>
    public static bool IsValid(string? instanceId, out string error)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            error = "An instance id must not be empty.";
            return false;
        }

        if (instanceId.Length > MaxLength)
        {
            error = $"An instance id must be at most {MaxLength} characters; this one has {instanceId.Length}.";
            return false;
        }

        foreach (var c in instanceId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or '+' or '='))
            {
                error = $"The instance id '{instanceId}' contains '{c}'; use letters, digits and - _ . : @ + = only.";
                return false;
            }
        }

        error = "";
        return true;
    }
}
