namespace DurableAgents.Orchestration;

/// <summary>How a failed activity or sub-orchestration is retried; the waits between attempts are durable timers.</summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in all, the first included (at least 1).</param>
    /// <param name="firstRetryInterval">The wait before the second attempt (positive).</param>
    /// <param name="backoffCoefficient">Each further wait is the previous one times this (at least 1).</param>
    /// <param name="maxRetryInterval">The longest single wait; null for no cap.</param>
    /// <param name="retryTimeout">No retry starts later than this after the first attempt; null for none.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        if (maxNumberOfAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfAttempts), maxNumberOfAttempts, "A retry policy needs at least 1 attempt.");
        }

        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be positive.");
        }

        if (backoffCoefficient < 1.0 || double.IsNaN(backoffCoefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be 1 or more.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval;
        RetryTimeout = retryTimeout;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The growth factor of the wait.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest single wait, if capped.</summary>
    public TimeSpan? MaxRetryInterval { get; }

    /// <summary>No retry starts later than this after the first attempt.</summary>
    public TimeSpan? RetryTimeout { get; }

    /// <summary>Decides per failure whether to retry; null retries every failure not marked non-retriable.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 or more), or null when no retry is due.</summary>
    public TimeSpan? GetDelayBeforeAttempt(int nextAttempt, TaskFailureDetails failure, TimeSpan elapsedSinceFirstAttempt)
    {
        if (nextAttempt > MaxNumberOfAttempts || failure.IsNonRetriable)
        {
            return null;
        }

        if (HandleFailure is not null && !HandleFailure(failure))
        {
            return null;
        }

        var delayMs = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        if (MaxRetryInterval is { } max)
        {
            delayMs = Math.Min(delayMs, max.TotalMilliseconds);
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(delayMs, TimeSpan.MaxValue.TotalMilliseconds / 2));
        if (RetryTimeout is { } timeout && elapsedSinceFirstAttempt + delay > timeout)
        {
            return null;
        }

        return delay;
    }
}
