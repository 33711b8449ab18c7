using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Client;
using DurableAgents.TestWorker;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.ScaleOut;

/// <summary>Host processes on one task hub, a client that schedules agent-style runs, and the checks on results and side effects.</summary>
public sealed class ScaleOutHarness : IAsyncDisposable
{
    public const int Steps = 2;
    public const int Tools = 2;
    private readonly string _connectionString;
    private readonly TempFolder _folder = new("da-scaleout");
    private readonly AzureStorageOrchestrationService _clientBackend;

    public ScaleOutHarness(string connectionString, string taskHub)
    {
        _connectionString = connectionString;
        TaskHub = taskHub;
        // Never started: a pure client that owns no partitions.
        _clientBackend = new AzureStorageOrchestrationService(new AzureStorageOrchestrationOptions { ConnectionString = connectionString, TaskHubName = taskHub });
        Client = new DurableTaskClient(_clientBackend);
    }

    public string TaskHub { get; }

    public DurableTaskClient Client { get; }

    public List<TestWorkerProcess> Hosts { get; } = [];

    private string SideEffectsPath => Path.Combine(_folder.Path, "effects");

    public async Task StartHostsAsync(int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            TestWorkerProcess.StartAsync(_connectionString, TaskHub, $"host{i}-{Guid.NewGuid():N}", SideEffectsPath)));
        Hosts.AddRange(started);
    }

    public static string InstanceId(int run) => $"run-{run:D3}";

    public async Task ScheduleAsync(int runs) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, ct) =>
            await Client.ScheduleNewOrchestrationInstanceAsync(
                ScaleOutScenarios.AgentRun, new[] { run, Steps, Tools }, new StartOrchestrationOptions { InstanceId = InstanceId(run) }, ct));

    /// <summary>Waits for runs in order (one poller at a time keeps storage traffic low) and checks each result.</summary>
    public async Task WaitAndCheckAsync(int from, int to, CancellationToken deadline)
    {
        for (var run = from; run < to; run++)
        {
            var metadata = await Client.WaitForInstanceCompletionAsync(InstanceId(run), getInputsAndOutputs: true, deadline);
            Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{metadata.InstanceId} is {metadata.RuntimeStatus}: {metadata.FailureDetails}");
            Assert.Equal(ScaleOutScenarios.Expected(run, Steps, Tools), metadata.ReadOutputAs<int>());
        }
    }

    /// <summary>The owner (worker id) of each partition lease that is currently held.</summary>
    public async Task<Dictionary<int, string>> PartitionOwnersAsync(StorageConnection connection, int partitions)
    {
        var leases = connection.GetBlobContainerClient($"{TaskHub}-leases");
        var owners = new Dictionary<int, string>();
        for (var p = 0; p < partitions; p++)
        {
            var properties = await leases.GetBlobClient($"partition-{p}").GetPropertiesAsync();
            if (properties.LeaseState == "leased" && properties.Metadata.TryGetValue("owner", out var owner))
            {
                owners[p] = Uri.UnescapeDataString(owner);
            }
        }

        return owners;
    }

    /// <summary>How many times each activity (idempotency key) ran, per process id.</summary>
    public Dictionary<string, List<int>> SideEffects()
    {
        var runs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(_folder.Path, "effects.*"))
        {
            var pid = int.Parse(Path.GetExtension(file).TrimStart('.'), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var key in File.ReadAllLines(file).Where(l => l.Length > 0))
            {
                if (!runs.TryGetValue(key, out var pids))
                {
                    runs[key] = pids = [];
                }

                pids.Add(pid);
            }
        }

        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await _clientBackend.DisposeAsync();
        _folder.Dispose();
    }
}
