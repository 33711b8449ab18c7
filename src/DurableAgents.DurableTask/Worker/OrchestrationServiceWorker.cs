using DurableAgents.DurableTask.Worker.Dispatch;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SdkExceptionPropertiesProvider = Microsoft.DurableTask.Worker.IExceptionPropertiesProvider;

namespace DurableAgents.DurableTask.Worker;

/// <summary>
/// The SDK worker that runs registered orchestrators and activities in this process on a DTFx <see cref="TaskHubWorker"/>
/// over any <see cref="IOrchestrationService"/>, through the SDK's own shim (the executor Durable Functions uses).
/// </summary>
internal sealed partial class OrchestrationServiceWorker : DurableTaskWorker
{
    private readonly WorkerOrchestrationService _service;
    private readonly TaskHubWorker _hub;
    private readonly ILogger _logger;
    private readonly Lock _stopGate = new();
    private Task? _stop;

    public OrchestrationServiceWorker(
        string name,
        IDurableTaskFactory factory,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        IOptionsMonitor<WorkerProviderOptions> providerOptions,
        IOptionsMonitor<DurableTaskRegistry> registries,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        var options = workerOptions.Get(name);
        var provider = providerOptions.Get(name).Factory ?? throw new InvalidOperationException(
            $"The Durable Task worker '{name}' has no provider. Call UseOrchestrationService(...) or UseAzureStorage(...) on its builder.");
        var inner = provider(services) ?? throw new InvalidOperationException(
            $"The provider factory of the Durable Task worker '{name}' returned null; it must return an IOrchestrationService.");
        _service = new WorkerOrchestrationService(
            inner, options.Concurrency.MaximumConcurrentOrchestrationWorkItems, options.Concurrency.MaximumConcurrentActivityWorkItems);
        _logger = loggerFactory.CreateLogger<OrchestrationServiceWorker>();

        var shims = new DurableTaskShimFactory(options, loggerFactory);
        var registered = RegisteredTasks.From(registries.Get(name));
        _hub = new TaskHubWorker(
            _service,
            new OrchestrationObjectManager(factory, shims, options.DataConverter, registered, services),
            new ActivityObjectManager(factory, shims, options.DataConverter, registered, services),
            loggerFactory)
        {
            // Failure details (type, message, stack, inner failure) reach TaskFailedException on every provider.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        if (services.GetService<SdkExceptionPropertiesProvider>() is { } properties)
        {
            _hub.ExceptionPropertiesProvider = new ExceptionPropertiesProviderAdapter(properties);
        }

        _hub.AddOrchestrationDispatcherMiddleware(ParentInstanceMiddleware.InvokeAsync);
        _hub.AddOrchestrationDispatcherMiddleware(NonDeterminismMessageMiddleware.InvokeAsync);
        if (providerOptions.Get(name).Clock is { } clock)
        {
            _hub.AddOrchestrationDispatcherMiddleware(new OrchestrationClockMiddleware(clock).InvokeAsync);
        }
    }

    /// <summary>The provider as the dispatchers see it (for tests of the caps and the stop).</summary>
    internal WorkerOrchestrationService Service => _service;

    /// <summary>Creates the task hub if needed and starts dispatching; a provider that cannot start fails the host's start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        await _hub.StartAsync().WaitAsync(cancellationToken);
        Log.Started(_logger, Name, _service.Inner.GetType().Name, _service.MaxConcurrentTaskOrchestrationWorkItems, _service.MaxConcurrentTaskActivityWorkItems);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Stops fetching and waits for work in flight until <paramref name="cancellationToken"/> (the host's shutdown timeout).</summary>
    /// <remarks>
    /// Hosts may stop a service twice, or dispose it while a stop is still running (WebApplicationFactory stops the host while
    /// the app's own RunAsync stops and disposes it). DTFx's worker throws on both, so the first stop is shared and disposal
    /// waits for it.
    /// </remarks>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        Task? stop;
        lock (_stopGate)
        {
            stop = _stop;
            _stop ??= Task.CompletedTask; // a worker disposed before it was stopped is not stopped afterwards
        }

        if (stop is { IsCompleted: false })
        {
            stop.ContinueWith(_ => _hub.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            _hub.Dispose();
        }

        base.Dispose();
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _service.SetStopDeadline(cancellationToken);
        // Forced only skips DTFx's fixed one-second polls; work in flight keeps running and the provider's stop waits for it.
        await _hub.StopAsync(isForced: true);
        if (_service.InFlightCount > 0)
        {
            Log.StoppedWithWorkInFlight(_logger, Name, _service.InFlightCount);
        }

        await base.StopAsync(cancellationToken);
    }

    // Everything happens in the dispatchers TaskHubWorker started; there is no loop of our own.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
