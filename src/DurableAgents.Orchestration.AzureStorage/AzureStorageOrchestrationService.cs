using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableAgents.Orchestration.AzureStorage.Activities;
using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Partitions;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>
/// The Azure Storage backend, in the shape of the Durable Task Azure Storage provider: partitioned control queues owned through
/// blob leases, a shared work-item queue for activities, instance state and per-episode history chunks in blobs written with
/// ETag checks, large messages in blobs, and timers as delayed messages re-enqueued in hops past the queue's 7-day limit.
/// Many hosts on one task hub share the work. See <see cref="AzureStorageMode"/> for Functions plans.
/// </summary>
public sealed partial class AzureStorageOrchestrationService : IOrchestrationService, IOrchestrationStateNotifier, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan AbandonDelay = TimeSpan.FromMilliseconds(500);
    private readonly AzureStorageOrchestrationOptions _options;
    private readonly StorageConnection _connection;
    private readonly TaskHubLayout _layout;
    private readonly QueueClient[] _controlQueues;
    private readonly QueueClient _workItems;
    private readonly BlobContainerClient _leases;
    private readonly BlobContainerClient _largeMessages;
    private readonly InstanceStore _store;
    private readonly MessageCodec _codec;
    private readonly MessageSender _sender;
    private readonly ActivityQueue _activities;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Channel<ReadyInstance> _ready = Channel.CreateUnbounded<ReadyInstance>();
    private readonly ConcurrentDictionary<int, PartitionPump> _pumps = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _stateWaiters = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private Task? _resources;
    private PartitionManager? _partitions;

    /// <summary>Creates the backend; nothing is contacted until it starts or a client call is made.</summary>
    public AzureStorageOrchestrationService(AzureStorageOrchestrationOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _connection = options.Connection ?? StorageConnection.FromConnectionString(options.ConnectionString!);
        _layout = new TaskHubLayout(options.TaskHubName, options.PartitionCount);
        _clock = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<AzureStorageOrchestrationService>();
        _controlQueues = _layout.ControlQueues.Select(_connection.GetQueueClient).ToArray();
        _workItems = _connection.GetQueueClient(_layout.WorkItemQueue);
        _leases = _connection.GetBlobContainerClient(_layout.LeasesContainer);
        _largeMessages = _connection.GetBlobContainerClient(_layout.LargeMessagesContainer);
        _store = new InstanceStore(_connection.GetTableClient(_layout.InstancesTable), _connection.GetBlobContainerClient(_layout.InstancesContainer));
        _codec = new MessageCodec(_largeMessages, options.LargeMessageThresholdBytes);
        _sender = new MessageSender(_layout, _controlQueues, _workItems, _codec, _clock, options.MaxTimerHop, options.MessageVisibilityTimeout);
        _activities = new ActivityQueue(_workItems, _codec, options, _sender.DeliverCarriedResultsAsync, _loggerFactory.CreateLogger<ActivityQueue>());
        _sender.ControlMessageSent += p => { if (_pumps.TryGetValue(p, out var pump)) { pump.Poke(); } };
        _sender.WorkItemSent += _activities.Poke;
        if (options.Mode == AzureStorageMode.Polling)
        {
            _sender.LocalPartition = p => _pumps.TryGetValue(p, out var pump) ? pump : null;
            _sender.LocalActivities = _activities;
        }
    }

    /// <summary>The settings in use.</summary>
    public AzureStorageOrchestrationOptions Options => _options;

    /// <summary>The queue and container names of this task hub.</summary>
    public TaskHubLayout Layout => _layout;

    /// <summary>The partitions this host owns now (always empty in <see cref="AzureStorageMode.Triggered"/> mode).</summary>
    public IReadOnlyCollection<int> OwnedPartitions => _partitions?.OwnedPartitions ?? [];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        if (_options.Mode == AzureStorageMode.Triggered)
        {
            return; // A queue trigger hands messages over; no leases, no pollers.
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_partitions is null)
            {
                _partitions = new PartitionManager(_options, _leases, _logger, OnAcquiredAsync, OnReleasedAsync);
                await _partitions.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_partitions is not null)
            {
                await _partitions.StopAsync().ConfigureAwait(false);
                _partitions = null;
            }

            await _activities.ReleaseFetchedAsync().ConfigureAwait(false);
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Stops synchronously (blocks while leases are handed back); prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Creates the task hub's queues and containers if they do not exist yet.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => EnsureResourcesAsync(cancellationToken);

    /// <summary>Creates the hub's queues and containers once (again after a failure).</summary>
    private Task EnsureResourcesAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _resources);
        if (current is { IsCompletedSuccessfully: true })
        {
            return current;
        }

        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            var created = CreateResourcesAsync();
            current = Interlocked.CompareExchange(ref _resources, created, current) == current ? created : _resources!;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task CreateResourcesAsync()
    {
        var queues = _controlQueues.Append(_workItems).Select(q => q.CreateIfNotExistsAsync());
        var containers = new[] { _leases, _largeMessages, _store.Container }.Select(c => c.CreateIfNotExistsAsync());
        await Task.WhenAll(queues.Concat(containers).Append(_store.Table.CreateIfNotExistsAsync())).ConfigureAwait(false);
    }

    private Task OnAcquiredAsync(int partition)
    {
        var pump = new PartitionPump(partition, _controlQueues[partition], _codec, _sender, _options, _clock,
            _loggerFactory.CreateLogger<PartitionPump>(), _ready.Writer);
        _pumps[partition] = pump;
        pump.Start();
        return Task.CompletedTask;
    }

    private async Task OnReleasedAsync(int partition, bool graceful)
    {
        if (_pumps.TryRemove(partition, out var pump))
        {
            await pump.StopAsync(graceful, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task WaitForStateChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // Subscribe synchronously, so a change between the caller's read and this wait is not missed.
        var waiter = _stateWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return WaitAsync(instanceId, waiter, maxWait, cancellationToken);
    }

    private async Task WaitAsync(string instanceId, TaskCompletionSource waiter, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // Changes made by other processes are only seen by polling, so never wait long.
        var cap = maxWait < TimeSpan.FromMilliseconds(500) ? maxWait : TimeSpan.FromMilliseconds(500);
        await Task.WhenAny(waiter.Task, Task.Delay(cap, cancellationToken)).ConfigureAwait(false);

        // Do not keep waiters for instances that change elsewhere (a client-only process would collect them for ever).
        _stateWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, waiter));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void SignalStateChanged(string instanceId)
    {
        if (_stateWaiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
