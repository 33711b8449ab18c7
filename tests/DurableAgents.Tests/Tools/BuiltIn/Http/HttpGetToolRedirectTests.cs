using System.Net;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>Redirects are followed by hand and every hop is validated again before connecting.</summary>
public sealed class HttpGetToolRedirectTests : LoopbackTestBase
{
    [Fact]
    public async Task GetAsync_FollowsRelativeRedirect()
    {
        using var tool = PrivateAllowed();
        var result = await tool.GetAsync(Server.Url("/redirect?to=/plain").ToString());
        Assert.Equal("hello from loopback", result.Text);
        Assert.Equal(Server.Url("/plain").ToString(), result.Url);
    }

    [Fact]
    public async Task GetAsync_FollowsRedirectsUpToTheLimit()
    {
        using var tool = PrivateAllowed(maxRedirects: 3);
        var result = await tool.GetAsync(Server.Url("/chain/3").ToString());
        Assert.Equal("end of chain", result.Text);
    }

    [Fact]
    public async Task GetAsync_RefusesTooManyRedirects()
    {
        using var tool = PrivateAllowed(maxRedirects: 3);
        var ex = await Assert.ThrowsAsync<ToolException>(() => tool.GetAsync(Server.Url("/chain/4").ToString()));
        Assert.Contains("redirected more than 3 times", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.Hits("/chain/0"));
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectToNameResolvingToUnlistedLoopbackAddress()
    {
        // Only the address 127.0.0.1 is opened; "localhost" passes the host list but resolves to ::1, which is not.
        var resolver = new RecordingResolver(IPAddress.IPv6Loopback);
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1", "localhost"] }, resolver.ResolveAsync);
        var target = $"http://localhost:{Server.Port}/plain";
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(Server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains("'localhost' resolves to ::1, which is a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Server.Hits("/redirect"));
        Assert.Equal(0, Server.Hits("/plain"));
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
            () => tool.GetAsync(Server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectToAllowedNameResolvingToMetadataAddress()
    {
        // The target name passes the host list, then resolves to the metadata address: refused before connecting.
        var resolver = new RecordingResolver(IPAddress.Parse("169.254.169.254"));
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["127.0.0.1", "metadata.internal"] }, resolver.ResolveAsync);
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(Server.Url("/redirect?to=" + Uri.EscapeDataString("http://metadata.internal/")).ToString()));
        Assert.Contains("cloud metadata service", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["metadata.internal"], resolver.Calls);
        Assert.Equal(1, tool.ConnectionAttempts);
    }

    [Fact]
    public async Task GetAsync_RefusesRedirectWithCredentials()
    {
        using var tool = PrivateAllowed();
        var target = $"http://user:pw@127.0.0.1:{Server.Port}/plain";
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => tool.GetAsync(Server.Url("/redirect?to=" + Uri.EscapeDataString(target)).ToString()));
        Assert.Contains("credentials", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.Hits("/plain"));
    }

    [Fact]
    public async Task GetAsync_ConnectsToTheVettedAddressNotAFreshLookup()
    {
        // A rebinding DNS answers 127.0.0.1 (opened by the allow list) first and a private address afterwards;
        // the tool must resolve once and connect to what it vetted.
        var resolver = RecordingResolver.Sequence([IPAddress.Loopback], [IPAddress.Parse("10.9.9.9")]);
        using var tool = new HttpGetTool(new HttpGetToolOptions { AllowedHosts = ["localhost", "127.0.0.1"] }, resolver.ResolveAsync);
        var result = await tool.GetAsync($"http://localhost:{Server.Port}/plain");
        Assert.Equal("hello from loopback", result.Text);
        Assert.Single(resolver.Calls);
        Assert.Equal(1, Server.Hits("/plain"));
    }
}
