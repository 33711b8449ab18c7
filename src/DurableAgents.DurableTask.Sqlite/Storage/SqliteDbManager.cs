using System.Globalization;
using System.Reflection;
using DurableAgents.DurableTask.Sqlite.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>Opens a task hub file, refuses one that is not ours, newer or corrupt, and applies schema scripts in order.</summary>
internal static partial class SqliteDbManager
{
    public const string ProviderName = "DurableAgents.DurableTask.Sqlite";
    const string ScriptPrefix = "DurableAgents.DurableTask.Sqlite.Scripts.schema-";
    static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>The schema scripts embedded in this assembly, oldest first.</summary>
    public static IReadOnlyList<(Version Version, string Resource)> Scripts { get; } = typeof(SqliteDbManager).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ScriptPrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => (Version.Parse(n[ScriptPrefix.Length..^4]), n))
        .OrderBy(s => s.Item1)
        .ToArray();

    /// <summary>The newest schema version this build knows.</summary>
    public static Version LatestVersion => Scripts[^1].Version;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    /// <summary>Opens the writer connection on <paramref name="path"/>, creating or upgrading the schema.</summary>
    public static SqliteConnection OpenWriter(string path, SqliteOrchestrationServiceSettings settings, ILogger logger)
    {
        RefuseNonSqliteFile(path);
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            if (settings.VerifyIntegrityOnOpen)
            {
                VerifyIntegrity(connection, path);
            }

            // Read-only checks first: a file that is not ours must not even have its journal mode changed.
            var current = ReadSchemaVersion(connection, path, settings.TaskHubName);
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000; PRAGMA journal_size_limit=67108864;");
            ApplyScripts(connection, path, current, settings.TaskHubName, logger);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new SqliteTaskHubFileException(path, $"The task hub database '{path}' cannot be read: {e.Message} It is corrupt or not a SQLite database. Restore it from a backup, or move it away to start an empty task hub.", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    static void RefuseNonSqliteFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }

        var header = new byte[SqliteHeader.Length];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (!header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new SqliteTaskHubFileException(path, $"The file '{path}' is not a SQLite database (its first bytes are not the SQLite header), so it is not a task hub. Nothing was changed: point DatabasePath at another file, or move this one away.");
        }
    }

    static void VerifyIntegrity(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5)";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            throw new SqliteTaskHubFileException(path, $"The task hub database '{path}' is corrupt (integrity check: {string.Join("; ", problems)}). Nothing was changed: restore it from a backup, or move it away to start an empty task hub.");
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string ReadScript(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Schema script '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
