using DurableAgents.Agents;
using DurableAgents.Runs.Activities;
using Microsoft.DurableTask;

namespace DurableAgents.Runs.Loop;

/// <summary>Durable retries of model activities, shared by the run loop and the patterns: transient failures wait on a durable timer.</summary>
internal static class ModelRetries
{
    /// <summary>
    /// Calls <paramref name="call"/> until it succeeds; a transient failure waits (Retry-After first, then back-off) and spends one
    /// retry through <paramref name="trySpendRetry"/>. Ends the run (<see cref="RunEndedException"/>) on a failure that cannot be
    /// retried, after the policy's attempts, or when the retry budget is used up. <paramref name="wait"/> is the durable wait (a
    /// plain durable timer when null; the run loop's is traced).
    /// </summary>
    public static async Task<T> CallAsync<T>(
        TaskOrchestrationContext context, AgentPolicy policy, Func<bool> trySpendRetry, Func<Task<T>> call, Func<TimeSpan, Task>? wait = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException failed)
            {
                var inner = Inner(failed.FailureDetails);
                if (!TransientModelFailureException.IsTransient(failed.FailureDetails, out var retryAfter))
                {
                    throw new RunEndedException(AgentRunOutcome.Failed, $"The model call failed and cannot be retried: {inner.ErrorMessage}");
                }

                if (attempt >= policy.ModelCallAttempts)
                {
                    throw new RunEndedException(AgentRunOutcome.Failed, $"The model call failed {attempt} times; the last error: {inner.ErrorMessage}");
                }

                if (!trySpendRetry())
                {
                    throw new RunEndedException(AgentRunOutcome.RetryBudget,
                        $"The run used its retry budget of {policy.RetryBudget}; the last model error: {inner.ErrorMessage}");
                }

                var delay = Backoff(policy.ModelRetryFirstInterval, attempt, retryAfter);
                await (wait is null ? context.CreateTimer(delay, CancellationToken.None) : wait(delay));
            }
        }
    }

    /// <summary>first * 2^(attempt-1), at least the server's Retry-After, at most 10 minutes.</summary>
    public static TimeSpan Backoff(TimeSpan first, int attempt, TimeSpan? retryAfter)
    {
        var exponential = TimeSpan.FromMilliseconds(first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        var wait = retryAfter is { } server && server > exponential ? server : exponential;
        return wait > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : wait;
    }

    /// <summary>The failure below the SDK's TaskFailedException wrappers.</summary>
    public static TaskFailureDetails Inner(TaskFailureDetails failure)
    {
        var f = failure;
        while (f.ErrorType == typeof(TaskFailedException).FullName && f.InnerFailure is not null)
        {
            f = f.InnerFailure;
        }

        return f;
    }
}
