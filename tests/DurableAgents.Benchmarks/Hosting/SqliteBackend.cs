using DurableAgents.DurableTask;
using DurableAgents.DurableTask.Sqlite;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>A fresh SQLite task hub file with the provider's default settings (what the embedded host ships).</summary>
internal sealed class SqliteBackend : BenchmarkBackend
{
    private readonly string? _tempRoot;

    /// <param name="dataPath">The folder to keep the file in (kept afterwards); null for a temp folder deleted afterwards.</param>
    /// <param name="runName">Names the file, so the runs of one command do not share one.</param>
    public SqliteBackend(string? dataPath, string runName)
    {
        _tempRoot = dataPath is null ? Path.Combine(Path.GetTempPath(), "durableagents-bench-" + Guid.NewGuid().ToString("N")[..12]) : null;
        var folder = dataPath ?? _tempRoot!;
        Settings = new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.Combine(folder, $"{runName}-{Guid.NewGuid().ToString("N")[..8]}.db"),
        };
    }

    public override string Name => "sqlite";

    /// <summary>The provider settings of this run's file.</summary>
    public SqliteOrchestrationServiceSettings Settings { get; }

    public override void UseWorker(IDurableTaskWorkerBuilder worker) => worker.UseSqlite(Settings);

    public override void UseClient(IDurableTaskClientBuilder client) => client.UseSqlite(Settings);

    public override long? Commits(IServiceProvider services) => services.GetSqliteOrchestrationService(Settings.DatabasePath).CommitCount;

    public override IOrchestrationService CreateService() => new SqliteOrchestrationService(Settings);

    public override ValueTask DisposeAsync()
    {
        if (_tempRoot is not null && Directory.Exists(_tempRoot))
        {
            Directory.Delete(_tempRoot, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
