using System.Net;
using DurableAgents.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>At start: refuses to listen beyond loopback without a key, and says what the host is exposed to.</summary>
public sealed partial class ListenAddressGuard(
    IConfiguration configuration, IOptions<DurableAgentsHostOptions> options, HostDescription description, ILogger<ListenAddressGuard> logger)
    : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = HostSettingsConfiguration.ListenUrls(configuration);
        Log.Running(logger, description.Backend, description.Model);
        var keys = options.Value.AllKeys.Count;
        if (keys > 0)
        {
            Log.KeysConfigured(logger, keys, urls);
            return Task.CompletedTask;
        }

        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0)
        {
            throw new StartupRefusalException(
                $"The host would listen on {string.Join(", ", exposed)}, which is not loopback, and no API key is configured. "
                + "Set DurableAgents:ApiKeys (or DurableAgents__ApiKey) to a secret, or listen on http://127.0.0.1 / http://localhost only.");
        }

        Log.LoopbackOnly(logger, urls);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True for an address only this machine can reach.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "DurableAgents host: {Backend}; {Model}.")]
        public static partial void Running(ILogger logger, string backend, string model);

        [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
            Message = "No API key is configured: serving loopback only ({Urls}). Set DurableAgents:ApiKeys to serve other machines.")]
        public static partial void LoopbackOnly(ILogger logger, string urls);

        [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "{Count} API key(s) configured; listening on {Urls}.")]
        public static partial void KeysConfigured(ILogger logger, int count, string urls);
    }
}
