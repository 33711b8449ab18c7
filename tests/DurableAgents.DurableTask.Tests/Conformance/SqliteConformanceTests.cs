using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>The suite on the embedded SQLite provider; a restart closes the database file and opens it again.</summary>
public sealed class SqliteConformanceTests : ConformanceTests
{
    private readonly TempFolder _folder = new("da-conformance");

    private SqliteOrchestrationServiceSettings Settings => new() { DatabasePath = Path.Combine(_folder.Path, "taskhub.db") };

    protected override void UseProvider(IDurableTaskWorkerBuilder worker) => worker.UseSqlite(Settings);

    protected override void UseProvider(IDurableTaskClientBuilder client) => client.UseSqlite(Settings);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
