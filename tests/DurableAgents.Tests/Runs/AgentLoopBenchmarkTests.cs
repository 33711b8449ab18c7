using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Runs.Benchmark;
using DurableAgents.Testing;

namespace DurableAgents.Tests.Runs;

public sealed class AgentLoopBenchmarkTests
{
    [Fact]
    public async Task AgentLoop_OnFileBackend_CompletesAndStorageStaysLinear()
    {
        using var folder = new TempFolder("da-bench");
        await using var backend = new FileOrchestrationService(new FileBackendOptions { DataPath = folder.Path });

        var result = await AgentLoopBenchmark.RunAsync(backend, steps: 30, parallelCalls: 2, folder.Path);

        Assert.True(result.StoredBytesAtStep10 > 0);
        Assert.True(result.ContentBytesAtEnd > result.ContentBytesAtStep10);
        // Stored bytes per content byte must not grow with the step count (it would with steps x conversation).
        var ratioAt10 = (double)result.StoredBytesAtStep10 / result.ContentBytesAtStep10;
        Assert.True(result.StorageRatioAtEnd < ratioAt10 * 1.5, $"ratio at 10: {ratioAt10:F2}, at end: {result.StorageRatioAtEnd:F2}");
    }
}
