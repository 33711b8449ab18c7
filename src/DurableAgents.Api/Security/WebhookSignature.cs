using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Api.Security;

/// <summary>
/// Signed webhooks. The signature is the lowercase hex HMAC-SHA256, keyed with the shared secret, of the canonical string
/// <c>{timestamp}.{METHOD}.{path}.{body}</c> (Unix seconds, the upper-case HTTP method, the request path without the query
/// string, the raw body bytes), sent as <c>X-Signature-256: sha256=&lt;hex&gt;</c> with <c>X-Signature-Timestamp: &lt;timestamp&gt;</c>.
/// Binding the method, path and time means a signature for one run's approval is useless for any other run or moment.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Signature-256";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>The optional sender's delivery id header; a run applies a delivery id at most once.</summary>
    public const string DeliveryIdHeader = "X-Delivery-Id";

    /// <summary>The header value for a request: <c>sha256=&lt;lowercase hex&gt;</c>.</summary>
    public static string Sign(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "sha256=" + Convert.ToHexStringLower(Compute(secret, timestamp, method, path, body));
    }

    /// <summary>The canonical string's prefix; the raw body follows it.</summary>
    public static string CanonicalPrefix(string timestamp, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"{timestamp}.{method.ToUpperInvariant()}.{path}.";
    }

    /// <summary>A short id for a signature, kept in the run's record so a replay is recognised after restarts and on other hosts.</summary>
    public static string IdOf(string signature) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)).AsSpan(0, 16));

    /// <summary>Null when the signature and timestamp are valid for this request; otherwise why not. Does not check replays.</summary>
    public static string? Verify(
        string secret, string method, string path, ReadOnlySpan<byte> body, string? signature, string? timestamp, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(signature) || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return $"The {SignatureHeader} header must be 'sha256=<hex HMAC-SHA256 of \"{{timestamp}}.{{METHOD}}.{{path}}.{{body}}\">'.";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"The {TimestampHeader} header must be the send time in Unix seconds (digits only).";
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sentAt).Duration() > tolerance)
        {
            return $"The {TimestampHeader} is more than {tolerance.TotalMinutes:0} minutes from the server's time; sign a fresh request.";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan("sha256=".Length));
        }
        catch (FormatException)
        {
            return $"The {SignatureHeader} value is not hex.";
        }

        var expected = Compute(secret, timestamp!, method, path, body);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? null
            : $"The signature does not match this request: sign \"{CanonicalPrefix("<timestamp>", method, path)}<body>\" with the shared secret.";
    }

    private static byte[] Compute(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(CanonicalPrefix(timestamp, method, path)));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
