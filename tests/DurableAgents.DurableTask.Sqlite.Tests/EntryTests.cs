using System.Text;
using DurableAgents.DurableTask.Sqlite.Tests.Support;

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
        SqliteFile.Execute(hub.DatabasePath, "DROP TABLE entries; DELETE FROM durabletask_schema_versions WHERE version = '1.1.0';");

        await hub.RestartAsync(startWorker: false);

        Assert.Equal("2", (await hub.Client.GetOrchestrationStateAsync("before-upgrade"))!.Output);
        await hub.Service.WriteEntryAsync("after-upgrade", new byte[] { 1 });
        Assert.Equal(new byte[] { 1 }, await hub.Service.ReadEntryAsync("after-upgrade"));
        Assert.Contains(SqliteFile.Query(hub.DatabasePath, "SELECT version FROM durabletask_schema_versions"), row => (string)row[0] == "1.1.0");
    }
}
