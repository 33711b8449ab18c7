using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>A backend for one process: state in memory, optionally journaled to disk. Base of the in-memory and file backends.</summary>
public abstract partial class LocalOrchestrationService : IOrchestrationService, IOrchestrationStateNotifier, IAsyncDisposable
{
    private static readonly TimeSpan AbandonDelay = TimeSpan.FromMilliseconds(500);
    private readonly ILocalJournal? _journal;
    private readonly Lazy<Task> _start;
    private readonly Lock _loopGate = new();
    private CancellationTokenSource _stop = new();
    private bool _disposed;
    private Task? _timerLoop;

    private protected LocalOrchestrationService(ILocalJournal? journal, TimeProvider? timeProvider)
    {
        _journal = journal;
        Time = timeProvider ?? TimeProvider.System;
        Store = new LocalStore(Time);
        _start = new Lazy<Task>(OpenAsync);
    }

    /// <summary>Most messages one episode takes from an instance's inbox.</summary>
    public int MaxMessagesPerEpisode { get; init; } = 1000;

    internal LocalStore Store { get; }

    /// <summary>The clock used for timers and timestamps.</summary>
    protected TimeProvider Time { get; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _start.Value;
        lock (_loopGate)
        {
            // Restartable: a worker may stop and a new one start on the same backend.
            if (_timerLoop is null || _timerLoop.IsCompleted)
            {
                _stop = new CancellationTokenSource();
                var token = _stop.Token;
                _timerLoop = Task.Run(() => TimerLoopAsync(token), CancellationToken.None);
            }
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        lock (_loopGate)
        {
            // A host may stop its worker after the container already disposed this backend (shutdown order is not ours).
            if (!_disposed)
            {
                _stop.Cancel();
            }

            loop = _timerLoop;
        }

        if (loop is not null)
        {
            await loop;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        lock (_loopGate)
        {
            _disposed = true;
            _stop.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private async Task OpenAsync()
    {
        if (_journal is not null)
        {
            await _journal.OpenAsync(Store, CancellationToken.None);
        }
    }

    private Task EnsureStartedAsync() => _timerLoop is { IsCompleted: false } ? Task.CompletedTask : StartAsync(CancellationToken.None);

    private async Task CommitAsync(LocalCommit commit)
    {
        await EnsureStartedAsync();
        if (_journal is not null)
        {
            await _journal.AppendAsync(commit);
            return;
        }

        Exception? refusal;
        lock (Store.Gate)
        {
            refusal = Store.Apply(commit);
        }

        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private async Task TimerLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            DateTime? next;
            Task changed;
            lock (Store.Gate)
            {
                next = Store.PromoteDueTimers();
                changed = Store.TimerChanged;
            }

            var wait = next is null ? TimeSpan.FromHours(1) : next.Value - Time.GetUtcNow().UtcDateTime;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait;
            try
            {
                await Task.WhenAny(changed, Task.Delay(wait, Time, stopping));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public async Task WaitForStateChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        Task changed;
        lock (Store.Gate)
        {
            changed = Store.WaitForStateChange(instanceId);
        }

        await Task.WhenAny(changed, Task.Delay(maxWait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskMessage RequireStart(TaskMessage message) =>
        message.Event is ExecutionStartedEvent
            ? message
            : throw new ArgumentException($"CreateInstanceAsync needs an ExecutionStarted message, not {message.Event.GetType().Name}.", nameof(message));
}
