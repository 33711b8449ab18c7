using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.Testing;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Tests.Support;

/// <summary>A provider on a temporary file with a DTFx worker (every test orchestration registered) and client.</summary>
public sealed class TestHub : IAsyncDisposable
{
    static readonly Type[] OrchestrationTypes =
        [typeof(Sequence), typeof(FanOut), typeof(Parent), typeof(Child), typeof(Sleeper), typeof(Echo), typeof(EventCollector), typeof(Generations), typeof(SendsToNobody), typeof(CountDown)];

    static readonly Type[] ActivityTypes = [typeof(AddOne), typeof(Exclaim)];

    readonly TempFolder folder;
    readonly Func<SqliteOrchestrationServiceSettings, SqliteOrchestrationServiceSettings> configure;
    TaskHubWorker? worker;

    TestHub(TempFolder folder, Func<SqliteOrchestrationServiceSettings, SqliteOrchestrationServiceSettings> configure)
    {
        this.folder = folder;
        this.configure = configure;
        Service = NewService();
        Client = new TaskHubClient(Service);
    }

    public string DatabasePath => Path.Combine(folder.Path, "hub.db");

    public SqliteOrchestrationService Service { get; private set; }

    public TaskHubClient Client { get; private set; }

    public static async Task<TestHub> StartAsync(
        Func<SqliteOrchestrationServiceSettings, SqliteOrchestrationServiceSettings>? configure = null, bool startWorker = true)
    {
        var hub = new TestHub(new TempFolder("da-sqlite"), configure ?? (s => s));
        await hub.Service.CreateIfNotExistsAsync();
        if (startWorker)
        {
            await hub.StartWorkerAsync();
        }

        return hub;
    }

    public async Task StartWorkerAsync()
    {
        worker = new TaskHubWorker(Service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(OrchestrationTypes);
        worker.AddTaskActivities(ActivityTypes);
        await worker.StartAsync();
    }

    /// <summary>Stops the worker and the service, then opens a new service (and worker) on the same file.</summary>
    public async Task RestartAsync(Func<SqliteOrchestrationServiceSettings, SqliteOrchestrationServiceSettings>? reconfigure = null, bool startWorker = true)
    {
        await StopAsync();
        Service = NewService(reconfigure);
        Client = new TaskHubClient(Service);
        if (startWorker)
        {
            await StartWorkerAsync();
        }
    }

    public Task<OrchestrationState> WaitAsync(OrchestrationInstance instance, int seconds = 60) =>
        Client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(seconds));

    SqliteOrchestrationService NewService(Func<SqliteOrchestrationServiceSettings, SqliteOrchestrationServiceSettings>? reconfigure = null)
    {
        var settings = configure(new SqliteOrchestrationServiceSettings { DatabasePath = DatabasePath });
        return new SqliteOrchestrationService(reconfigure is null ? settings : reconfigure(settings));
    }

    async Task StopAsync()
    {
        if (worker is not null)
        {
            await worker.StopAsync(isForced: true);
            worker = null;
        }

        await Service.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        folder.Dispose();
    }
}
