using DurableAgents.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>
/// Worker processes on one task hub, their logs, and a client in the test process (it owns no partitions). Dispose kills
/// every worker that is still running and deletes the task hub.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly TempFolder _logs = new("da-scaleout");
    private readonly ServiceProvider _clientServices;
    private readonly Action<string> _note;

    private ScaleOutCluster(string connectionString, string taskHub, Action<string> note)
    {
        ConnectionString = connectionString;
        TaskHub = taskHub;
        _note = note;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTaskClient(b => b.UseAzureStorage(new AzureStorageOptions { ConnectionString = connectionString, TaskHubName = taskHub }));
        _clientServices = services.BuildServiceProvider();
        Client = _clientServices.GetRequiredService<DurableTaskClient>();
        Partitions = new PartitionTable(connectionString, taskHub, new AzureStorageOptions().PartitionCount);
    }

    public string ConnectionString { get; }

    public string TaskHub { get; }

    public DurableTaskClient Client { get; }

    public PartitionTable Partitions { get; }

    public List<WorkerProcess> Workers { get; } = [];

    public string LogFolder => _logs.Path;

    /// <summary>Starts <paramref name="hosts"/> workers at once, each with a worker id of its own.</summary>
    public static async Task<ScaleOutCluster> StartAsync(string connectionString, string taskHub, int hosts, Action<string> note)
    {
        var cluster = new ScaleOutCluster(connectionString, taskHub, note);
        var starts = Enumerable.Range(0, hosts)
            .Select(i => WorkerProcess.StartAsync(connectionString, taskHub, $"host{i}-{Guid.NewGuid():N}"[..14], cluster.LogFolder))
            .ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            // Those that did start are killed with the rest.
            cluster.Workers.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
            await cluster.DisposeAsync();
            throw;
        }

        cluster.Workers.AddRange(starts.Select(s => s.Result));
        return cluster;
    }

    /// <summary>How many distinct steps have completed (from the side-effect logs; cheap, no storage requests).</summary>
    public int CompletedSteps() => ProcessLogs.ReadExecutions(LogFolder).Select(e => e.Key).Distinct().Count();

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        await _clientServices.DisposeAsync();
        if (await TaskHubs.DeleteAsync(ConnectionString, TaskHub) is { } failure)
        {
            _note(failure);
        }

        _logs.Dispose();
    }
}
