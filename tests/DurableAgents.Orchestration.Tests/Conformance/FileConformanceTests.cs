using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.Conformance;

/// <summary>The conformance suite on the file backend; a restart closes the data folder and recovers it from disk.</summary>
public sealed class FileConformanceTests : ConformanceTests
{
    private readonly TempFolder _folder = new("da-file");

    protected override Task<IOrchestrationService> OpenBackendAsync() =>
        Task.FromResult<IOrchestrationService>(new FileOrchestrationService(new FileBackendOptions { DataPath = _folder.Path }, Clock));

    protected override async Task CloseBackendAsync(IOrchestrationService backend, bool restarting) =>
        await ((FileOrchestrationService)backend).DisposeAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
