using System.Collections.Concurrent;
using DurableAgents.Benchmarks.Hosting;
using DurableAgents.DurableTask.Sqlite;
using DurableTask.Core;

namespace DurableAgents.Benchmarks.Dtfx;

/// <summary>
/// <c>--level dtfx</c>: a plain DTFx <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/> with DTFx-native orchestrations
/// on the same provider, without the SDK. Beside the SDK level's figure it shows what the SDK's shim and client add.
/// </summary>
internal sealed class DtfxCluster : IBenchmarkCluster
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);
    private readonly BenchmarkBackend _backend;
    private readonly IOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly ConcurrentDictionary<string, OrchestrationInstance> _instances = new();

    private DtfxCluster(BenchmarkBackend backend, IOrchestrationService service)
    {
        _backend = backend;
        _service = service;
        _worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        _worker.AddTaskOrchestrations(typeof(DtfxSequential), typeof(DtfxFanout), typeof(DtfxWaitForGo));
        _worker.AddTaskActivities(new StepActivityCreator(Clock));
        _client = new TaskHubClient((IOrchestrationServiceClient)service);
    }

    public StepClock Clock { get; } = new();

    public int OtherProcesses => 0;

    public TimeSpan CpuTime => Environment.CpuUsage.TotalTime;

    public long? Commits => (_service as SqliteOrchestrationService)?.CommitCount;

    /// <summary>Starts the worker on a provider object from <paramref name="backend"/>; the cluster owns both.</summary>
    public static async Task<DtfxCluster> StartAsync(BenchmarkBackend backend)
    {
        var cluster = new DtfxCluster(backend, backend.CreateService());
        try
        {
            await cluster._service.CreateIfNotExistsAsync();
            await cluster._worker.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<string> StartAsync(BenchmarkOrchestration orchestration, int input, CancellationToken cancellation)
    {
        var type = orchestration switch
        {
            BenchmarkOrchestration.Sequential => typeof(DtfxSequential),
            BenchmarkOrchestration.Fanout => typeof(DtfxFanout),
            BenchmarkOrchestration.WaitForGo => typeof(DtfxWaitForGo),
            _ => throw new ArgumentOutOfRangeException(nameof(orchestration), orchestration, "Not a benchmark orchestration."),
        };
        var instance = await _client.CreateOrchestrationInstanceAsync(type, Guid.NewGuid().ToString("N"), input);
        _instances[instance.InstanceId] = instance;
        return instance.InstanceId;
    }

    public Task RaiseGoAsync(string instanceId, int value, CancellationToken cancellation) =>
        _client.RaiseEventAsync(_instances[instanceId], BenchmarkTasks.GoEvent, value);

    public async Task WaitUntilRunningAsync(string instanceId, CancellationToken cancellation)
    {
        // DTFx's client has no wait-for-start; this is what the SDK client does over it too (poll with a short delay).
        while ((await _client.GetOrchestrationStateAsync(_instances[instanceId]))?.OrchestrationStatus is null or OrchestrationStatus.Pending)
        {
            await Task.Delay(5, cancellation);
        }
    }

    public async Task WaitForOutputAsync(string instanceId, int expectedOutput, CancellationToken cancellation)
    {
        var state = await _client.WaitForOrchestrationAsync(_instances[instanceId], WaitLimit, cancellation);
        var expected = expectedOutput.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (state?.OrchestrationStatus != OrchestrationStatus.Completed || state.Output != expected)
        {
            throw new InvalidOperationException(
                $"Instance {instanceId} ended {state?.OrchestrationStatus} with output {state?.Output} (expected {expected}): {state?.FailureDetails?.ErrorMessage}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _worker.StopAsync(isForced: true);
        }
        finally
        {
            switch (_service)
            {
                case IAsyncDisposable disposable: await disposable.DisposeAsync(); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }

            await _backend.DisposeAsync();
        }
    }

    /// <summary>Creates the step activity with this cluster's clock (DTFx's type-based registration needs a parameterless constructor).</summary>
    private sealed class StepActivityCreator : ObjectCreator<TaskActivity>
    {
        private readonly StepClock _clock;

        public StepActivityCreator(StepClock clock)
        {
            _clock = clock;
            Name = NameVersionHelper.GetDefaultName(typeof(DtfxStep));
            Version = NameVersionHelper.GetDefaultVersion(typeof(DtfxStep));
        }

        public override TaskActivity Create() => new DtfxStep(_clock);
    }
}
