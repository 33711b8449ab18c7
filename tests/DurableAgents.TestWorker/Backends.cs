using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.TestWorker;

/// <summary>Picks the backend named on the command line.</summary>
public static class Backends
{
    public static void Use(DurableTaskWorkerBuilder worker, WorkerArguments options)
    {
        // The scale-out scenarios are registered for every backend; they do not clash with the crash-test scenario.
        worker.AddTasks(r => ScaleOutScenarios.Register(r, options));
        switch (options.Backend)
        {
            case "file":
                worker.UseFileBackend(options.DataPath ?? throw new ArgumentException("--data is required for the file backend."));
                break;
            case "azure":
                // Usage: --backend azure --connection CONN --taskhub HUB [--worker-id NAME] [--lease-seconds 15] [--visibility-seconds 10]
                worker.UseAzureStorageBackend(o =>
                {
                    o.ConnectionString = Required(options, "connection");
                    o.TaskHubName = Required(options, "taskhub");
                    o.WorkerId = options.Extra.GetValueOrDefault("worker-id") ?? o.WorkerId;
                    o.LeaseDuration = TimeSpan.FromSeconds(Seconds(options, "lease-seconds", 15));
                    o.LeaseRenewInterval = o.LeaseDuration / 5;
                    o.MessageVisibilityTimeout = TimeSpan.FromSeconds(Seconds(options, "visibility-seconds", 10));
                });
                break;
            default:
                throw new ArgumentException($"Unknown backend '{options.Backend}'. Use file or azure.");
        }
    }

    private static string Required(WorkerArguments options, string name) =>
        options.Extra.GetValueOrDefault(name) ?? throw new ArgumentException($"--{name} is required for the azure backend.");

    private static int Seconds(WorkerArguments options, string name, int fallback) =>
        options.Extra.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
