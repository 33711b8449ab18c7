using System.Net;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>Fetches from a real Kestrel server on 127.0.0.1, opened explicitly through the options.</summary>
public sealed class HttpGetToolLoopbackTests : IAsyncLifetime
{
    private LoopbackWebServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackWebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpGetTool PrivateAllowed(int maxBytes = 256 * 1024, TimeSpan? timeout = null, int maxRedirects = 3) =>
        new(new HttpGetToolOptions
        {
            AllowPrivateNetworks = true,
            MaxResponseBytes = maxBytes,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxRedirects = maxRedirects,
        });

    [Fact]
    public async Task GetAsync_ReducesHtmlPageToText()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(_server.Url("/page").ToString());
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
        var result = await tool.GetAsync(_server.Url("/json").ToString());
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("{\"answer\":42}", result.Text);
    }

    [Fact]
    public async Task GetAsync_AllowsLoopbackAddressListedInAllowedHosts()
    {
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1"] });
        var result = await tool.GetAsync(_server.Url("/plain").ToString());
        Assert.Equal("hello from loopback", result.Text);
    }

    [Fact]
    public async Task GetAsync_TruncatesLargeBodyAtCap()
    {
        using var tool = PrivateAllowed(maxBytes: 1000);
        var result = await tool.GetAsync(_server.Url("/large").ToString());
        Assert.True(result.Truncated);
        Assert.Equal(new string('a', 1000) + "\n[truncated at 1000 bytes]", result.Text);
    }

    [Fact]
    public async Task GetAsync_TruncatesLargeBodyAtDefaultCap()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(_server.Url("/large").ToString());
        Assert.True(result.Truncated);
        Assert.EndsWith("[truncated at 262144 bytes]", result.Text, StringComparison.Ordinal);
        var body = result.Text[..result.Text.IndexOf("\n[truncated", StringComparison.Ordinal)];
        Assert.Equal(new string('a', 262144), body);
    }

    [Fact]
    public async Task GetAsync_ReturnsErrorStatusInsteadOfThrowing()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(_server.Url("/missing").ToString());
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("no such thing", result.Text);
    }

    [Fact]
    public async Task GetAsync_DoesNotShowBinaryContent()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(_server.Url("/image").ToString());
        Assert.Equal("[binary content of type image/png, not shown]", result.Text);
    }

    [Fact]
    public async Task GetAsync_FollowsRelativeRedirect()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(_server.Url("/redirect?to=/plain").ToString());
        Assert.Equal("hello from loopback", result.Text);
        Assert.Equal(_server.Url("/plain").ToString(), result.Url);
    }

    [Fact]
    public async Task GetAsync_FollowsRedirectsUpToTheLimit()
    {
        using var tool = PrivateAllowed(maxRedirects: 3);
        var result = await tool.GetAsync(_server.Url("/chain/3").ToString());
        Assert.Equal("end of chain", result.Text);
    }

    [Fact]
    public async Task GetAsync_RefusesTooManyRedirects()
    {
        using var tool = PrivateAllowed(maxRedirects: 3);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(_server.Url("/chain/4").ToString()));
        Assert.Contains("redirected more than 3 times", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Hits("/chain/0"));
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectToNameResolvingToUnlistedLoopbackAddress()
    {
        // Only the address 127.0.0.1 is opened; "localhost" passes the host list but resolves to ::1, which is not.
        var resolver = new RecordingResolver(IPAddress.IPv6Loopback);
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1", "localhost"] }, resolver.ResolveAsync);
        var target = $"http://localhost:{_server.Port}/plain";
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains("'localhost' resolves to ::1, which is a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Hits("/redirect"));
        Assert.Equal(0, _server.Hits("/plain"));
        Assert.Equal(1, tool.ConnectionAttempts);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "not in the allowed list")]
    [InlineData("http://10.1.2.3/", "not in the allowed list")]
    [InlineData("file:///etc/passwd", "scheme 'file' is not allowed")]
    public async Task GetAsync_RefusesRedirectOutsideAllowList(string target, string message)
    {
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1"] });
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectToPrivateAddressWhenOnlyLoopbackIsListed()
    {
        // Listing 127.0.0.1 and 10.1.2.3 as hosts but opening only 127.0.0.1's address is impossible by design, so use
        // a name: the redirect target passes the host list, then fails the address check before any connection.
        var resolver = new RecordingResolver(IPAddress.Parse("169.254.169.254"));
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1", "metadata.internal"] }, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString("http://metadata.internal/")).ToString()));
        Assert.Contains("cloud metadata service", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["metadata.internal"], resolver.Calls);
        Assert.Equal(1, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectWithCredentials()
    {
        using var tool = PrivateAllowed();
        var target = $"http://user:pw@127.0.0.1:{_server.Port}/plain";
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains("credentials", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Hits("/plain"));
    }

    [Fact]
    public async Task GetAsync_ConnectsToTheVettedAddressNotAFreshLookup()
    {
        // A rebinding DNS answers 127.0.0.1 (opened by the allow list) first and a private address afterwards;
        // the tool must resolve once and connect to what it vetted.
        var resolver = RecordingResolver.Sequence([IPAddress.Loopback], [IPAddress.Parse("10.9.9.9")]);
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["localhost", "127.0.0.1"] }, resolver.ResolveAsync);
        var result = await tool.GetAsync($"http://localhost:{_server.Port}/plain");
        Assert.Equal("hello from loopback", result.Text);
        Assert.Single(resolver.Calls);
        Assert.Equal(1, _server.Hits("/plain"));
    }

    [Fact]
    public async Task GetAsync_TimesOutWaitingForHeaders()
    {
        using var tool = PrivateAllowed(timeout: TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(_server.Url("/slow").ToString()));
        Assert.Contains("timed out after 0.3 seconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TimesOutWhileReadingBody()
    {
        using var tool = PrivateAllowed(timeout: TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(_server.Url("/slow-body").ToString()));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_PropagatesCallerCancellation()
    {
        using var tool = PrivateAllowed();
        using var cts = new CancellationTokenSource();
        var fetch = tool.GetAsync(_server.Url("/slow").ToString(), cts.Token);
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
