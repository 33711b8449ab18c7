using DurableAgents.DurableTask.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>
/// The suite on the SDK test host's in-memory provider (with history recorded by <see cref="RecordingInMemoryService"/>);
/// a restart keeps the same provider object, as only the host restarts.
/// </summary>
public sealed class InMemoryConformanceTests : ConformanceTests
{
    private readonly RecordingInMemoryService _provider = new();

    protected override void UseProvider(IDurableTaskWorkerBuilder worker) => worker.UseOrchestrationService(_provider);

    protected override void UseProvider(IDurableTaskClientBuilder client) => client.UseOrchestrationService(_provider);
}
