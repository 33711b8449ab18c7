using System.Net;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

public class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped IPv6 form of a loopback")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::127.0.0.1", "IPv4-compatible IPv6 form of a loopback")]
    [InlineData("::8.8.8.8", "deprecated IPv4-compatible")]
    [InlineData("64:ff9b::7f00:1", "NAT64 form of a loopback")]
    [InlineData("2002:a00:1::1", "6to4 form of a private")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2001:0:4136:e378::1", "Teredo")]
    [InlineData("100::1", "discard")]
    [InlineData("4000::1", "reserved IPv6")]
    public void GetNonPublicReason_NamesNonPublicAddresses(string address, string expected)
    {
        var reason = AddressClassifier.GetNonPublicReason(IPAddress.Parse(address));
        Assert.NotNull(reason);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void GetNonPublicReason_ReturnsNullForPublicAddresses(string address)
    {
        Assert.Null(AddressClassifier.GetNonPublicReason(IPAddress.Parse(address)));
    }
}
