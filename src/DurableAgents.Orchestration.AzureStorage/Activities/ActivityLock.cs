using DurableAgents.Orchestration.AzureStorage.Messaging;

namespace DurableAgents.Orchestration.AzureStorage.Activities;

/// <summary>The lock data of a polled activity: its queue message, kept hidden by a renewal loop until completed or abandoned.</summary>
internal sealed class ActivityLock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private int _disposed;

    public ActivityLock(QueueMessageHandle handle, TimeSpan visibility)
    {
        Handle = handle;
        _renewal = Task.Run(() => RenewAsync(visibility, _stop.Token), CancellationToken.None);
    }

    /// <summary>The message.</summary>
    public QueueMessageHandle Handle { get; }

    /// <summary>Stops renewing; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RenewAsync(TimeSpan visibility, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(visibility / 3, stopping).ConfigureAwait(false);
                if (!await Handle.RenewAsync(visibility, stopping).ConfigureAwait(false))
                {
                    return; // Gone: another host runs it again; ours still completes, and the reply is de-duplicated.
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
                // Transient: the next attempt comes a third of the visibility timeout later, before the message reappears.
            }
        }
    }
}

/// <summary>The lock data of an activity handed over by a queue trigger: nothing to renew or delete here, the trigger does that.</summary>
internal sealed class TriggeredActivityLock
{
    public static TriggeredActivityLock Instance { get; } = new();
}
