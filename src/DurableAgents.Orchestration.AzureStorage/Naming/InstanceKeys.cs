using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Naming;

/// <summary>The table keys of an instance's state entity.</summary>
/// <remarks>
/// Letters, digits, '-', '_' and '.' stay as they are; every other UTF-8 byte becomes '~' and two hex digits. The result needs
/// no escaping in an entity URL, and the key of an id prefix is a prefix of the id's key, so prefix queries become key ranges.
/// </remarks>
internal static class InstanceKeys
{
    /// <summary>The row key: one state entity per instance partition.</summary>
    public const string StateRow = "state";

    public static string PartitionKey(string instanceId)
    {
        var sb = new StringBuilder(instanceId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The smallest key above every key that starts with <paramref name="keyPrefix"/>, or null when there is none (empty prefix).
    /// </summary>
    public static string? UpperBound(string keyPrefix) =>
        keyPrefix.Length == 0 ? null : keyPrefix[..^1] + (char)(keyPrefix[^1] + 1);
}
