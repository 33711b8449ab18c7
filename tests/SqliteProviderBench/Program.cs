using System.Diagnostics;
using DurableAgents.DurableTask.Sqlite;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;
using SqliteProviderBench;

// Usage: dotnet run -c Release --project tests/SqliteProviderBench -- [--backend sqlite|memory] [--workload sequential|fanout|events|drift|waiting|all]
//        [--n N] [--instances K] [--rounds R]
// Prints one line per measurement: backend=B workload=W n=N instances=K steps_per_s=X wall_ms=Y (median of R rounds after a warm-up).
var options = Options.Parse(args);
var workloads = options.Workload == "all" ? new[] { "sequential", "sequential20", "fanout", "events", "drift", "waiting" } : [options.Workload];
foreach (var workload in workloads)
{
    await using var run = await BenchRun.StartAsync(options.Backend);
    await new Bench(run, options).RunAsync(workload);
}

return 0;

sealed record Options(string Backend, string Workload, int? N, int? Instances, int Rounds)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        int? GetInt(string name) => Get(name, string.Empty) is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new Options(Get("--backend", "sqlite"), Get("--workload", "all"), GetInt("--n"), GetInt("--instances"), GetInt("--rounds") ?? 3);
    }
}

/// <summary>A worker and client on one service (a fresh SQLite file, or DTFx's in-memory service).</summary>
sealed class BenchRun : IAsyncDisposable
{
    string? folder;

    public required IOrchestrationService Service { get; init; }

    public required TaskHubWorker Worker { get; init; }

    public required TaskHubClient Client { get; init; }

    public required string Backend { get; init; }

    /// <summary>Group commits so far (0 for the in-memory service).</summary>
    public long Commits => (Service as SqliteOrchestrationService)?.CommitCount ?? 0;

    public static async Task<BenchRun> StartAsync(string backend)
    {
        string? folder = null;
        IOrchestrationService service;
        if (backend == "memory")
        {
            service = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "sqlite-bench-" + Guid.NewGuid().ToString("N"));
            service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = Path.Combine(folder, "bench.db") });
        }

        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(typeof(SequentialSteps), typeof(FanOutSteps), typeof(WaitForGo));
        worker.AddTaskActivities(typeof(Step));
        await worker.StartAsync();
        return new BenchRun { Service = service, Worker = worker, Client = new TaskHubClient((IOrchestrationServiceClient)service), Backend = backend, folder = folder };
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(isForced: true);
        if (Service is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
