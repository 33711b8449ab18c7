using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

/// <summary>Issue 10 part 4: a refusal at start is one clear line, no stack trace, exit code 2 (never a crash, 134).</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task PublicBindWithoutKey_PrintsOneLine_AndExits2()
    {
        using var data = new TempFolder("da-refuse");

        var result = await HostCommand.RunAsync(data.Path, "--urls", "http://0.0.0.0:0", "--DurableAgents:DataPath", data.Path);

        AssertRefusal(result, "no API key is configured");
    }

    [Fact]
    public async Task DataFolderInUse_PrintsOneLine_AndExits2()
    {
        using var data = new TempFolder("da-refuse");
        await using var running = await HostProcess.StartAsync(data.Path);

        var result = await HostCommand.RunAsync(data.Path, "--urls", "http://127.0.0.1:0", "--DurableAgents:DataPath", data.Path, "--DurableAgents:Backend", "file");

        AssertRefusal(result, "in use by another process");
    }

    [Fact]
    public async Task BadConfiguration_PrintsOneLine_AndExits2()
    {
        using var data = new TempFolder("da-refuse");

        var result = await HostCommand.RunAsync(data.Path, "--urls", "http://127.0.0.1:0", "--DurableAgents:DataPath", data.Path, "--DurableAgents:Backend", "bogus");

        AssertRefusal(result, "use sqlite, memory or azure");
    }

    [Fact]
    public async Task Demo_BesideARunningHost_RunsOnItsOwnData_AndTellsTheSameStoryTwice()
    {
        using var data = new TempFolder("da-demo");
        await using var running = await HostProcess.StartAsync(data.Path);

        var first = await HostCommand.RunAsync(data.Path, "demo");
        var second = await HostCommand.RunAsync(data.Path, "demo");

        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        foreach (var run in new[] { first, second })
        {
            Assert.Contains("Deleted 2 record(s)", run.StdOut, StringComparison.Ordinal);
            Assert.Contains("Run finished: Completed, outcome Completed", run.StdOut, StringComparison.Ordinal);
            // The 24-hour approval timeout fires tomorrow: the line carries its date.
            Assert.Matches(@"approval deadline is \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", run.StdOut);
        }

        // The host kept its own data: the demos' runs are not in it.
        var runs = await running.Http.GetStringAsync("/api/runs");
        Assert.DoesNotContain("demo-", runs, StringComparison.Ordinal);
    }

    private static void AssertRefusal(HostCommand.Result result, string reason)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var refusal = Assert.Single(lines, l => l.Contains("refusing to start", StringComparison.Ordinal));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }
}
