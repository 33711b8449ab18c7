using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// Signs approval webhooks the way the README tells a sender to, computed here independently of the host's signer:
/// lowercase hex HMAC-SHA256 of <c>{timestamp}.{METHOD}.{path}.{body}</c>.
/// </summary>
public static class SignedRequests
{
    public static string Sign(string secret, DateTimeOffset at, string path, string body, string method = "POST")
    {
        var canonical = $"{Unix(at)}.{method}.{path}.{body}";
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical)));
    }

    public static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts <paramref name="body"/> to <paramref name="url"/> with the signature headers (and a delivery id when given).</summary>
    public static async Task<HttpResponseMessage> PostSignedAsync(
        this HttpClient http, string url, string body, string signature, DateTimeOffset? at, string? deliveryId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-256", signature);
        if (at is { } time)
        {
            request.Headers.Add("X-Signature-Timestamp", Unix(time));
        }

        if (deliveryId is not null)
        {
            request.Headers.Add("X-Delivery-Id", deliveryId);
        }

        return await http.SendAsync(request);
    }
}
