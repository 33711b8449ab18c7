using System.Text.RegularExpressions;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Checks queue, container and blob names against the service's naming rules before any request.</summary>
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

    private static void ValidateLowerName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!LowerName().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {kind} name '{name}' is invalid: use 3-63 lowercase letters, digits and single " +
                "hyphens, starting and ending with a letter or digit.", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex LowerName();
}
