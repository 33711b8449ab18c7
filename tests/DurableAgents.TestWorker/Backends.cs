using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.TestWorker;

/// <summary>Picks the backend named on the command line.</summary>
public static class Backends
{
    public static void Use(DurableTaskWorkerBuilder worker, WorkerArguments options)
    {
        switch (options.Backend)
        {
            case "file":
                worker.UseFileBackend(options.DataPath ?? throw new ArgumentException("--data is required for the file backend."));
                break;
            default:
                throw new ArgumentException($"Unknown backend '{options.Backend}'.");
        }
    }
}
