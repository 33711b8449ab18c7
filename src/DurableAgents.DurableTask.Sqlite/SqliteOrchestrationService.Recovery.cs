using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>Rebuilds the in-memory state from the file: instances, undelivered messages, timers and activities;
    /// deletes messages and activities left for instances that are gone or finished.</summary>
    sealed class Recovery(SqliteOrchestrationService service, SqliteConnection connection)
    {
        readonly List<long> orphanMessages = [];
        readonly List<long> orphanActivities = [];
        long maxId;

        public int Messages { get; private set; }

        public int ReadyInstances { get; private set; }

        public void Run()
        {
            LoadInstances();
            LoadMessages();
            LoadActivities();
            DeleteOrphans();
            service.nextId = maxId + 1;
            foreach (var record in service.instances.Values)
            {
                if (record.HasDispatchableWork)
                {
                    service.MakeReady(record);
                    ReadyInstances++;
                }
            }
        }

        void LoadInstances()
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT instance_id, execution_id, name, status, created_ticks, last_updated_ticks, completed_ticks FROM instances";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                var record = new InstanceRecord(rows.GetString(0))
                {
                    ExecutionId = rows.GetString(1),
                    Name = rows.GetString(2),
                    Status = (OrchestrationStatus)rows.GetInt32(3),
                    CreatedUtc = new DateTime(rows.GetInt64(4), DateTimeKind.Utc),
                    LastUpdatedUtc = new DateTime(rows.GetInt64(5), DateTimeKind.Utc),
                    CompletedUtc = rows.IsDBNull(6) ? default : new DateTime(rows.GetInt64(6), DateTimeKind.Utc),
                };
                service.instances[record.InstanceId] = record;
            }
        }

        void LoadMessages()
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, instance_id, execution_id, event_type, visible_ticks, data, context FROM messages ORDER BY id";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                long id = rows.GetInt64(0);
                maxId = Math.Max(maxId, id);
                var row = new MessageRow(
                    id, rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2), rows.GetInt32(3),
                    rows.IsDBNull(4) ? null : rows.GetInt64(4), rows.GetString(5), rows.IsDBNull(6) ? null : rows.GetString(6));
                if (!service.instances.TryGetValue(row.InstanceId, out var record)
                    || (record.IsTerminal && row.EventType != (int)EventType.ExecutionStarted))
                {
                    orphanMessages.Add(id);
                    continue;
                }

                Messages++;
                DateTime? visibleAt = row.VisibleTicks is long ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
                service.Deliver(new PendingMessage(id, row.ToTaskMessage(), visibleAt), record, makeReady: false);
            }
        }

        void LoadActivities()
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, instance_id, execution_id, data, context FROM activities ORDER BY id";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                long id = rows.GetInt64(0);
                maxId = Math.Max(maxId, id);
                var row = new MessageRow(
                    id, rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2), (int)EventType.TaskScheduled,
                    null, rows.GetString(3), rows.IsDBNull(4) ? null : rows.GetString(4));
                if (!service.instances.TryGetValue(row.InstanceId, out var record) || record.IsTerminal)
                {
                    orphanActivities.Add(id);
                    continue;
                }

                service.AddActivity(new ActivityEntry(id, row.ToTaskMessage()));
            }
        }

        void DeleteOrphans()
        {
            if (orphanMessages.Count == 0 && orphanActivities.Count == 0)
            {
                return;
            }

            using var transaction = connection.BeginTransaction();
            foreach (var (table, ids) in new[] { ("messages", orphanMessages), ("activities", orphanActivities) })
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM {table} WHERE id = $id";
                var parameter = command.Parameters.Add("$id", SqliteType.Integer);
                foreach (var id in ids)
                {
                    parameter.Value = id;
                    command.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }
}
