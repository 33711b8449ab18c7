namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>Lets a sender cut a poller's back-off short when it has just put a message in the poller's queue.</summary>
internal sealed class PollSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the waiter (or the next one) at once.</summary>
    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits for <paramref name="delay"/> or until <see cref="Set"/> is called, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            return;
        }

        await Task.WhenAny(signal.Task, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
        }
    }
}
