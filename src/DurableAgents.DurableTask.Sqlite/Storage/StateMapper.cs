using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableTask.Core;
using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>Maps an instances row to DTFx's <see cref="OrchestrationState"/>.</summary>
internal static class StateMapper
{
    public const string Columns = "instance_id, execution_id, name, version, status, created_ticks, last_updated_ticks, completed_ticks, " +
        "scheduled_start_ticks, input, output, custom_status, failure_details, tags, parent, generation";

    public static OrchestrationState Read(SqliteDataReader reader, bool withInputsAndOutputs)
    {
        var failure = EventCodec.FromJson<FailureDetails>(NullableString(reader, 12));
        var status = (OrchestrationStatus)reader.GetInt32(4);
        return new OrchestrationState
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = reader.GetString(0), ExecutionId = reader.GetString(1) },
            Name = reader.GetString(2),
            Version = NullableString(reader, 3) ?? string.Empty,
            OrchestrationStatus = status,
            CreatedTime = new DateTime(reader.GetInt64(5), DateTimeKind.Utc),
            LastUpdatedTime = new DateTime(reader.GetInt64(6), DateTimeKind.Utc),
            CompletedTime = reader.IsDBNull(7) ? DateTime.MinValue : new DateTime(reader.GetInt64(7), DateTimeKind.Utc),
            ScheduledStartTime = reader.IsDBNull(8) ? null : new DateTime(reader.GetInt64(8), DateTimeKind.Utc),
            Input = withInputsAndOutputs ? NullableString(reader, 9) : null,
            Output = withInputsAndOutputs ? NullableString(reader, 10) : null,
            Status = NullableString(reader, 11),
            FailureDetails = failure,
            Tags = EventCodec.FromJson<Dictionary<string, string>>(NullableString(reader, 13)),
            ParentInstance = EventCodec.FromJson<ParentInstance>(NullableString(reader, 14)),
            Generation = reader.IsDBNull(15) ? null : reader.GetInt32(15),
        };
    }

    static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
