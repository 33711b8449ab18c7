using DurableAgents.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real host in-process on Kestrel with a real loopback port (a browser and the CLI need one): the real agent run with the
/// offline model on a throw-away SQLite task hub, the samples, the test agents and, optionally, an API key.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    public const string Key = "dashboard-test-key-7f3a";

    private readonly TempFolder _data = new("da-dashboard");
    private readonly string? _key;

    public DashboardHost(string? key = Key)
    {
        _key = key;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Url = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Http = new HttpClient { BaseAddress = new Uri(Url) };
        if (key is not null)
        {
            Http.DefaultRequestHeaders.Add("x-api-key", key);
        }
    }

    /// <summary>The host's address, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; }

    /// <summary>A client for the API (with the key when there is one).</summary>
    public HttpClient Http { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("DurableAgents:Backend", "memory");
        builder.UseSetting("DurableAgents:DataPath", _data.Path);
        builder.UseSetting("OPENAI_API_KEY", "");
        builder.UseSetting("OPENAI_BASE_URL", "");
        if (_key is not null)
        {
            builder.UseSetting("DurableAgents:ApiKeys:0", _key);
        }

        builder.ConfigureTestServices(TestAgents.Register);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Http.Dispose();
            _data.Dispose();
        }
    }
}
