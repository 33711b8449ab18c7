using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Tools.Mcp;

/// <summary>A real SIGKILL of the worker (and the MCP server it started) while one of two parallel MCP calls is in flight.</summary>
public sealed class McpDurabilityTests
{
    private const string RunId = "mcp-durable-1";

    [Fact]
    public async Task KilledMidCall_OnlyTheUnfinishedMcpCallRunsAgain()
    {
        using var data = new TempFolder("da-mcp-durable-data");
        using var logs = new TempFolder("da-mcp-durable-logs");
        string[] Lines() => File.Exists(Path.Combine(logs.Path, "mcp.log")) ? File.ReadAllLines(Path.Combine(logs.Path, "mcp.log")) : [];
        string[] server = ["--mcp-server", McpTestServer.Dll];

        await using (var first = await AgentWorkerProcess.StartAsync(data.Path, logs.Path, server))
        {
            Assert.Equal("OK", await first.SendAsync($"start-mcp {RunId}"));
            // The model call and the quick call are in the run's history; the held call has reached the server.
            await TestDeadline.WaitUntilAsync(async () =>
                AgentWorkerProcess.CompletedTasks(await first.SendAsync($"status {RunId}")) >= 2 && Lines().Contains("start held"),
                "the quick MCP call recorded and the held one in flight");
            await first.KillAsync();
        }

        Assert.DoesNotContain("done held", Lines());
        File.WriteAllText(Path.Combine(logs.Path, "release"), "");

        await using (var second = await AgentWorkerProcess.StartAsync(data.Path, logs.Path, server))
        {
            var result = "";
            await TestDeadline.WaitUntilAsync(async () => (result = await second.SendAsync($"result {RunId}")) != "RESULT none", "the run's result");
            Assert.Equal("RESULT Completed recorded both", result);
        }

        var lines = Lines();
        Assert.Single(lines, l => l == "start quick");
        Assert.Single(lines, l => l == "done quick");
        Assert.Equal(2, lines.Count(l => l == "start held")); // the call the kill interrupted, and its one re-run
        Assert.Single(lines, l => l == "done held");
    }
}
