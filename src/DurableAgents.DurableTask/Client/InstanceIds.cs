namespace DurableAgents.DurableTask.Client;

/// <summary>The instance id rules, the same on every provider so an app can move between them.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    // Azure Table keys cannot hold these; refusing them everywhere keeps an id valid on every provider.
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    public static string Validate(string? instanceId, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw new ArgumentException("An instance id must not be null, empty or white space.", parameterName);
        }

        if (instanceId.Length > MaxLength)
        {
            throw new ArgumentException($"The instance id '{instanceId[..32]}...' is {instanceId.Length} characters; at most {MaxLength} are allowed.", parameterName);
        }

        if (instanceId.IndexOfAny(Forbidden) >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The instance id '{instanceId}' contains '/', '\\', '#', '?' or a control character, which not every provider can store. Use letters, digits, '-', '_', ':' or '.'.",
                parameterName);
        }

        return instanceId;
    }
}
