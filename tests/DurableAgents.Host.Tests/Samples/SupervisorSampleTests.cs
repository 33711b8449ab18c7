using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>Issue 14, part 1 over HTTP: the supervisor team with the offline model reaches its documented outcome.</summary>
public sealed class SupervisorSampleTests
{
    [Fact]
    public async Task Team_ResearchesWritesIsRejectedRevisesAndFinishes_WithEachWorkerASubRun()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.Supervisor, "Write a short note on the durable task framework.", "team-1");
        var run = await http.FinishedAsync("team-1");

        Assert.Equal("Completed", run.Outcome());
        Assert.Contains("Sources: https://library.example/durable-task-framework", run.Answer(), StringComparison.Ordinal);
        var expected = new[] { "team-1:r1-researcher", "team-1:r2-writer", "team-1:r3-reviewer", "team-1:r4-writer", "team-1:r5-reviewer" };
        Assert.Equal(expected, run.SubRunIds());
        var review = await http.GetJsonAsync("/api/runs/team-1:r3-reviewer");
        Assert.Contains("REJECTED", review.Answer(), StringComparison.Ordinal);
        Assert.Equal("reviewer", review.GetProperty("agent").GetString());
        Assert.Contains("APPROVED", (await http.GetJsonAsync("/api/runs/team-1:r5-reviewer")).Answer(), StringComparison.Ordinal);
        var history = await http.GetJsonAsync("/api/runs/team-1/history");
        var created = history.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "SubOrchestrationInstanceCreated")
            .Select(e => e.GetProperty("details").GetProperty("instanceId").GetString()).ToList();
        Assert.Equal(expected, created);
    }
}
