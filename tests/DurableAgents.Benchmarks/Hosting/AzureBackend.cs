using DurableAgents.DurableTask;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// A fresh task hub on Durable Functions' Azure Storage provider (DTFx), with the tuned defaults of <see cref="AzureStorageOptions"/>;
/// further workers are child processes on the same hub, each with its own worker id and leases.
/// </summary>
internal sealed class AzureBackend(string connection) : BenchmarkBackend
{
    public override string Name => "azure";

    /// <summary>This run's task hub (letters and digits, as the provider requires).</summary>
    public string TaskHub { get; } = "bench" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The provider options of worker <paramref name="index"/> (0 is this process) on <paramref name="taskHub"/>.</summary>
    public static AzureStorageOptions Options(string connection, string taskHub, int index) => new()
    {
        ConnectionString = connection,
        TaskHubName = taskHub,
        // Distinct per process: the partition table tells the workers apart by it.
        WorkerId = $"bench-worker{index}-{Environment.ProcessId}",
    };

    public override void UseWorker(IDurableTaskWorkerBuilder worker) => worker.UseAzureStorage(Options(connection, TaskHub, 0));

    public override void UseClient(IDurableTaskClientBuilder client) => client.UseAzureStorage(Options(connection, TaskHub, 0));

    public override Task<WorkerProcess> StartWorkerProcessAsync(int index, CancellationToken cancellation) =>
        WorkerProcess.StartAsync(connection, TaskHub, index, cancellation);

    public override Task WaitUntilBalancedAsync(int workers, CancellationToken cancellation) =>
        new PartitionTable(connection, TaskHub).WaitUntilSpreadAsync(workers, new AzureStorageOptions().PartitionCount, cancellation);

    /// <summary>Deletes the task hub's queues, tables and containers, so an account given with --connection is left as found.</summary>
    public override async ValueTask DisposeAsync()
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            TaskHubName = TaskHub,
        };
        try
        {
            await new AzureStorageOrchestrationService(settings).DeleteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"warning: could not delete the task hub {TaskHub}: {e.Message}");
        }
    }
}
