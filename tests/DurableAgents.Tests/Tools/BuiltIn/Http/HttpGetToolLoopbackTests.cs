using System.Net;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>Fetches from a real Kestrel server on 127.0.0.1, opened explicitly through the options.</summary>
public sealed class HttpGetToolLoopbackTests : LoopbackTestBase
{
    [Fact]
    public async Task GetAsync_ReducesHtmlPageToText()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/page").ToString());
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html", result.ContentType);
        Assert.False(result.Truncated);
        Assert.Contains("Hello", result.Text, StringComparison.Ordinal);
        Assert.Contains("Fish & chips", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ReturnsJsonAsText()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/json").ToString());
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("{\"answer\":42}", result.Text);
    }

    [Fact]
    public async Task GetAsync_AllowsLoopbackAddressListedInAllowedHosts()
    {
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1"] });
        var result = await tool.GetAsync(Server.Url("/plain").ToString());
        Assert.Equal("hello from loopback", result.Text);
    }

    [Fact]
    public async Task GetAsync_TruncatesLargeBodyAtCap()
    {
        using var tool = PrivateAllowed(maxBytes: 1000);
        var result = await tool.GetAsync(Server.Url("/large").ToString());
        Assert.True(result.Truncated);
        Assert.Equal(new string('a', 1000) + "\n[truncated at 1000 bytes]", result.Text);
    }

    [Fact]
    public async Task GetAsync_TruncatesLargeBodyAtDefaultCap()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/large").ToString());
        Assert.True(result.Truncated);
        Assert.EndsWith("[truncated at 262144 bytes]", result.Text, StringComparison.Ordinal);
        var body = result.Text[..result.Text.IndexOf("\n[truncated", StringComparison.Ordinal)];
        Assert.Equal(new string('a', 262144), body);
    }

    [Fact]
    public async Task GetAsync_ReturnsErrorStatusInsteadOfThrowing()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/missing").ToString());
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("no such thing", result.Text);
    }

    [Fact]
    public async Task GetAsync_DoesNotShowBinaryContent()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/image").ToString());
        Assert.Equal("[binary content of type image/png, not shown]", result.Text);
    }

    [Fact]
    public async Task GetAsync_TimesOutWaitingForHeaders()
    {
        using var tool = PrivateAllowed(timeout: TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(Server.Url("/slow").ToString()));
        Assert.Contains("timed out after 0.3 seconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TimesOutWhileReadingBody()
    {
        using var tool = PrivateAllowed(timeout: TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(Server.Url("/slow-body").ToString()));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_PropagatesCallerCancellation()
    {
        using var tool = PrivateAllowed();
        using var cts = new CancellationTokenSource();
        var fetch = tool.GetAsync(Server.Url("/slow").ToString(), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task GetAsync_ReportsRefusedConnectionAsToolError()
    {
        // Find a loopback port with nothing listening by binding and releasing one.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var tool = PrivateAllowed();
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync($"http://127.0.0.1:{port}/"));
        Assert.Contains("failed", ex.Message, StringComparison.Ordinal);
    }
}
