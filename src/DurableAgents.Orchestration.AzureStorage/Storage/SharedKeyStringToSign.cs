using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Builds the Shared Key string-to-sign for the Blob and Queue services (version 2009-09-19 and later).</summary>
internal static class SharedKeyStringToSign
{
    // The standard headers, in the order the algorithm lists them.
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    /// <summary>Builds the string to sign from a request's verb, URL, headers and body length.</summary>
    /// <param name="method">The HTTP verb, e.g. GET.</param>
    /// <param name="uri">The full request URL as sent.</param>
    /// <param name="headers">The request headers (names compared case-insensitively).</param>
    /// <param name="contentLength">The body length; 0 or null signs an empty Content-Length line.</param>
    /// <param name="accountName">The account that owns the key.</param>
    public static string Build(
        string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, long? contentLength, string accountName)
    {
        var headerMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            headerMap[name] = headerMap.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        foreach (var name in StandardHeaders)
        {
            string value;
            if (name == "Content-Length")
            {
                // Since 2015-02-21 a zero length is signed as an empty string.
                value = contentLength is > 0 ? contentLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            }
            else
            {
                value = headerMap.GetValueOrDefault(name, "");
            }

            sb.Append(value).Append('\n');
        }

        AppendCanonicalizedHeaders(sb, headerMap);
        AppendCanonicalizedResource(sb, uri, accountName);
        return sb.ToString();
    }

    private static void AppendCanonicalizedHeaders(StringBuilder sb, Dictionary<string, string> headers)
    {
        var msHeaders = headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: UnfoldWhitespace(h.Value)))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder sb, Uri uri, string accountName)
    {
        // The encoded path as sent. With path-style URLs (Azurite: /devstoreaccount1/container/blob) the account
        // name appears twice: once from this prefix and once from the path itself.
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath);

        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!parameters.TryGetValue(name, out var list))
            {
                parameters[name] = list = [];
            }

            list.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    // Header values are signed with folded whitespace collapsed to one space and ends trimmed.
    private static string UnfoldWhitespace(string value)
    {
        var sb = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value.Trim())
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n';
            if (isSpace && lastWasSpace)
            {
                continue;
            }

            sb.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }

        return sb.ToString();
    }
}
