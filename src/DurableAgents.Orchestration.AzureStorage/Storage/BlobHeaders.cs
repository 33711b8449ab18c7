using System.Globalization;
using Azure;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Reads and writes the blob-specific HTTP headers.</summary>
internal static class BlobHeaders
{
    private const string MetaPrefix = "x-ms-meta-";

    public static void Apply(Request request, BlobConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", Format(ifMatch));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", Format(ifNoneMatch));
        }

        if (conditions.LeaseId is { Length: > 0 } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static void ApplyMetadata(Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Blob metadata name '{name}' must be a valid C# identifier.", nameof(metadata));
            }

            request.Headers.SetValue(MetaPrefix + name, value);
        }
    }

    /// <summary>Formats an ETag for a conditional header: <c>*</c> bare, others quoted.</summary>
    public static string Format(ETag etag)
    {
        if (etag == ETag.All)
        {
            return "*";
        }

        var text = etag.ToString();
        return text.StartsWith('"') || text.StartsWith("W/", StringComparison.Ordinal) ? text : $"\"{text}\"";
    }

    public static BlobWriteResult WriteResult(Response response) => new(ETagOf(response), LastModified(response));

    public static BlobProperties Properties(Response response, ETag? fallbackETag = null)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetaPrefix.Length..]] = header.Value;
            }
        }

        response.Headers.TryGetValue("Content-Length", out var length);
        response.Headers.TryGetValue("x-ms-lease-state", out var leaseState);
        response.Headers.TryGetValue("x-ms-lease-status", out var leaseStatus);
        return new BlobProperties(
            fallbackETag is { } known && !response.Headers.TryGetValue("ETag", out _) ? known : ETagOf(response),
            LastModified(response),
            long.TryParse(length, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0,
            response.Headers.ContentType,
            leaseState,
            leaseStatus,
            metadata);
    }

    public static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var raw)
            ? ParseETag(raw)
            : throw new FormatException("The blob service response has no ETag header.");

    /// <summary>Normalizes a header or listing ETag to its unquoted value so both compare equal.</summary>
    public static ETag ParseETag(string raw) =>
        new(raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw);

    private static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value)
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : DateTimeOffset.MinValue;
}
