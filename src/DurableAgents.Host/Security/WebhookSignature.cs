using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Host.Security;

/// <summary>Signed webhooks: <c>X-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> plus a Unix-seconds timestamp header.</summary>
public static class WebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Signature-256";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>The header value for a body: <c>sha256=&lt;lowercase hex&gt;</c>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Null when the signature and timestamp are valid; otherwise why not. Does not check replays.</summary>
    public static string? Verify(string secret, ReadOnlySpan<byte> body, string? signature, string? timestamp, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(signature) || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return $"The {SignatureHeader} header must be 'sha256=<hex HMAC-SHA256 of the raw body>'.";
        }

        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"The {TimestampHeader} header must be the send time in Unix seconds.";
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sentAt).Duration() > tolerance)
        {
            return $"The {TimestampHeader} is more than {tolerance.TotalMinutes:0} minutes from the server's time; send a fresh request.";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan("sha256=".Length));
        }
        catch (FormatException)
        {
            return "The signature is not hex.";
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "The signature does not match the body.";
    }
}
