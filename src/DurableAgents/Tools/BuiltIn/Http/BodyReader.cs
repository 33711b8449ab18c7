using System.Net.Http.Headers;
using System.Text;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Reads a response body up to a byte cap and turns it into text for the model.</summary>
internal static class BodyReader
{
    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; reports whether more were available.</summary>
    public static async Task<(byte[] Bytes, bool Truncated)> ReadCappedAsync(
        Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        // One extra byte tells "exactly at the cap" apart from "over the cap".
        var buffer = new byte[maxBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        var truncated = total > maxBytes;
        return (buffer.AsSpan(0, Math.Min(total, maxBytes)).ToArray(), truncated);
    }

    /// <summary>Whether a media type is text the model can read (null: unknown, treated as text).</summary>
    public static bool IsTextual(string? mediaType)
    {
        if (mediaType is null)
        {
            return true;
        }

        var m = mediaType.ToLowerInvariant();
        return m.StartsWith("text/", StringComparison.Ordinal)
            || m.EndsWith("+json", StringComparison.Ordinal)
            || m.EndsWith("+xml", StringComparison.Ordinal)
            || m is "application/json" or "application/xml" or "application/javascript" or "application/ecmascript"
                or "application/x-www-form-urlencoded" or "application/x-javascript" or "application/yaml"
                or "application/x-yaml" or "application/toml" or "application/csv";
    }

    /// <summary>Whether a media type is HTML.</summary>
    public static bool IsHtml(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>Decodes bytes using the declared charset, falling back to UTF-8 for unknown or missing ones.</summary>
    public static string Decode(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        var encoding = Encoding.UTF8;
        var charset = contentType?.CharSet?.Trim('"', '\'', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // Unknown charset: UTF-8 with replacement characters is the most useful guess.
            }
        }

        return encoding.GetString(bytes);
    }
}
