using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Backends.InMemory;

namespace DurableAgents.Orchestration.Tests.Conformance;

/// <summary>The conformance suite on the in-memory backend; a restart keeps the same backend (only the worker restarts).</summary>
public sealed class InMemoryConformanceTests : ConformanceTests
{
    private InMemoryOrchestrationService? _backend;

    protected override Task<IOrchestrationService> OpenBackendAsync() =>
        Task.FromResult<IOrchestrationService>(_backend ??= new InMemoryOrchestrationService(Clock));

    protected override async Task CloseBackendAsync(IOrchestrationService backend, bool restarting)
    {
        if (!restarting)
        {
            await _backend!.DisposeAsync();
        }
    }
}
