using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>The suite on the SDK test host's in-memory provider; a restart keeps the same provider (only the host restarts).</summary>
public sealed class InMemoryConformanceTests : ConformanceTests
{
    private InMemoryOrchestrationService? _provider;

    protected override Task<IOrchestrationService> OpenProviderAsync() =>
        Task.FromResult<IOrchestrationService>(_provider ??= new InMemoryOrchestrationService(NullLoggerFactory.Instance));

    protected override Task CloseProviderAsync(IOrchestrationService provider, bool restarting) => Task.CompletedTask;
}
