namespace DurableAgents.Models;

/// <summary>A model call failed; <see cref="IsTransient"/> tells a retry policy whether trying again can help.</summary>
/// <remarks>
/// Model clients in this namespace never retry by themselves: the durable retry policy of the agent run owns
/// retries, so it can wait with durable timers and count retries against the run's budget.
/// Messages never contain the API key.
/// </remarks>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates an exception for a failed model call.</summary>
    public ModelCallException(
        string message,
        bool isTransient,
        int? statusCode = null,
        string? errorCode = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates a non-transient exception with only a message (for serializers and tests).</summary>
    public ModelCallException(string message)
        : this(message, isTransient: false)
    {
    }

    /// <summary>Creates a non-transient exception with a message and cause.</summary>
    public ModelCallException(string message, Exception? innerException)
        : this(message, isTransient: false, innerException: innerException)
    {
    }

    /// <summary>Creates a non-transient exception with a generic message.</summary>
    public ModelCallException()
        : this("The model call failed.")
    {
    }

    /// <summary>True when the same call may succeed later (429, 5xx, 408, timeouts, connection failures).</summary>
    public bool IsTransient { get; }

    /// <summary>How long the server asked us to wait before retrying (Retry-After / retry-after-ms), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The HTTP status code, or null when no response was received (timeout, connection refused).</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's error code (for example "rate_limit_exceeded", "insufficient_quota"), or a local one such as "timeout".</summary>
    public string? ErrorCode { get; }
}
