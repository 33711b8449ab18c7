using DurableAgents.Benchmarks.Targets;
using DurableAgents.Benchmarks.Workloads;

namespace DurableAgents.Benchmarks.Tests;

/// <summary>How a result line checks its figures against the workload's targets.</summary>
public sealed class TargetTests
{
    [Theory]
    [InlineData(999.9, "pass")]
    [InlineData(1000.0, "miss")]
    public void Line_ChecksItsWallTimeAsPrinted(double wallMs, string result)
    {
        var line = Parse(new BenchmarkLine("sqlite", "fanout", 1000, 1, 1000, TimeSpan.FromMilliseconds(wallMs))
        {
            Targets = WorkloadTargets.For("sqlite", "sdk", "fanout", 1000, 1),
        });

        Assert.Equal(("wall_ms<1000", result), (line.Extras["target"], line.Extras["result"]));
    }

    [Fact]
    public void Line_NamesEachMissedFigure_WhenAWorkloadHasSeveral()
    {
        var line = Parse(new BenchmarkLine("sqlite", "waiting", 10_000, 10_000, 10_000, TimeSpan.FromSeconds(61))
        {
            Extras = [new("working_set_mb", "499")],
            Targets = WorkloadTargets.For("sqlite", "sdk", "waiting", 10_000, 10_000),
        });

        Assert.Equal("working_set_mb<500,wall_ms<60000", line.Extras["target"]);
        Assert.Equal(("miss", "wall_ms"), (line.Extras["result"], line.Extras["missed"]));
    }

    [Fact]
    public void Line_MeetsAnAtLeastTarget_AtExactlyItsValue()
    {
        // 150 steps in 100 ms: 1,500 steps/s, the single-instance sequential target itself.
        var line = Parse(new BenchmarkLine("sqlite", "sequential", 100, 1, 150, TimeSpan.FromMilliseconds(100))
        {
            Targets = WorkloadTargets.For("sqlite", "sdk", "sequential", 100, 1),
        });

        Assert.Equal(("steps_per_s>=1500", "pass"), (line.Extras["target"], line.Extras["result"]));
    }

    [Theory]
    [InlineData("sqlite", "dtfx", "sequential", 100, 1)]
    [InlineData("memory", "sdk", "sequential", 100, 1)]
    [InlineData("sqlite", "sdk", "sequential", 50, 1)]
    [InlineData("sqlite", "sdk", "waiting", 20, 20)]
    public void YardsticksAndOtherSizes_HaveNoTarget(string backend, string level, string workload, int n, int instances)
    {
        Assert.Empty(WorkloadTargets.For(backend, level, workload, n, instances));
    }

    [Fact]
    public void Line_WithATargetOnAFigureItDoesNotHave_Throws()
    {
        var line = new BenchmarkLine("sqlite", "long-sequential", 1000, 1, 1000, TimeSpan.FromSeconds(1))
        {
            Targets = WorkloadTargets.For("sqlite", "sdk", "long-sequential", 1000, 1),
        };

        var error = Assert.Throws<InvalidOperationException>(line.ToString);
        Assert.Contains("no figure 'last_over_first'", error.Message, StringComparison.Ordinal);
    }

    private static BenchmarkOutput Parse(BenchmarkLine line) => BenchmarkOutput.Parse(line.ToString());
}
