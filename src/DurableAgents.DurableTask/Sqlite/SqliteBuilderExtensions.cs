using DurableAgents.DurableTask.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask;

/// <summary>
/// The embedded SQLite provider on the SDK's worker and client builders. The worker and the client of one database file share
/// one <see cref="SqliteOrchestrationService"/> (one process per file), created from the first registration's settings.
/// </summary>
public static class SqliteBuilderExtensions
{
    /// <summary>Runs this worker on the SQLite task hub at <paramref name="databasePath"/>.</summary>
    public static IDurableTaskWorkerBuilder UseSqlite(this IDurableTaskWorkerBuilder builder, string databasePath) =>
        builder.UseSqlite(new SqliteOrchestrationServiceSettings { DatabasePath = databasePath });

    /// <summary>Runs this worker on the SQLite task hub these settings describe.</summary>
    public static IDurableTaskWorkerBuilder UseSqlite(this IDurableTaskWorkerBuilder builder, SqliteOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSharedOrchestrationService(Key(settings), sp => Create(sp, settings));
    }

    /// <summary>Points this client at the SQLite task hub at <paramref name="databasePath"/>.</summary>
    public static IDurableTaskClientBuilder UseSqlite(this IDurableTaskClientBuilder builder, string databasePath) =>
        builder.UseSqlite(new SqliteOrchestrationServiceSettings { DatabasePath = databasePath });

    /// <summary>Points this client at the SQLite task hub these settings describe (the worker's settings win when both name the file).</summary>
    public static IDurableTaskClientBuilder UseSqlite(this IDurableTaskClientBuilder builder, SqliteOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSharedOrchestrationService(Key(settings), sp => Create(sp, settings));
    }

    /// <summary>The provider registered for a database file, for services that share its file (for example a conversation store).</summary>
    public static SqliteOrchestrationService GetSqliteOrchestrationService(this IServiceProvider services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredKeyedService<SqliteOrchestrationService>(
            SharedOrchestrationServiceExtensions.ServiceKey(Key(new SqliteOrchestrationServiceSettings { DatabasePath = databasePath })));
    }

    private static string Key(SqliteOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return "sqlite:" + Path.GetFullPath(settings.DatabasePath);
    }

    private static SqliteOrchestrationService Create(IServiceProvider services, SqliteOrchestrationServiceSettings settings) =>
        new(settings, services.GetService<ILoggerFactory>());
}
