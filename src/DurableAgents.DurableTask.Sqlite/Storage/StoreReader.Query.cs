using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DurableAgents.DurableTask.Sqlite.Storage;

internal sealed partial class StoreReader
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>One page of instances for <paramref name="query"/>, ordered by (created time, id), and the token of the next.</summary>
    public (List<OrchestrationState> States, string? ContinuationToken) Query(OrchestrationQuery query, CancellationToken cancellationToken) => Use(c =>
    {
        int pageSize = query.PageSize <= 0 ? DefaultPageSize : Math.Min(query.PageSize, MaxPageSize);
        using var command = c.Connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {StateMapper.Columns} FROM instances WHERE 1 = 1");
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            sql.Append(" AND status IN (").AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))).Append(')');
        }

        if (query.CreatedTimeFrom is DateTime from)
        {
            sql.Append(" AND created_ticks >= $from");
            command.Parameters.AddWithValue("$from", from.ToUniversalTime().Ticks);
        }

        if (query.CreatedTimeTo is DateTime to)
        {
            sql.Append(" AND created_ticks <= $to");
            command.Parameters.AddWithValue("$to", to.ToUniversalTime().Ticks);
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND substr(instance_id, 1, $plen) = $prefix");
            command.Parameters.AddWithValue("$plen", query.InstanceIdPrefix.Length);
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
        }

        if (ContinuationToken.TryParse(query.ContinuationToken, out long afterTicks, out string afterId))
        {
            sql.Append(" AND (created_ticks, instance_id) > ($aticks, $aid)");
            command.Parameters.AddWithValue("$aticks", afterTicks);
            command.Parameters.AddWithValue("$aid", afterId);
        }

        sql.Append(" ORDER BY created_ticks, instance_id LIMIT $limit");
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        command.CommandText = sql.ToString();
        var states = new List<OrchestrationState>(Math.Min(pageSize + 1, 256));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                states.Add(StateMapper.Read(reader, query.FetchInputsAndOutputs));
            }
        }

        if (states.Count <= pageSize)
        {
            return (states, (string?)null);
        }

        states.RemoveAt(states.Count - 1);
        var last = states[^1];
        return (states, ContinuationToken.Create(last.CreatedTime.Ticks, last.OrchestrationInstance.InstanceId));
    });
}
