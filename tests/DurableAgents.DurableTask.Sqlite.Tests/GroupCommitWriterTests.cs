using DurableAgents.DurableTask.Sqlite.Storage;
using DurableAgents.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task AFailingSetInABatch_FailsAlone_AndTheOthersCommit()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "hub.db");
        var connection = SqliteDbManager.OpenWriter(path, new SqliteOrchestrationServiceSettings { DatabasePath = path }, NullLogger.Instance);
        var gate = new object();
        var writer = new GroupCommitWriter(connection, gate, NullLogger.Instance);
        var committed = new List<string>();
        Task blocker, first, duplicate, last;
        lock (gate)
        {
            // The writer cannot finish the blocker while the test holds the gate, so the next three wait for it and
            // are committed as one batch, which fails on the duplicate and is then retried one set at a time.
            blocker = writer.Enqueue(Set(0, "blocker", committed));
            first = writer.Enqueue(Set(1, "a", committed));
            duplicate = writer.Enqueue(Set(1, "b", committed));
            last = writer.Enqueue(Set(2, "c", committed));
        }

        await blocker;
        await first;
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        await last;
        await writer.DisposeAsync();
        connection.Dispose();

        Assert.Equal(["blocker", "a", "c"], committed);
    }

    static WriteSet Set(long messageId, string name, List<string> committed)
    {
        var set = new WriteSet { Committed = () => committed.Add(name) };
        set.Messages.Add(new MessageRow(messageId, name, null, 0, null, "{}", null));
        return set;
    }
}
