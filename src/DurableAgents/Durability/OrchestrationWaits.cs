using Microsoft.DurableTask;

namespace DurableAgents.Durability;

/// <summary>A deadline on a durable task: a durable timer raced against it, so the deadline survives crashes and replays.</summary>
internal static class OrchestrationWaits
{
    /// <summary>The task's result, or a <see cref="TimeoutException"/> naming <paramref name="what"/> once the durable timer fires first.</summary>
    public static async Task<T> WithTimeout<T>(this TaskOrchestrationContext context, Task<T> task, TimeSpan timeout, string what)
    {
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.Add(timeout), cancelTimer.Token);
        if (await Task.WhenAny(task, timer) == task)
        {
            cancelTimer.Cancel();
            return await task;
        }

        throw new TimeoutException($"{what} did not finish within {timeout}.");
    }
}
