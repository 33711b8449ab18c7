using System.Diagnostics;
using DurableAgents.Testing;
using DurableAgents.Tools.Mcp;
using ModelContextProtocol.Protocol;

namespace DurableAgents.Tests.Tools.Mcp;

/// <summary>The connection pool against the real test server over stdio: lazy connect, reuse, reconnect, and stopping the child.</summary>
public sealed class McpConnectionPoolTests
{
    private static readonly McpServerOptions Server = McpTestServer.Stdio(new McpToolOptions("echo"), new McpToolOptions("pid"));

    [Fact]
    public async Task ListAndCall_ReuseOneChildProcess()
    {
        await using var pool = new McpConnectionPool();

        var tools = await pool.TryListToolsAsync(Server, TestDeadline.Token());
        var echo = await pool.CallToolAsync(Server, "echo", new Dictionary<string, object?> { ["text"] = "hi" }, TestDeadline.Token());
        var pid1 = await PidAsync(pool);
        var pid2 = await PidAsync(pool);

        Assert.Contains("echo", tools!.Select(t => t.Name));
        Assert.Equal("echo: hi", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);
        Assert.Equal(pid1, pid2);
    }

    [Fact]
    public async Task ServerKilled_NextCallsReconnectToANewProcess_AndDisposeStopsIt()
    {
        var pool = new McpConnectionPool();
        var first = await PidAsync(pool);
        using (var child = Process.GetProcessById(first))
        {
            child.Kill();
            await child.WaitForExitAsync(TestDeadline.Token());
        }

        // The first call after the kill may meet the broken connection (and drop it); the next one connects anew.
        int? second = null;
        for (var attempt = 0; attempt < 3 && second is null; attempt++)
        {
            try
            {
                second = await PidAsync(pool);
            }
            catch (McpServerUnavailableException)
            {
            }
        }

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        await pool.DisposeAsync();
        await TestDeadline.WaitUntilAsync(() => !IsRunning(second.Value), $"the MCP server process {second} to stop");
    }

    private static async Task<int> PidAsync(McpConnectionPool pool)
    {
        var result = await pool.CallToolAsync(Server, "pid", new Dictionary<string, object?>(), TestDeadline.Token());
        return int.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
