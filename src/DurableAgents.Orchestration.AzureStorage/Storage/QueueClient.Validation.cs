using System.Globalization;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

public sealed partial class QueueClient
{
    private static string MessageCount(int maxMessages)
    {
        if (maxMessages is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "The queue service returns 1 to 32 messages per call.");
        }

        return maxMessages.ToString(CultureInfo.InvariantCulture);
    }

    private static string VisibilitySeconds(TimeSpan value, string name, bool allowZero)
    {
        var min = allowZero ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        if (value < min || value > MaxVisibilityTimeout)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {min.TotalSeconds} s and 7 days (whole seconds).");
        }

        return StorageUri.Seconds(value);
    }

    private static string? TtlSeconds(TimeSpan? timeToLive)
    {
        if (timeToLive is null)
        {
            return null;
        }

        if (timeToLive.Value == NeverExpires)
        {
            return "-1";
        }

        if (timeToLive.Value < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "Must be at least 1 second, or QueueClient.NeverExpires.");
        }

        return StorageUri.Seconds(timeToLive.Value);
    }
}
