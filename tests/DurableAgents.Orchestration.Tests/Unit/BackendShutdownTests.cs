using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Orchestration.Backends.InMemory;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.Unit;

/// <summary>Hosts stop and dispose in an order the backend does not choose: a worker may stop it after the container disposed it.</summary>
public sealed class BackendShutdownTests
{
    [Fact]
    public async Task InMemory_StopAfterDispose_DoesNotThrow()
    {
        var backend = new InMemoryOrchestrationService(TimeProvider.System);
        await backend.StartAsync(CancellationToken.None);

        await backend.DisposeAsync();
        var error = await Record.ExceptionAsync(() => backend.StopAsync(CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task File_StopAfterDispose_DoesNotThrow()
    {
        using var folder = new TempFolder();
        var backend = new FileOrchestrationService(new FileBackendOptions { DataPath = folder.Path }, TimeProvider.System);
        await backend.StartAsync(CancellationToken.None);

        await backend.DisposeAsync();
        var error = await Record.ExceptionAsync(() => backend.StopAsync(CancellationToken.None));

        Assert.Null(error);
    }
}
