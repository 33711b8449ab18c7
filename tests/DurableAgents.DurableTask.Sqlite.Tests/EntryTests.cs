using System.Text;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class EntryTests
{
    [Fact]
    public async Task Entries_AreReadableAtOnce_ReplacedDeleted_AndKeptAcrossARestart()
    {
        await using var hub = await TestHub.StartAsync(startWorker: false);
        var write = hub.Service.WriteEntryAsync("conv/1", Encoding.UTF8.GetBytes("first"));
        Assert.Equal("first", Encoding.UTF8.GetString((await hub.Service.ReadEntryAsync("conv/1"))!));
        await write;
        await hub.Service.WriteEntryAsync("conv/1", Encoding.UTF8.GetBytes("second"));
        await hub.Service.WriteEntryAsync("conv/2", Encoding.UTF8.GetBytes("other"));
        await hub.Service.DeleteEntryAsync("conv/2");

        await hub.RestartAsync(startWorker: false);

        Assert.Equal("second", Encoding.UTF8.GetString((await hub.Service.ReadEntryAsync("conv/1"))!));
        Assert.Null(await hub.Service.ReadEntryAsync("conv/2"));
        Assert.Null(await hub.Service.ReadEntryAsync("never-written"));
        await Assert.ThrowsAsync<ArgumentException>(() => hub.Service.ReadEntryAsync(string.Empty));
    }

    [Fact]
    public async Task FileOfAnOlderSchema_IsUpgradedInPlace_KeepingItsInstances()
    {
        await using var hub = await TestHub.StartAsync();
        var done = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Orchestrations.Sequence), "before-upgrade", 2);
        await hub.WaitAsync(done);
        await hub.RestartAsync(startWorker: false);
        await hub.Service.DisposeAsync();
        Execute(hub.DatabasePath, "DROP TABLE entries; DELETE FROM durabletask_schema_versions WHERE version = '1.1.0';");

        await hub.RestartAsync(startWorker: false);

        Assert.Equal("2", (await hub.Client.GetOrchestrationStateAsync("before-upgrade"))!.Output);
        await hub.Service.WriteEntryAsync("after-upgrade", new byte[] { 1 });
        Assert.Equal(new byte[] { 1 }, await hub.Service.ReadEntryAsync("after-upgrade"));
        Assert.Contains("1.1.0", Query(hub.DatabasePath, "SELECT version FROM durabletask_schema_versions ORDER BY version"));
    }

    static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static List<string> Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
