using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// Decides whether an IP address is on the public internet. Everything else (loopback, private, link-local,
/// carrier-grade NAT, multicast, reserved, and IPv6 forms that embed such an IPv4 address) is refused by default,
/// because a model-chosen URL must not reach the host's own network or the cloud metadata service.
/// </summary>
internal static class AddressClassifier
{
    private static readonly (byte[] Prefix, int Bits, string Reason)[] V4Ranges =
    [
        ([0, 0, 0, 0], 8, "an unspecified ('this network') address"),
        ([10, 0, 0, 0], 8, "a private network address"),
        ([100, 64, 0, 0], 10, "a carrier-grade NAT (shared) address"),
        ([127, 0, 0, 0], 8, "a loopback address"),
        ([169, 254, 169, 254], 32, "the cloud metadata service (link-local)"),
        ([169, 254, 0, 0], 16, "a link-local address"),
        ([172, 16, 0, 0], 12, "a private network address"),
        ([192, 0, 0, 0], 24, "a reserved protocol-assignment address"),
        ([192, 0, 2, 0], 24, "a documentation address"),
        ([192, 88, 99, 0], 24, "a reserved 6to4 relay address"),
        ([192, 168, 0, 0], 16, "a private network address"),
        ([198, 18, 0, 0], 15, "a benchmarking network address"),
        ([198, 51, 100, 0], 24, "a documentation address"),
        ([203, 0, 113, 0], 24, "a documentation address"),
        ([224, 0, 0, 0], 4, "a multicast address"),
        ([255, 255, 255, 255], 32, "the broadcast address"),
        ([240, 0, 0, 0], 4, "a reserved address"),
    ];

    private static readonly (byte[] Prefix, int Bits, string Reason)[] V6Ranges =
    [
        ([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "a local-use NAT64 address"),
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "a discard-only address"),
        ([0x20, 0x01, 0x0d, 0xb8], 32, "a documentation address"),
        ([0x20, 0x01, 0x00, 0x00], 32, "a Teredo tunnel address"),
        ([0xfc], 7, "a private (unique local) address"),
        ([0xfe, 0x80], 10, "a link-local address"),
        ([0xfe, 0xc0], 10, "a site-local address"),
        ([0xff], 8, "a multicast address"),
    ];

    /// <summary>Returns null when the address is public, otherwise a phrase saying what it is (for messages).</summary>
    public static string? GetNonPublicReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(address.GetAddressBytes(), V4Ranges);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("an IPv4-mapped IPv6 form of ", bytes.AsSpan(12, 4), publicMeansAllowed: true);
        }

        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                return "an unspecified address";
            }

            return address.Equals(IPAddress.IPv6Loopback)
                ? "a loopback address"
                : Embedded("an IPv4-compatible IPv6 form of ", bytes.AsSpan(12, 4), publicMeansAllowed: false);
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that decides where traffic goes.
        if (bytes.AsSpan(0, 12).SequenceEqual(new byte[] { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 }))
        {
            return Embedded("a NAT64 form of ", bytes.AsSpan(12, 4), publicMeansAllowed: true);
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return Embedded("a 6to4 form of ", bytes.AsSpan(2, 4), publicMeansAllowed: true);
        }

        var reason = Match(bytes, V6Ranges);
        if (reason is not null)
        {
            return reason;
        }

        // Only global unicast (2000::/3) is routed on the public internet.
        return (bytes[0] & 0xe0) == 0x20 ? null : "a reserved IPv6 address";
    }

    private static string? Embedded(string form, ReadOnlySpan<byte> v4, bool publicMeansAllowed)
    {
        var inner = Match(v4.ToArray(), V4Ranges);
        if (inner is not null)
        {
            return form + inner;
        }

        return publicMeansAllowed ? null : "a deprecated IPv4-compatible IPv6 address";
    }

    private static string? Match(byte[] address, (byte[] Prefix, int Bits, string Reason)[] ranges)
    {
        foreach (var (prefix, bits, reason) in ranges)
        {
            if (HasPrefix(address, prefix, bits))
            {
                return reason;
            }
        }

        return null;
    }

    private static bool HasPrefix(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < bits / 8; i++)
        {
            if (address[i] != prefix[i])
            {
                return false;
            }
        }

        var rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - rest));
        return (address[bits / 8] & mask) == (prefix[bits / 8] & mask);
    }
}
