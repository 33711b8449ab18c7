using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// The SDK worker and client in a generic host on the backend, set up as an application would (<c>UseSqlite</c>,
/// <c>UseAzureStorage</c>, <c>UseOrchestrationService</c>), plus the backend's worker processes.
/// </summary>
internal sealed class SdkCluster : IBenchmarkCluster
{
    private readonly BenchmarkBackend _backend;
    private readonly IHost _host;
    private readonly List<WorkerProcess> _processes = [];
    private readonly DurableTaskClient _client;

    private SdkCluster(BenchmarkBackend backend, IHost host)
    {
        _backend = backend;
        _host = host;
        _client = host.Services.GetRequiredService<DurableTaskClient>();
        Clock = host.Services.GetRequiredService<StepClock>();
    }

    public StepClock Clock { get; }

    public int OtherProcesses => _processes.Count;

    public TimeSpan CpuTime => _processes.Aggregate(Environment.CpuUsage.TotalTime, (sum, p) => sum + p.CpuTime);

    public long? Commits => _backend.Commits(_host.Services);

    /// <summary>
    /// Starts a host in this process and <paramref name="workers"/> - 1 worker processes, then waits until the backend's work is
    /// spread over all of them. The cluster owns <paramref name="backend"/> and disposes it.
    /// </summary>
    public static async Task<SdkCluster> StartAsync(BenchmarkBackend backend, int workers, CancellationToken cancellation)
    {
        var host = BuildHost(backend.UseWorker, backend.UseClient, new StepClock());
        var cluster = new SdkCluster(backend, host);
        try
        {
            await host.StartAsync(cancellation);
            var started = await Task.WhenAll(Enumerable.Range(1, workers - 1).Select(i => backend.StartWorkerProcessAsync(i, cancellation)));
            cluster._processes.AddRange(started);
            if (workers > 1)
            {
                await backend.WaitUntilBalancedAsync(workers, cancellation);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A host with the benchmark's tasks on the worker <paramref name="useWorker"/> configures, and a client where given.</summary>
    public static IHost BuildHost(Action<IDurableTaskWorkerBuilder> useWorker, Action<IDurableTaskClientBuilder>? useClient, StepClock clock)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Azure Storage releases its partition leases on stop; give it the time to, rather than leaving them to expire.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(clock);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(BenchmarkTasks.Register);
            useWorker(worker);
        });
        if (useClient is not null)
        {
            builder.Services.AddDurableTaskClient(useClient);
        }

        return builder.Build();
    }

    public Task<string> StartAsync(BenchmarkOrchestration orchestration, int input, CancellationToken cancellation) =>
        _client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.NameOf(orchestration), input, cancellation);

    public Task RaiseGoAsync(string instanceId, int value, CancellationToken cancellation) =>
        _client.RaiseEventAsync(instanceId, BenchmarkTasks.GoEvent, value, cancellation);

    public Task WaitUntilRunningAsync(string instanceId, CancellationToken cancellation) =>
        _client.WaitForInstanceStartAsync(instanceId, cancellation);

    public async Task WaitForOutputAsync(string instanceId, int expectedOutput, CancellationToken cancellation)
    {
        var done = await _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellation);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<int>() != expectedOutput)
        {
            throw new InvalidOperationException(
                $"Instance {instanceId} ended {done.RuntimeStatus} with output {done.SerializedOutput} (expected {expectedOutput}): " +
                $"{done.FailureDetails?.ErrorMessage}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            await _backend.DisposeAsync();
        }
    }
}
