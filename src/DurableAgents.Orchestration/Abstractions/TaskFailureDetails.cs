namespace DurableAgents.Orchestration;

/// <summary>A failure recorded as data: what failed, why, where, and what caused it.</summary>
/// <param name="ErrorType">The full type name of the exception that failed the task.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The stack trace, when one was captured.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="IsNonRetriable">True when a retry policy must not retry this failure.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Captures an exception (and its inner exceptions) as failure details.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed)
        {
            // Keep the failed task's own details as the cause, as Durable Task does.
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!, taskFailed.Message, taskFailed.StackTrace, taskFailed.FailureDetails,
                taskFailed.FailureDetails.IsNonRetriable);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            exception is NonRetriableException);
    }

    /// <summary>True when this failure (or one it wraps) was caused by an exception of type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var f = this; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == typeof(T).FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
