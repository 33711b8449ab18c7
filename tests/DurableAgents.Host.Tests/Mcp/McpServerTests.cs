using System.Text.Json;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Approvals;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Mcp;

/// <summary>The host as an MCP server: the SDK's client starts, follows and approves runs over streamable HTTP at /mcp, behind the key.</summary>
public sealed class McpServerTests
{
    [Fact]
    public async Task Client_ListsTools_StartsARun_ApprovesItsCall_AndReadsTheAnswer()
    {
        using var host = ApprovalHost.Create();
        await using var mcp = await McpSession.ConnectAsync(host, HostFactory.Key);

        var tools = (await mcp.Client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Superset(new HashSet<string> { "start_run", "get_run", "approve", "list_agents" }, tools.ToHashSet());
        var agents = await mcp.CallOkAsync("list_agents", new { });
        Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("name").GetString() == SampleAgents.Approval);

        var started = await mcp.CallOkAsync("start_run", new { agent = SampleAgents.Approval, input = SampleAgents.ApprovalGoal, runId = "mcp-run-1" });
        Assert.Equal("mcp-run-1", started.GetProperty("runId").GetString());
        var waiting = await WaitAsync(mcp, "mcp-run-1", r => Text(r, "phase") == "awaiting-approval");
        var callIds = waiting.GetProperty("pendingApprovals").EnumerateArray().Select(p => p.GetProperty("callId").GetString()!).ToArray();
        Assert.NotEmpty(callIds);

        var approved = await mcp.CallOkAsync("approve", new { runId = "mcp-run-1", approved = true, callIds, approver = "ana", comment = "inactive for years" });
        Assert.Equal("applied", approved.GetProperty("status").GetString());
        var done = await WaitAsync(mcp, "mcp-run-1", r => Text(r, "runtimeStatus") == "Completed");

        Assert.Equal("Completed", done.GetProperty("outcome").GetString());
        Assert.Contains(done.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records" && c.GetProperty("status").GetString() == "ok");
        Assert.StartsWith("[offline model", done.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task BadCalls_AreToolErrorsThatSayWhatToFix()
    {
        using var host = ApprovalHost.Create();
        await using var mcp = await McpSession.ConnectAsync(host, HostFactory.Key);
        await mcp.CallOkAsync("start_run", new { agent = SampleAgents.Approval, input = SampleAgents.ApprovalGoal, runId = "mcp-run-2" });
        await WaitAsync(mcp, "mcp-run-2", r => Text(r, "phase") == "awaiting-approval");

        await AssertErrorAsync(mcp, "start_run", new { agent = "nobody", input = "x" }, "list_agents names the agents");
        await AssertErrorAsync(mcp, "start_run", new { agent = SampleAgents.Approval, input = " " }, "give the agent a goal");
        await AssertErrorAsync(mcp, "start_run", new { agent = SampleAgents.Approval, input = "x", runId = "mcp-run-2" }, "already exists");
        await AssertErrorAsync(mcp, "start_run", new { agent = SampleAgents.Approval, input = "x", runId = "bad id/with slash" }, "contains ' '");
        await AssertErrorAsync(mcp, "get_run", new { runId = "no-such-run" }, "No agent run with id 'no-such-run'");
        await AssertErrorAsync(mcp, "approve", new { runId = "mcp-run-2", approved = true, callIds = new[] { "not-a-call" } }, "not-a-call");
        await AssertErrorAsync(mcp, "approve", new { runId = "mcp-run-2", approved = true, comment = new string('x', 5_000) }, "at most");

        // None of it changed the run: it still waits for its calls.
        var run = await mcp.CallOkAsync("get_run", new { runId = "mcp-run-2" });
        Assert.Equal("awaiting-approval", run.GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task WithoutTheKey_TheEndpointRefuses(string? key)
    {
        using var host = ApprovalHost.Create();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await McpSession.ConnectAsync(host, key));

        Assert.Contains("401", error.ToString());
        using var http = host.CreateClient();
        var (response, body) = await http.SendAsync(HttpMethod.Post, "/mcp", """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", key);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(key is null ? "needs a key" : "not valid", body.GetProperty("detail").GetString());
    }

    private static async Task AssertErrorAsync(McpSession mcp, string tool, object arguments, string expected)
    {
        var (isError, text) = await mcp.CallAsync(tool, arguments);
        Assert.True(isError, $"{tool} should have failed: {text}");
        Assert.Contains(expected, text);
    }

    /// <summary>A string property, or null when absent (the MCP server leaves out null values, e.g. the phase of a pending run).</summary>
    private static string? Text(JsonElement run, string name) => run.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static async Task<JsonElement> WaitAsync(McpSession mcp, string runId, Func<JsonElement, bool> condition)
    {
        JsonElement last = default;
        await TestDeadline.WaitUntilAsync(async () => condition(last = await mcp.CallOkAsync("get_run", new { runId })), $"run {runId} (last: {last})");
        return last;
    }
}
