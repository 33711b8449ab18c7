using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace DurableAgents.Runs.Activities;

/// <summary>
/// Thrown by the model activities for a failure that may pass (429, 5xx, timeouts), so the run's durable retry tries again.
/// The server's Retry-After travels in the message (failure details carry only type and message).
/// </summary>
public sealed partial class TransientModelFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientModelFailureException(string message, TimeSpan? retryAfter, Exception? inner = null)
        : base(retryAfter is { } wait
            ? $"{message} [retry-after-ms={((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}]"
            : message, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransientModelFailureException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TransientModelFailureException()
        : this("The model call failed transiently.", null)
    {
    }

    /// <summary>How long the server asked to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when a failed activity failed transiently; <paramref name="retryAfter"/> is the server's wait, if it said.</summary>
    public static bool IsTransient(TaskFailureDetails failure, out TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(failure);
        retryAfter = null;
        if (!failure.IsCausedBy<TransientModelFailureException>())
        {
            return false;
        }

        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            var match = RetryAfterPattern().Match(f.ErrorMessage);
            if (match.Success)
            {
                retryAfter = TimeSpan.FromMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                break;
            }
        }

        return true;
    }

    /// <summary>Maps a model client's exception: transient ones become this exception, others a non-retriable failure.</summary>
    public static Exception Classify(Exception exception) => exception switch
    {
        Models.ModelCallException { IsTransient: true } m => new TransientModelFailureException(m.Message, m.RetryAfter, m),
        Models.ModelCallException m => new NonRetriableException($"The model call failed: {m.Message}", m),
        HttpRequestException or TimeoutException => new TransientModelFailureException(exception.Message, null, exception),
        _ => new NonRetriableException($"The model call failed: {exception.GetType().Name}: {exception.Message}", exception),
    };

    [GeneratedRegex(@"\[retry-after-ms=(\d+)\]")]
    private static partial Regex RetryAfterPattern();
}
