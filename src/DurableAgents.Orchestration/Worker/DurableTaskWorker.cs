using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Orchestration.Worker;

/// <summary>The hosted worker: takes orchestration and activity work from the backend and runs it, within concurrency limits.</summary>
public sealed partial class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationService _service;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger<DurableTaskWorker> _logger;
    private readonly OrchestrationWorkItemRunner _orchestrationRunner;
    private readonly ActivityRunner _activityRunner;
    private readonly InstanceCache _cache;
    private readonly CancellationTokenSource _workCancellation = new();

    /// <summary>Creates the worker.</summary>
    public DurableTaskWorker(
        IOrchestrationService service,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableTaskWorkerOptions> options,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _options = options.Value;
        _options.Validate();
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        var time = timeProvider ?? TimeProvider.System;
        _cache = new InstanceCache(_options.InstanceCacheSize);
        _orchestrationRunner = new OrchestrationWorkItemRunner(registry, services, _options.DataConverter, loggerFactory, _cache, time);
        _activityRunner = new ActivityRunner(registry, services, _options.DataConverter, time);
    }

    /// <summary>Live orchestrators held in the instance cache.</summary>
    public int CachedInstanceCount => _cache.Count;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Open the backend before the host reports started, so a locked or broken store fails the start with its message.
        await _service.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities);
        await Task.WhenAll(
            DispatchLoopAsync("orchestration", _options.MaxConcurrentOrchestrations, _service.LockNextOrchestrationWorkItemAsync, ProcessOrchestrationAsync, stoppingToken),
            DispatchLoopAsync("activity", _options.MaxConcurrentActivities, _service.LockNextActivityWorkItemAsync, ProcessActivityAsync, stoppingToken));
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _service.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _workCancellation.Dispose();
        base.Dispose();
    }

    private async Task DispatchLoopAsync<T>(
        string kind, int concurrency, Func<CancellationToken, Task<T?>> lockNext, Func<T, Task> process, CancellationToken stoppingToken)
        where T : class
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var running = new HashSet<Task>();
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            T? workItem;
            try
            {
                workItem = await lockNext(stoppingToken);
                backoff = TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release();
                break;
            }
            catch (Exception ex)
            {
                // The backend is unreachable or failing: keep the worker alive and retry with back-off.
                slots.Release();
                LogFetchFailed(ex, kind, backoff);
                await DelayQuietly(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                continue;
            }

            if (workItem is null)
            {
                slots.Release();
                continue;
            }

            var task = RunAndRelease(workItem, process, slots);
            lock (running)
            {
                running.Add(task);
            }

            _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, TaskScheduler.Default);
        }

        await DrainAsync(running);
    }

    private static async Task RunAndRelease<T>(T workItem, Func<T, Task> process, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            await process(workItem);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task DrainAsync(HashSet<Task> running)
    {
        Task[] pending;
        lock (running)
        {
            pending = running.ToArray();
        }

        var all = Task.WhenAll(pending);
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownGracePeriod)) != all)
        {
            // Past the grace period: cancel what still runs; its work items are abandoned and delivered again later.
            await _workCancellation.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
