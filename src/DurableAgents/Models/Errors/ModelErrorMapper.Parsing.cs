using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DurableAgents.Models;

/// <summary>Reading what a failed response says: the error body, Retry-After, and removing secrets from messages.</summary>
internal sealed partial class ModelErrorMapper
{
    private static (string? Message, string? Code) ReadErrorBody(PipelineResponse? response)
    {
        try
        {
            var content = response?.Content;
            if (content is null || content.ToMemory().IsEmpty)
            {
                return (null, null);
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
            if (error.ValueKind == JsonValueKind.String)
            {
                return (error.GetString(), null);
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            string? code = null;
            if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }
            else if (error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                code = t.GetString();
            }

            return (message, code);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads retry-after-ms (OpenAI, Azure) first, then Retry-After as seconds or an HTTP date.</summary>
    internal static TimeSpan? ReadRetryAfter(PipelineResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return headers.TryGetValue("Retry-After", out var value) ? ParseRetryAfter(value, now) : null;
    }

    internal static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Removes the configured secrets and anything that looks like a key (servers echo masked keys in 401s).</summary>
    internal string Redact(string text) => Privacy.SecretRedaction.Redact(text, options.Secrets);
}
