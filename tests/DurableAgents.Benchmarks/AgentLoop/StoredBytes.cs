using DurableAgents.Runs.Conversation;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Benchmarks.AgentLoop;

/// <summary>What a run keeps in the SQLite task hub file: its conversation entries, its history rows and its instance row.</summary>
/// <param name="Entries">Bytes of the conversation entries (the entries table).</param>
/// <param name="History">Bytes of the run's history rows (the current generation; older ones are deleted at continue-as-new).</param>
/// <param name="Instance">Bytes of the run's instance row: input (with the carried state), output and custom status.</param>
internal sealed record StoredBytes(long Entries, long History, long Instance)
{
    public long Total => Entries + History + Instance;

    /// <summary>Reads what <paramref name="instanceId"/> keeps, once every write made so far has committed.</summary>
    public static async Task<StoredBytes> ReadAsync(string databasePath, IConversationStore store, string instanceId)
    {
        // The entry count waits for a commit of its own, and commits apply in order: everything written before is in the file.
        var entries = await store.GetStoredBytesAsync();

        // A second, read-only connection: the provider's file lock is a separate file, and WAL mode lets readers in.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
              (SELECT coalesce(sum(length(CAST(data AS BLOB))), 0) FROM history WHERE instance_id = $id),
              (SELECT coalesce(length(CAST(input AS BLOB)), 0) + coalesce(length(CAST(output AS BLOB)), 0)
                    + coalesce(length(CAST(custom_status AS BLOB)), 0) FROM instances WHERE instance_id = $id)
            """;
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoredBytes(entries, reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
    }
}
