using System.Threading.Channels;
using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.DurableTask.Sqlite;

/// <summary>The embedded DTFx provider: one SQLite file, owned by one process, with extended sessions and group commit.</summary>
/// <remarks>
/// Because one process owns the file, instance status, undelivered messages, timers and activity work items are kept in
/// memory and SQLite is their durable log: every change is committed before it takes effect (see
/// <see cref="SqliteOrchestrationServiceSettings"/> for what each kind of commit survives), and on open the service
/// rebuilds that state from the file, so work in flight at a crash resumes. The memory kept per instance is small (id,
/// execution id, name, status, times: a few hundred bytes, also for finished instances, which purging removes); inputs,
/// outputs and histories are read from the file when asked for, and a live orchestrator stays in memory only while its
/// extended session is open.
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient,
    IAsyncDisposable, IDisposable
{
    readonly SqliteOrchestrationServiceSettings settings;
    readonly ILogger logger;
    readonly TimeProvider clock;
    readonly string databasePath;
    readonly object gate = new();
    readonly SemaphoreSlim openLock = new(1, 1);
    readonly Dictionary<string, InstanceRecord> instances = new(StringComparer.Ordinal);
    readonly Dictionary<long, ActivityEntry> activities = [];
    readonly HashSet<CancellationToken> shutdownTokens = [];

    Channel<InstanceRecord> readyInstances = NewChannel<InstanceRecord>();
    Channel<ActivityEntry> readyActivities = NewChannel<ActivityEntry>();
    DatabaseFileLock? fileLock;
    Microsoft.Data.Sqlite.SqliteConnection? writerConnection;
    GroupCommitWriter? writer;
    StoreReader? reader;
    TimerQueue? timers;
    long nextId = 1;
    volatile bool open;
    bool sessionsEnding;

    /// <summary>Creates the service; the file is opened (and its schema created or upgraded) on first use or start.</summary>
    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.settings = settings;
        clock = settings.TimeProvider;
        databasePath = Path.GetFullPath(settings.DatabasePath);
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DurableAgents.DurableTask.Sqlite");
    }

    /// <summary>The settings this service runs with.</summary>
    public SqliteOrchestrationServiceSettings Settings => settings;

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => databasePath;

    /// <summary>Transactions committed since the file was opened (group commits; for measurements).</summary>
    public long CommitCount => writer?.CommitCount ?? 0;

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => settings.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => settings.MaxConcurrentTaskActivityWorkItems;

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

    /// <inheritdoc/>
    /// <remarks>0: a fetch fails only for one instance (its history cannot be read), which is retried on its own with
    /// a growing delay; a dispatcher-wide pause would slow every other instance.</remarks>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 0;

    /// <inheritdoc/>
    public async Task StartAsync()
    {
        await EnsureOpenAsync().ConfigureAwait(false);
        lock (gate)
        {
            sessionsEnding = false;
        }
    }

    /// <inheritdoc/>
    public Task StopAsync() => StopAsync(isForced: false);

    /// <inheritdoc/>
    public Task StopAsync(bool isForced) => CloseAsync();

    /// <inheritdoc/>
    public Task CreateAsync() => CreateAsync(recreateInstanceStore: false);

    /// <inheritdoc/>
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await DeleteAsync(deleteInstanceStore: true).ConfigureAwait(false);
        }

        await EnsureOpenAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync() => EnsureOpenAsync();

    /// <inheritdoc/>
    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    /// <summary>Closes the service and deletes the database file with its WAL, shared-memory and lock files.</summary>
    public async Task DeleteAsync(bool deleteInstanceStore)
    {
        await CloseAsync().ConfigureAwait(false);
        await openLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using (DatabaseFileLock.Acquire(databasePath))
            {
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(databasePath + suffix);
                }
            }

            File.Delete(databasePath + ".lock");
        }
        finally
        {
            openLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public void Dispose() => CloseAsync().GetAwaiter().GetResult();

    static Channel<T> NewChannel<T>() => Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
}
