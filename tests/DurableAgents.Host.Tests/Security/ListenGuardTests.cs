using DurableAgents.Host.Security;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Security;

public sealed class ListenGuardTests
{
    [Theory]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://10.1.2.3:7071", false)]
    [InlineData("http://example.com:80", false)]
    public void IsLoopback_KnowsWhatOnlyThisMachineCanReach(string url, bool expected) =>
        Assert.Equal(expected, ListenAddressGuard.IsLoopback(url));

    [Fact]
    public void NonLoopbackAddressWithoutKey_RefusesToStart()
    {
        using var factory = new HostFactory(new() { ["urls"] = "http://0.0.0.0:7071" });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Refusing to start", Flatten(error));
    }

    [Fact]
    public void CustomHandlerWithoutKey_RefusesToStart()
    {
        using var factory = new HostFactory(new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7199" });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("custom handler", Flatten(error));
    }

    [Fact]
    public async Task NonLoopbackAddressWithKey_Starts()
    {
        using var factory = HostFactory.WithKey(new() { ["urls"] = "http://0.0.0.0:7071" });
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
