namespace DurableAgents.Tools.BuiltIn;

/// <summary>Limits for the http_get tool. The defaults are safe: public hosts only, small bodies, short timeout.</summary>
public sealed class HttpGetToolOptions
{
    /// <summary>
    /// Host names (exact, or "*.example.com" for subdomains) or IP literals the tool may fetch; empty means any
    /// public host. An IP literal listed here is also exempt from the private-network refusal, which is how a
    /// test or an operator opens one specific internal address without opening them all.
    /// </summary>
    public IList<string> AllowedHosts { get; init; } = new List<string>();

    /// <summary>Lets the tool reach loopback, private, link-local and other non-public addresses. Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The most body bytes read (after decompression); the rest is dropped and a marker appended.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>The time allowed for the whole fetch, redirects and body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most redirects followed; every hop is validated again.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>The URL schemes allowed; only http and https are supported.</summary>
    public ISet<string> AllowedSchemes { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" };

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; set; } = "DurableAgents-http_get/1.0";

    /// <summary>Whether HTML bodies are reduced to readable text (scripts, styles and tags removed).</summary>
    public bool ConvertHtmlToText { get; set; } = true;

    /// <summary>Checks the options and returns a private copy so later changes by the caller have no effect.</summary>
    internal HttpGetToolOptions ValidatedCopy()
    {
        if (MaxResponseBytes is < 1 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "Must be from 1 byte to 64 MiB.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Must be positive and at most 10 minutes.");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRedirects), MaxRedirects, "Must be from 0 to 20.");
        }

        var schemes = new HashSet<string>(AllowedSchemes ?? new HashSet<string>(), StringComparer.OrdinalIgnoreCase);
        if (schemes.Count == 0 || schemes.Any(s => s != Uri.UriSchemeHttp && s != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("AllowedSchemes must be a non-empty subset of {http, https}.", nameof(AllowedSchemes));
        }

        var hosts = (AllowedHosts ?? new List<string>()).Select(h => h?.Trim() ?? string.Empty).ToList();
        if (hosts.Any(h => h.Length == 0))
        {
            throw new ArgumentException("AllowedHosts must not contain empty entries.", nameof(AllowedHosts));
        }

        return new HttpGetToolOptions
        {
            AllowedHosts = hosts,
            AllowPrivateNetworks = AllowPrivateNetworks,
            MaxResponseBytes = MaxResponseBytes,
            Timeout = Timeout,
            MaxRedirects = MaxRedirects,
            AllowedSchemes = schemes,
            UserAgent = string.IsNullOrWhiteSpace(UserAgent) ? "DurableAgents-http_get/1.0" : UserAgent,
            ConvertHtmlToText = ConvertHtmlToText,
        };
    }
}
