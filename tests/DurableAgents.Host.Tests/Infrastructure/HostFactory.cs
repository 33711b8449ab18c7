using DurableAgents.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>The host in-process on the in-memory backend, with the stand-in run, a temp data path and optional settings.</summary>
public sealed class HostFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new("da-host");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configure;
    private readonly bool _standIn;

    /// <param name="settings">Extra settings.</param>
    /// <param name="configure">More test services (applied after the host's own).</param>
    /// <param name="standIn">False to keep the real AgentRun orchestration.</param>
    public HostFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, bool standIn = true)
    {
        _configure = configure;
        _standIn = standIn;
        _settings = new Dictionary<string, string?>(settings ?? [])
        {
            ["DurableAgents:Backend"] = settings?.GetValueOrDefault("DurableAgents:Backend") ?? "memory",
            ["DurableAgents:DataPath"] = settings?.GetValueOrDefault("DurableAgents:DataPath") ?? _data.Path,
        };
    }

    /// <summary>The host's data folder (DurableAgents:DataPath).</summary>
    public string DataPath => _settings["DurableAgents:DataPath"]!;

    public const string Key = "test-key-123";
    public const string Secret = "webhook-secret-xyz";

    /// <summary>A host with a key and a webhook secret (the real agent run when <paramref name="standIn"/> is false).</summary>
    public static HostFactory WithKey(Dictionary<string, string?>? more = null, bool standIn = true)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["DurableAgents:ApiKeys:0"] = Key,
            ["DurableAgents:WebhookSecret"] = Secret,
        };
        return new HostFactory(settings, standIn: standIn);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_standIn)
            {
                StandInAgentRun.Install(services);
            }

            _configure?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
