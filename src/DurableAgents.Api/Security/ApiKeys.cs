using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Api.Security;

/// <summary>Checks a request's key (<c>x-api-key</c> header or <c>?code=</c>, as in Functions) against the configured keys in constant time.</summary>
public static class ApiKeys
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-api-key";

    /// <summary>Null when the request carries an accepted key (or none is configured); otherwise why not.</summary>
    public static string? Check(HttpRequest request, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return null;
        }

        var given = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(given))
        {
            return $"This endpoint needs a key: send it in the '{HeaderName}' header or as ?code=.";
        }

        var givenBytes = Encoding.UTF8.GetBytes(given);
        return keys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), givenBytes))
            ? null
            : "The key is not valid.";
    }
}
