namespace DurableAgents.Host.Cli;

/// <summary>Where the CLI finds the host: <c>--url</c> / <c>DURABLEAGENTS_URL</c> (default the host's own default address) and
/// <c>--key</c> / <c>DURABLEAGENTS_API_KEY</c> (prefer the variable: a key on a command line shows in the process list).</summary>
/// <param name="BaseUrl">The host's address.</param>
/// <param name="Key">The API key, when the host needs one.</param>
public sealed record HostConnection(Uri BaseUrl, string? Key)
{
    /// <summary>The variable that names the host's address.</summary>
    public const string UrlVariable = "DURABLEAGENTS_URL";

    /// <summary>The variable that holds the API key.</summary>
    public const string KeyVariable = "DURABLEAGENTS_API_KEY";

    /// <summary>From the options, else the environment, else the defaults; throws <see cref="CliException"/> for a URL that is not one.</summary>
    public static HostConnection Resolve(string? url, string? key, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var address = url ?? environment(UrlVariable) ?? Hosting.HostSettingsConfiguration.DefaultUrl;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{address}' is not an http(s) URL; pass --url http://host:port or set {UrlVariable}.");
        }

        var secret = key ?? environment(KeyVariable);
        return new HostConnection(uri, string.IsNullOrEmpty(secret) ? null : secret);
    }
}
