using System.Collections.Concurrent;
using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>Reads of the task hub file (history, instance states, queries) on a small pool of read-only connections,
/// which WAL lets run beside the writer.</summary>
internal sealed partial class StoreReader : IDisposable
{
    readonly string connectionString;
    /// <summary>Idle connections kept for reuse; a burst of concurrent reads opens more and closes the extra ones.</summary>
    const int MaxIdleConnections = 8;

    readonly ConcurrentBag<ReadConnection> idle = [];
    bool disposed;

    public StoreReader(string path)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            Cache = SqliteCacheMode.Private,
        }.ToString();
    }

    /// <summary>The events of <paramref name="executionId"/> of an instance, in order.</summary>
    public List<HistoryEvent> ReadHistory(string instanceId, string executionId) => Use(c =>
    {
        var command = c.History;
        command.Parameters[0].Value = instanceId;
        command.Parameters[1].Value = executionId;
        var events = new List<HistoryEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(EventCodec.Deserialize(reader.GetInt32(0), reader.GetString(1)));
        }

        return events;
    });

    /// <summary>The stored value of an entry, or null when there is none.</summary>
    public byte[]? ReadEntry(string key) => Use(c =>
    {
        var command = c.Entry;
        command.Parameters[0].Value = key;
        return command.ExecuteScalar() as byte[];
    });

    /// <summary>The committed entries whose key starts with <paramref name="prefix"/>, in key order.</summary>
    public List<KeyValuePair<string, byte[]>> ReadEntries(string prefix) => Use(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM entries WHERE key >= $from AND key < $to ORDER BY key";
        command.Parameters.AddWithValue("$from", prefix);
        command.Parameters.AddWithValue("$to", prefix + char.MaxValue);
        using var reader = command.ExecuteReader();
        var entries = new List<KeyValuePair<string, byte[]>>();
        while (reader.Read())
        {
            entries.Add(new(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return entries;
    });

    /// <summary>Bytes stored in committed entries whose key starts with <paramref name="prefix"/>.</summary>
    public long SumEntryBytes(string prefix) => Use(c =>
    {
        using var command = c.Connection.CreateCommand();
        // A key range, not LIKE: keys may hold '%' and '_'.
        command.CommandText = "SELECT COALESCE(SUM(length(value)), 0) FROM entries WHERE key >= $from AND key < $to";
        command.Parameters.AddWithValue("$from", prefix);
        command.Parameters.AddWithValue("$to", prefix + char.MaxValue);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The stored state of an instance, or null when it does not exist.</summary>
    public OrchestrationState? ReadState(string instanceId, bool withInputsAndOutputs = true) => Use(c =>
    {
        var command = c.State;
        command.Parameters[0].Value = instanceId;
        using var reader = command.ExecuteReader();
        return reader.Read() ? StateMapper.Read(reader, withInputsAndOutputs) : null;
    });

    internal T Use<T>(Func<ReadConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!idle.TryTake(out var connection))
        {
            connection = new ReadConnection(connectionString);
        }

        try
        {
            return read(connection);
        }
        finally
        {
            if (disposed || idle.Count >= MaxIdleConnections)
            {
                connection.Dispose();
            }
            else
            {
                idle.Add(connection);
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>One read connection and its prepared statements.</summary>
    internal sealed class ReadConnection : IDisposable
    {
        public ReadConnection(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            SqliteDbManager.Execute(Connection, "PRAGMA query_only=1; PRAGMA cache_size=-8000;");
            History = Prepare("SELECT event_type, data FROM history WHERE instance_id = $i AND execution_id = $e ORDER BY seq", "$i", "$e");
            State = Prepare($"SELECT {StateMapper.Columns} FROM instances WHERE instance_id = $i", "$i");
            Entry = Prepare("SELECT value FROM entries WHERE key = $k", "$k");
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand History { get; }

        public SqliteCommand State { get; }

        public SqliteCommand Entry { get; }

        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            History.Dispose();
            State.Dispose();
            Entry.Dispose();
            Connection.Dispose();
        }
    }
}
