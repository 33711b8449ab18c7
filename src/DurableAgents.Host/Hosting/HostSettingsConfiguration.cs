using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace DurableAgents.Host.Hosting;

/// <summary>Reads settings the way the Functions host does: host.json, local.settings.json <c>Values</c>, then environment variables.</summary>
public static class HostSettingsConfiguration
{
    /// <summary>The default address when nothing else is configured (the Functions host's local port).</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Adds host.json (under <c>AzureFunctionsJobHost</c>) and local.settings.json <c>Values</c> below environment variables and arguments.</summary>
    public static IConfigurationBuilder AddDurableAgentsHostSettings(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Quiet per-request framework logs unless asked for.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // A failure to start is printed once, by StartupGuard; the generic host would log it again with a stack trace.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "None",
            // Timestamps on the console (the formatter must be named, or the legacy options without them apply).
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        };
        if (Find("host.json") is { } hostJson)
        {
            Flatten(ReadJson(hostJson), "AzureFunctionsJobHost", values);
        }

        if (Find("local.settings.json") is { } localSettings && ReadJson(localSettings).TryGetProperty("Values", out var settings)
            && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                // Functions app settings use "__" for nesting, as environment variables do.
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        configuration.Add(new MemoryConfigurationSource { InitialData = values });

        // Re-added so they keep winning over the files above.
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args ?? []);
        return configuration;
    }

    /// <summary>The address to listen on: --urls / ASPNETCORE_URLS when set, else localhost:7071.</summary>
    public static string ListenUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["urls"] is { Length: > 0 } urls ? urls : DefaultUrl;
    }

    private static string? Find(string fileName)
    {
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static JsonElement ReadJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new StartupRefusalException($"{path} is not valid JSON ({e.Message}). Fix the file or remove it.", e);
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{prefix}:{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{i++}", values);
                }

                break;
            default:
                values[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                break;
        }
    }
}
