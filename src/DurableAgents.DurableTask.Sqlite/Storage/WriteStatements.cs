using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>The writer's statements, prepared once on its connection and reused for every row.</summary>
internal sealed partial class WriteStatements : IDisposable
{
    readonly List<SqliteCommand> all = [];
    readonly SqliteCommand deleteInstance, deleteInstanceHistory, deleteInstanceMessages, deleteInstanceActivities;
    readonly SqliteCommand upsertInstance, updateInstance, trimHistory, insertHistory;
    readonly SqliteCommand deleteMessage, insertMessage, deleteActivity, insertActivity, upsertEntry, deleteEntry;

    public WriteStatements(SqliteConnection connection)
    {
        deleteInstance = Create(connection, "DELETE FROM instances WHERE instance_id = $i", "$i");
        deleteInstanceHistory = Create(connection, "DELETE FROM history WHERE instance_id = $i", "$i");
        deleteInstanceMessages = Create(connection, "DELETE FROM messages WHERE instance_id = $i", "$i");
        deleteInstanceActivities = Create(connection, "DELETE FROM activities WHERE instance_id = $i", "$i");
        upsertInstance = Create(
            connection,
            """
            INSERT INTO instances (instance_id, execution_id, name, version, status, created_ticks, last_updated_ticks,
                completed_ticks, scheduled_start_ticks, input, output, custom_status, failure_details, tags, parent, generation)
            VALUES ($i, $e, $n, $v, $s, $c, $u, $d, $ss, $in, $out, $cs, $f, $t, $p, $g)
            ON CONFLICT (instance_id) DO UPDATE SET execution_id = $e, name = $n, version = $v, status = $s, created_ticks = $c,
                last_updated_ticks = $u, completed_ticks = $d, scheduled_start_ticks = $ss, input = $in, output = $out,
                custom_status = $cs, failure_details = $f, tags = $t, parent = $p, generation = $g
            """,
            "$i", "$e", "$n", "$v", "$s", "$c", "$u", "$d", "$ss", "$in", "$out", "$cs", "$f", "$t", "$p", "$g");
        updateInstance = Create(
            connection,
            "UPDATE instances SET status = $s, last_updated_ticks = $u, completed_ticks = $d, output = $out, custom_status = $cs, failure_details = $f WHERE instance_id = $i",
            "$i", "$s", "$u", "$d", "$out", "$cs", "$f");
        trimHistory = Create(connection, "DELETE FROM history WHERE instance_id = $i AND execution_id <> $e", "$i", "$e");
        insertHistory = Create(
            connection,
            "INSERT INTO history (instance_id, execution_id, seq, event_type, data) VALUES ($i, $e, $q, $t, $d)",
            "$i", "$e", "$q", "$t", "$d");
        deleteMessage = Create(connection, "DELETE FROM messages WHERE id = $id", "$id");
        insertMessage = Create(
            connection,
            "INSERT INTO messages (id, instance_id, execution_id, event_type, visible_ticks, data, context) VALUES ($id, $i, $e, $t, $v, $d, $c)",
            "$id", "$i", "$e", "$t", "$v", "$d", "$c");
        deleteActivity = Create(connection, "DELETE FROM activities WHERE id = $id", "$id");
        insertActivity = Create(
            connection,
            "INSERT INTO activities (id, instance_id, execution_id, data, context) VALUES ($id, $i, $e, $d, $c)",
            "$id", "$i", "$e", "$d", "$c");
        upsertEntry = Create(
            connection,
            "INSERT INTO entries (key, value, updated_ticks) VALUES ($k, $v, $t) ON CONFLICT (key) DO UPDATE SET value = $v, updated_ticks = $t",
            "$k", "$v", "$t");
        deleteEntry = Create(connection, "DELETE FROM entries WHERE key = $k", "$k");
    }

    SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        all.Add(command);
        return command;
    }

    public void Begin(SqliteTransaction transaction)
    {
        foreach (var command in all)
        {
            command.Transaction = transaction;
        }
    }

    static void Run(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in all)
        {
            command.Dispose();
        }
    }
}
