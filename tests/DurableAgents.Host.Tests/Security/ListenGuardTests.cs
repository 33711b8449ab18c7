using DurableAgents.Host.Hosting;
using DurableAgents.Host.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
    public async Task NonLoopbackAddressWithoutKey_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<StartupRefusalException>(() => Guard(new() { ["urls"] = "http://0.0.0.0:7071" }).StartAsync(default));
        Assert.Contains("no API key is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackWithoutKey_Starts()
    {
        await Guard(new() { ["urls"] = "http://127.0.0.1:7071" }).StartAsync(default);
    }

    [Fact]
    public async Task NonLoopbackAddressWithKey_Starts()
    {
        using var factory = HostFactory.WithKey(new() { ["urls"] = "http://0.0.0.0:7071" });
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
    }

    private static ListenAddressGuard Guard(Dictionary<string, string?> settings) => new(
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
        Options.Create(new DurableAgentsHostOptions()),
        new HostDescription("test backend", "test model") { Summary = new HostSummary("DurableAgents", "memory", "offline") },
        NullLogger<ListenAddressGuard>.Instance);
}
