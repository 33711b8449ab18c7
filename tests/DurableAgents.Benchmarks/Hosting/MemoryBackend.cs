using DurableAgents.DurableTask;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// The SDK test host's in-memory DTFx provider: no storage at all, so its figures are DTFx's own ceiling on this machine
/// (it has no extended sessions, so every episode replays the instance's history).
/// </summary>
internal sealed class MemoryBackend : BenchmarkBackend
{
    private readonly InMemoryOrchestrationService _service = new(NullLoggerFactory.Instance);

    public override string Name => "memory";

    public override void UseWorker(IDurableTaskWorkerBuilder worker) => worker.UseOrchestrationService(_service);

    public override void UseClient(IDurableTaskClientBuilder client) => client.UseOrchestrationService(_service);

    // One object per run; a DTFx-level run and an SDK-level run never share it.
    public override IOrchestrationService CreateService() => _service;
}
