namespace DurableAgents.Orchestration;

/// <summary>Waits built on the context's primitives.</summary>
public abstract partial class TaskOrchestrationContext
{
    // Cancellation here must be synchronous (Cancel, not CancelAsync): CancelAsync would resume this code on a pool thread,
    // outside the orchestrator's deterministic scheduler.

    /// <summary>
    /// Waits for an external event for at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/> when the durable
    /// timeout fires first. A later event with that name is buffered for the next wait.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var timerCts = new CancellationTokenSource();
        using var eventCts = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(eventName, eventCts.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCts.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
        {
            timerCts.Cancel();
            return await eventTask;
        }

        eventCts.Cancel();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    /// <summary>Runs <paramref name="work"/> but gives up with <see cref="TimeoutException"/> after a durable timeout.</summary>
    public async Task<T> WithTimeout<T>(Task<T> work, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var timerCts = new CancellationTokenSource();
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCts.Token);
        var winner = await Task.WhenAny(work, timerTask);
        if (winner == work)
        {
            timerCts.Cancel();
            return await work;
        }

        throw new TimeoutException($"{what} did not finish within {timeout}.");
    }
}
