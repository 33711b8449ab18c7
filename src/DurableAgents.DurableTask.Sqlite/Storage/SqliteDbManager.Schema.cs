using System.Globalization;
using DurableAgents.DurableTask.Sqlite.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Sqlite.Storage;

internal static partial class SqliteDbManager
{
    /// <summary>The file's schema version, null for an empty file; throws for a file that is not a task hub of ours or is newer.</summary>
    static Version? ReadSchemaVersion(SqliteConnection connection, string path, string? taskHubName)
    {
        var tables = ReadStrings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        Version? current = null;
        if (tables.Contains("durabletask_provider"))
        {
            current = ReadOwnedVersion(connection, path, taskHubName);
        }
        else if (tables.Count > 0)
        {
            throw new SqliteTaskHubFileException(path, $"The SQLite database '{path}' belongs to another application (it has the tables {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", ..." : string.Empty)} and no task hub marker). Nothing was changed: point DatabasePath at a file of its own.");
        }

        if (current is not null && current > LatestVersion)
        {
            throw new SqliteTaskHubFileException(path, $"The task hub database '{path}' has schema version {current}, newer than {LatestVersion}, the newest this version of {ProviderName} knows. Nothing was changed: upgrade the package, or use another file.");
        }

        return current;
    }

    static void ApplyScripts(SqliteConnection connection, string path, Version? current, string? taskHubName, ILogger logger)
    {
        foreach (var (version, resource) in Scripts.Where(s => current is null || s.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, ReadScript(resource), transaction);
            if (current is null && version == Scripts[0].Version)
            {
                InsertProviderRow(connection, transaction, "provider", ProviderName);
                InsertProviderRow(connection, transaction, "task_hub", taskHubName ?? string.Empty);
                InsertProviderRow(connection, transaction, "created_utc", Now());
            }

            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO durabletask_schema_versions (version, applied_utc) VALUES ($v, $t)";
                insert.Parameters.AddWithValue("$v", version.ToString());
                insert.Parameters.AddWithValue("$t", Now());
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            Log.SchemaApplied(logger, path, version.ToString());
        }
    }

    static Version ReadOwnedVersion(SqliteConnection connection, string path, string? taskHubName)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, value FROM durabletask_provider";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (!rows.TryGetValue("provider", out var provider) || provider != ProviderName)
        {
            throw new SqliteTaskHubFileException(path, $"The SQLite database '{path}' has a durabletask_provider table that does not name {ProviderName} (it names '{provider ?? "nothing"}'), so it belongs to another application. Nothing was changed.");
        }

        string storedHub = rows.GetValueOrDefault("task_hub", string.Empty);
        if (taskHubName is not null && storedHub.Length > 0 && storedHub != taskHubName)
        {
            throw new SqliteTaskHubFileException(path, $"The task hub database '{path}' holds task hub '{storedHub}', not '{taskHubName}'. Use the matching TaskHubName, or another file for this task hub.");
        }

        var versions = ReadStrings(connection, "SELECT version FROM durabletask_schema_versions");
        if (versions.Count == 0)
        {
            throw new SqliteTaskHubFileException(path, $"The task hub database '{path}' records no schema version; it is damaged. Restore it from a backup, or move it away.");
        }

        return versions.Select(v => Version.Parse(v)).Max()!;
    }

    static void InsertProviderRow(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO durabletask_provider (key, value) VALUES ($k, $v)";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    static List<string> ReadStrings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
