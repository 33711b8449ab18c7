using System.Text.RegularExpressions;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Checks queue, container, blob and table names and entity keys against the service's naming rules before any request.</summary>
internal static partial class StorageNames
{
    public static void ValidateQueueName(string name) => ValidateLowerName(name, "queue");

    public static void ValidateContainerName(string name) => ValidateLowerName(name, "container");

    public static void ValidateBlobName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 1024 || name.EndsWith('.') || name.EndsWith('/'))
        {
            throw new ArgumentException($"Blob name '{name}' is invalid: 1..1024 characters, not ending in '.' or '/'.", nameof(name));
        }
    }

    public static void ValidateTableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TableName().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The table name '{name}' is invalid: use 3-63 letters and digits, starting with a letter " +
                "(and not 'tables').", nameof(name));
        }
    }

    /// <summary>Partition and row keys: up to 1 KiB, without '/', '\\', '#', '?' or control characters.</summary>
    public static void ValidateEntityKey(string key, string kind)
    {
        ArgumentNullException.ThrowIfNull(key, kind);
        if (key.Length > 512 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"The {kind} '{key}' is invalid: use at most 512 characters and no '/', '\\', '#', '?' " +
                "or control characters.", kind);
        }
    }

    private static void ValidateLowerName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!LowerName().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {kind} name '{name}' is invalid: use 3-63 lowercase letters, digits and single " +
                "hyphens, starting and ending with a letter or digit.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex LowerName();
}
