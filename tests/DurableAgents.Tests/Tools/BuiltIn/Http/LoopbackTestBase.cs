using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>Starts a <see cref="LoopbackWebServer"/> per test and stops it afterwards.</summary>
public abstract class LoopbackTestBase : IAsyncLifetime
{
    protected LoopbackWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LoopbackWebServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A tool with private networks opened, the only way (besides listing 127.0.0.1) to reach the test server.</summary>
    protected static HttpGetTool PrivateAllowed(int maxBytes = 256 * 1024, TimeSpan? timeout = null, int maxRedirects = 3) =>
        new(new HttpGetToolOptions
        {
            AllowPrivateNetworks = true,
            MaxResponseBytes = maxBytes,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxRedirects = maxRedirects,
        });
}
