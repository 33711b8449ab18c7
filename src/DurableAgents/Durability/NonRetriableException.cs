namespace DurableAgents;

/// <summary>
/// Thrown by an activity for a failure that retrying cannot fix (an unknown tool, unreadable arguments, a model that refuses the
/// request); the run's retry loops see it in <c>TaskFailureDetails.IsCausedBy&lt;NonRetriableException&gt;()</c> and stop.
/// </summary>
public sealed class NonRetriableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetriableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonRetriableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public NonRetriableException()
        : base("The operation failed and cannot be retried.")
    {
    }
}
