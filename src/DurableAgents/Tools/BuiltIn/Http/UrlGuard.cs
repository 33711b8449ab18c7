using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Resolves a host name to addresses; a seam so tests can map names without real DNS.</summary>
internal delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// Validates a URL (scheme, credentials, allow list) and resolves and vets its host's addresses, all before any
/// connection is made. The vetted addresses are the only ones the tool then connects to.
/// </summary>
internal sealed class UrlGuard
{
    private readonly HttpGetToolOptions _options;
    private readonly HostResolver _resolver;
    private readonly HashSet<IPAddress> _allowedAddresses;

    public UrlGuard(HttpGetToolOptions options, HostResolver? resolver)
    {
        _options = options;
        _resolver = resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
        _allowedAddresses = options.AllowedHosts
            .Select(h => IPAddress.TryParse(h.Trim('[', ']'), out var ip) ? Normalize(ip) : null)
            .OfType<IPAddress>()
            .ToHashSet();
    }

    /// <summary>Parses and checks a URL's form; throws <see cref="ToolException"/> saying what to change.</summary>
    public Uri CheckUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ToolException($"'{url}' is not an absolute URL. Pass a full URL such as https://example.com/page.");
        }

        return CheckUri(uri);
    }

    /// <summary>Checks an already parsed URL (e.g. a redirect target).</summary>
    public Uri CheckUri(Uri uri)
    {
        if (!uri.IsAbsoluteUri || !_options.AllowedSchemes.Contains(uri.Scheme))
        {
            throw new ToolException(
                $"Refused '{uri}': the scheme '{(uri.IsAbsoluteUri ? uri.Scheme : "")}' is not allowed; "
                + $"use {string.Join(" or ", _options.AllowedSchemes.Order())} URLs. No request was sent.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ToolException(
                "Refused the URL: it contains credentials (user:password@). Remove them; http_get does not "
                + "send credentials. No request was sent.");
        }

        if (string.IsNullOrEmpty(uri.IdnHost))
        {
            throw new ToolException($"Refused '{uri}': it has no host name. No request was sent.");
        }

        if (_options.AllowedHosts.Count > 0 && !IsHostAllowed(uri))
        {
            throw new ToolException(
                $"Refused '{uri}': the host '{uri.IdnHost}' is not in the allowed list "
                + $"({string.Join(", ", _options.AllowedHosts)}). Use a URL on one of those hosts. No request was sent.");
        }

        return uri;
    }

    /// <summary>
    /// Resolves the URL's host and returns its addresses if ALL of them are acceptable; a single non-public
    /// address refuses the whole request, since the attacker may control which one gets used.
    /// </summary>
    public async Task<IPAddress[]> ResolveAndVetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(uri, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (_options.AllowPrivateNetworks || _allowedAddresses.Contains(address))
            {
                continue;
            }

            var reason = AddressClassifier.GetNonPublicReason(address);
            if (reason is not null)
            {
                var what = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                    ? $"the address {address} is {reason}"
                    : $"'{uri.IdnHost}' resolves to {address}, which is {reason}";
                throw new ToolException(
                    $"Refused '{uri}': {what}. http_get only fetches public internet addresses; "
                    + "use a public URL. No request was sent.");
            }
        }

        return addresses;
    }

    private async Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        // Uri already normalizes numeric forms ("2130706433", "0x7f.1", "0177.0.0.1") to dotted IPv4.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return [Normalize(IPAddress.Parse(uri.Host.Trim('[', ']')))];
        }

        IPAddress[] resolved;
        try
        {
            resolved = await _resolver(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new ToolException(
                $"Could not resolve the host '{uri.IdnHost}' ({ex.SocketErrorCode}). Check the spelling of the URL.", ex);
        }

        var distinct = resolved.Select(Normalize).Distinct().ToArray();
        if (distinct.Length == 0)
        {
            throw new ToolException($"The host '{uri.IdnHost}' has no addresses. Check the spelling of the URL.");
        }

        return distinct;
    }

    private bool IsHostAllowed(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return _allowedAddresses.Contains(Normalize(IPAddress.Parse(uri.Host.Trim('[', ']'))));
        }

        var host = uri.IdnHost.TrimEnd('.');
        foreach (var entry in _options.AllowedHosts)
        {
            var pattern = entry.TrimEnd('.');
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
                : host.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // An IPv4-mapped IPv6 address reaches the IPv4 host, so compare and connect using the IPv4 form.
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
