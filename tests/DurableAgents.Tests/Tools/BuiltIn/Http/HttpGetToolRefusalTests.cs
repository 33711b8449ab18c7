using System.Net;
using System.Net.Sockets;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>Every URL here must be refused before any connection is opened (and without DNS beyond "localhost").</summary>
public class HttpGetToolRefusalTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://127.0.0.1:8080/admin", "loopback")]
    [InlineData("http://localhost/", "loopback")]
    [InlineData("http://10.1.2.3/", "private")]
    [InlineData("http://172.16.0.1/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/", "metadata")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://[::]/", "unspecified")]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://0x7f.0.0.1/", "loopback")]
    [InlineData("http://0177.0.0.1/", "loopback")]
    [InlineData("http://127.1/", "loopback")]
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[fd00::1]/", "unique local")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://255.255.255.255/", "broadcast")]
    [InlineData("http://[::127.0.0.1]/", "loopback")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/", "metadata")]
    [InlineData("https://127.0.0.1/", "loopback")]
    public async Task GetAsync_RefusesNonPublicAddressesBeforeConnecting(string url, string reason)
    {
        using var tool = new HttpGetTool();
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(url));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("No request was sent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tool.ConnectionAttempts);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ftp://127.0.0.1/file")]
    [InlineData("gopher://127.0.0.1:70/")]
    [InlineData("javascript:alert(1)")]
    public async Task GetAsync_RefusesNonHttpSchemes(string url)
    {
        using var tool = new HttpGetTool();
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(url));
        Assert.Contains("scheme", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_RefusesSchemeNotInOptions()
    {
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedSchemes = new HashSet<string> { "https" } });
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync("http://127.0.0.1/"));
        Assert.Contains("scheme 'http' is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://user:secret@example.com/")]
    [InlineData("http://user@127.0.0.1/")]
    public async Task GetAsync_RefusesUrlsWithCredentials(string url)
    {
        var resolver = new RecordingResolver();
        using var tool = new HttpGetTool(null, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(url));
        Assert.Contains("credentials", ex.Message, StringComparison.Ordinal);
        Assert.Empty(resolver.Calls);
        Assert.Equal(0, tool.ConnectionAttempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com/page")]
    [InlineData("not a url")]
    public async Task GetAsync_RefusesRelativeOrMalformedUrls(string url)
    {
        using var tool = new HttpGetTool();
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(url));
        Assert.Contains("absolute URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RefusesHostOutsideAllowList()
    {
        var resolver = new RecordingResolver();
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["api.example.org"] }, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync("https://example.com/"));
        Assert.Contains("not in the allowed list (api.example.org)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task GetAsync_RefusesWhenAnyResolvedAddressIsPrivate()
    {
        var resolver = new RecordingResolver(IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.5"));
        using var tool = new HttpGetTool(null, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync("http://localhost/"));
        Assert.Contains("'localhost' resolves to 10.0.0.5, which is a private network address", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_ReportsUnresolvableHostAsToolError()
    {
        var resolver = new RecordingResolver(new SocketException((int)SocketError.HostNotFound));
        using var tool = new HttpGetTool(null, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync("http://localhost/"));
        Assert.Contains("Could not resolve the host 'localhost'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ReportsHostWithoutAddresses()
    {
        using var tool = new HttpGetTool(null, new RecordingResolver().ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync("http://localhost/"));
        Assert.Contains("has no addresses", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RejectInvalidLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpGetTool(new HttpGetToolOptions { MaxResponseBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpGetTool(new HttpGetToolOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpGetTool(new HttpGetToolOptions { MaxRedirects = -1 }));
        Assert.Throws<ArgumentException>(() => new HttpGetTool(new HttpGetToolOptions { AllowedSchemes = new HashSet<string> { "ftp" } }));
        Assert.Throws<ArgumentException>(() => new HttpGetTool(new HttpGetToolOptions { AllowedHosts = [" "] }));
    }
}
