using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>
/// The suite on the SDK test host's in-memory provider (with history recorded by <see cref="RecordingInMemoryService"/>);
/// a restart keeps the same provider, as only the host restarts.
/// </summary>
public sealed class InMemoryConformanceTests : ConformanceTests
{
    private RecordingInMemoryService? _provider;

    protected override Task<IOrchestrationService> OpenProviderAsync() =>
        Task.FromResult<IOrchestrationService>(_provider ??= new RecordingInMemoryService());

    protected override Task CloseProviderAsync(IOrchestrationService provider, bool restarting) => Task.CompletedTask;
}
