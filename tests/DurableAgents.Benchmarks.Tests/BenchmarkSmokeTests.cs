using System.Globalization;
using DurableAgents.Benchmarks.Hosting;
using DurableAgents.Testing;

namespace DurableAgents.Benchmarks.Tests;

/// <summary>
/// Runs each workload of the benchmark program once at a tiny size (<c>--quick</c>) and checks its output line, so the program
/// cannot rot. No figure is checked against a target: speed is measured by the program, not asserted here.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Theory]
    [InlineData("sequential", "--n 3 --instances 2", 3, 2)]
    [InlineData("fanout", "--n 5", 5, 1)]
    [InlineData("wait-resume", "--n 3", 3, 3)]
    public async Task Workload_OnSqlite_PrintsOneParsableLine(string workload, string sizes, int n, int instances)
    {
        var (lines, _) = await RunAsync($"--backend sqlite --workload {workload} {sizes}");

        AssertSqliteLine(Assert.Single(lines), workload, n, instances);
    }

    [Fact]
    public async Task LongSequential_ReportsTheFirstAndLastHundredSteps()
    {
        var (lines, _) = await RunAsync("--backend sqlite --workload long-sequential --n 200");

        var line = AssertSqliteLine(Assert.Single(lines), "long-sequential", 200, 1);
        Assert.True(line.Number("first100_ms_per_step") > 0);
        Assert.True(line.Number("last100_ms_per_step") > 0);
        Assert.True(line.Number("last_over_first") > 0);
    }

    [Fact]
    public async Task Waiting_ReportsMemoryWhileTheRunsWait()
    {
        var (lines, _) = await RunAsync("--backend sqlite --workload waiting --n 20");

        var line = AssertSqliteLine(Assert.Single(lines), "waiting", 20, 20);
        Assert.True(line.Number("working_set_mb") > 0);
        Assert.True(line.Number("gc_heap_mb") >= 0);
        Assert.True(line.Number("start_all_s") >= 0);
    }

    [Fact]
    public async Task AgentLoop_PrintsALineForOneAndForFourCallsPerStep_WithStoredBytesAgainstContent()
    {
        var (lines, _) = await RunAsync("--backend sqlite --workload agent-loop --n 3");

        Assert.Equal(2, lines.Count);
        var parsed = lines.Select(BenchmarkOutput.Parse).ToList();
        Assert.Equal([1.0, 4.0], parsed.Select(l => l.Number("parallel_calls")));
        foreach (var line in parsed)
        {
            Assert.Equal(("sqlite", "agent-loop", 3), (line.Backend, line.Workload, line.N));
            Assert.True(line.Number("ms_per_step") > 0);
            Assert.True(line.Number("content_bytes_step3") > 0);
            // Whatever else it keeps, a run stores at least the tool results the model saw.
            Assert.True(line.Number("stored_bytes_step3") >= line.Number("entry_bytes_step3"));
            Assert.True(line.Number("entry_bytes_step3") > 0);
            Assert.True(line.Number("storage_ratio_step3") > 0);
        }
    }

    [Theory]
    [InlineData("--workload fanout", "wall_ms<1000")]
    [InlineData("--workload wait-resume", "wall_ms<50")]
    [InlineData("--workload agent-loop --n 200", "ms_per_step<3,storage_ratio_step200<=1.5", "storage_ratio_step200<=1.5")]
    public async Task Workload_AtTheIssuesSize_ReportsItsTargetAndPassOrMiss(string args, params string[] targets)
    {
        var (lines, _) = await RunAsync("--backend sqlite " + args);

        // Whether it passes is the program's measurement, not this test's: a quick round on a shared machine may miss.
        Assert.Equal(targets, lines.Select(l => BenchmarkOutput.Parse(l).Extras["target"]));
        Assert.All(lines, l => Assert.Contains(BenchmarkOutput.Parse(l).Extras["result"], new[] { "pass", "miss" }));
    }

    [Theory]
    [InlineData("--backend sqlite --level dtfx --workload sequential --n 3", "sqlite", "dtfx")]
    [InlineData("--backend file --workload fanout --n 3", "sqlite", "sdk")]
    [InlineData("--backend memory --workload sequential --n 3", "memory", "sdk")]
    [InlineData("--backend memory --level dtfx --workload wait-resume --n 3", "memory", "dtfx")]
    public async Task OtherBackendsAndLevels_PrintParsableLines(string args, string backend, string level)
    {
        var (lines, _) = await RunAsync(args);

        var line = BenchmarkOutput.Parse(Assert.Single(lines));
        Assert.Equal((backend, level), (line.Backend, line.Extras["level"]));
    }

    [Fact]
    public async Task Azure_OnTwoWorkerProcesses_PrintsALine_AndLeavesNoWorkerRunning()
    {
        // The one slow smoke test (about 20 s: Azurite starts, and the partitions must spread over both workers before the
        // round), kept because nothing else runs the azure backend's worker processes and partition wait.
        var (lines, _) = await RunAsync("--backend azure --workload fanout --n 5 --workers 2");

        var line = BenchmarkOutput.Parse(Assert.Single(lines));
        Assert.Equal(("azure", "fanout", 5), (line.Backend, line.Workload, line.N));
        Assert.Equal(2, line.Number("worker_processes"));
        Assert.Equal("none", line.Extras["target"]);
        Assert.Empty(WorkerChildren());
    }

    [Theory]
    [InlineData("--backend postgres --workload sequential", "Unknown value 'postgres' for --backend")]
    [InlineData("--backend sqlite", "Missing --workload")]
    [InlineData("--backend sqlite --workload sequential --n 0", "--n must be between 1 and")]
    [InlineData("--backend sqlite --workload long-sequential --n 50", "long-sequential needs --n 200 or more")]
    [InlineData("--backend memory --workload agent-loop", "use --backend sqlite")]
    [InlineData("--backend sqlite --workload sequential --workers 3", "--workers applies to --backend azure only")]
    [InlineData("--backend azure --level dtfx --workload sequential", "--level dtfx runs on --backend sqlite or memory")]
    public async Task BadArguments_ExitWithCode2AndSayWhatToFix(string args, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await BenchmarkProgram.RunAsync(args.Split(' '), output, error, TestDeadline.Token());

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    private static BenchmarkOutput AssertSqliteLine(string text, string workload, int n, int instances)
    {
        var line = BenchmarkOutput.Parse(text);
        Assert.Equal(("sqlite", workload, n, instances), (line.Backend, line.Workload, line.N, line.Instances));
        Assert.True(line.WallMs > 0 && line.StepsPerSecond > 0, $"wall_ms={line.WallMs} steps_per_s={line.StepsPerSecond}");
        Assert.Equal("sdk", line.Extras["level"]);
        Assert.Equal(1, line.Number("rounds"));
        Assert.True(line.Number("commits_per_step") > 0, "a SQLite run commits");
        Assert.True(line.Number("cpu_us_per_step") > 0);
        Assert.Equal("none", line.Extras["target"]);
        return line;
    }

    /// <summary>Worker-mode child processes of this test process still alive (Linux: read from /proc).</summary>
    private static List<int> WorkerChildren() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsWorkerChild(pid))];

    private static bool IsWorkerChild(int pid)
    {
        try
        {
            // stat is "pid (name) state ppid ..."; the name may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            return parent == Environment.ProcessId
                && File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains(WorkerProcess.ModeArgument);
        }
        catch (IOException)
        {
            return false; // it exited while we looked
        }
    }

    private static async Task<(IReadOnlyList<string> Lines, string Error)> RunAsync(string args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BenchmarkProgram.RunAsync([.. args.Split(' '), "--quick"], output, error, TestDeadline.Token(120));
        Assert.True(code == 0, $"exit code {code}: {error}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines, error.ToString());
    }
}
