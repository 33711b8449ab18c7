using Azure.Core;
using Azure.Core.Pipeline;
using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

// Expected strings and signatures were written out by hand from the documented Shared Key algorithm and the
// HMAC-SHA256 computed independently (Python hmac), not produced by the code under test.
public sealed class SharedKeySignerTests
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string FakeKey = "bm90LWEtcmVhbC1rZXktb25seS1mb3ItdW5pdC10ZXN0cyE=";
    private const string Date = "Fri, 20 Nov 2026 10:00:00 GMT";
    private const string TwelveEmptyStandardHeaders = "\n\n\n\n\n\n\n\n\n\n\n";

    private const string PathStyleLease =
        "PUT\n" + TwelveEmptyStandardHeaders +
        "x-ms-date:" + Date + "\n" +
        "x-ms-lease-action:acquire\n" +
        "x-ms-lease-duration:-1\n" +
        "x-ms-version:2021-08-06\n" +
        "/devstoreaccount1/devstoreaccount1/data/run/1.json\ncomp:lease\ntimeout:30";

    [Fact]
    public void Build_PathStyleUrl_RepeatsAccountAndSortsLowercasedQuery()
    {
        var headers = new Dictionary<string, string>
        {
            ["x-ms-version"] = "2021-08-06",
            ["X-MS-Lease-Duration"] = "  -1 ",
            ["x-ms-date"] = Date,
            ["x-ms-lease-action"] = "acquire",
        };
        var uri = new Uri("http://127.0.0.1:10000/devstoreaccount1/data/run/1.json?Timeout=30&comp=lease");

        var stringToSign = SharedKeyStringToSign.Build("PUT", uri, headers, contentLength: 0, "devstoreaccount1");

        Assert.Equal(PathStyleLease, stringToSign);
        Assert.Equal("FlMsTEunFwzlJGudDVZ/fZ+0qki8ZoiGTZcxvEjoXoA=",
            new StorageSharedKeyCredential("devstoreaccount1", DevKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void Build_AccountStyleUrl_SignsContentLengthAndType()
    {
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/xml",
            ["x-ms-date"] = Date,
            ["x-ms-version"] = "2021-08-06",
            ["x-ms-client-request-id"] = "abc",
            ["User-Agent"] = "not-signed",
        };
        var uri = new Uri("https://myaccount.queue.core.windows.net/jobs/messages?visibilitytimeout=10&messagettl=-1");

        var stringToSign = SharedKeyStringToSign.Build("POST", uri, headers, contentLength: 57, "myaccount");

        const string expected = "POST\n\n\n57\n\napplication/xml\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:abc\nx-ms-date:" + Date + "\nx-ms-version:2021-08-06\n" +
            "/myaccount/jobs/messages\nmessagettl:-1\nvisibilitytimeout:10";
        Assert.Equal(expected, stringToSign);
        Assert.Equal("DIBLabxzr6mOiRJMxZXR2nAzp0dTP2H0Q16OziZMI3A=",
            new StorageSharedKeyCredential("myaccount", FakeKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void Build_RepeatedQueryParameter_JoinsSortedDecodedValues()
    {
        var headers = new Dictionary<string, string>
        {
            ["If-None-Match"] = "\"0x8DC\"",
            ["x-ms-date"] = Date,
            ["x-ms-version"] = "2021-08-06",
        };
        var uri = new Uri("https://myaccount.blob.core.windows.net/c?restype=container&comp=list&include=snapshots&include=metadata&prefix=a%2Fb");

        var stringToSign = SharedKeyStringToSign.Build("GET", uri, headers, contentLength: null, "myaccount");

        const string expected = "GET\n\n\n\n\n\n\n\n\n\"0x8DC\"\n\n\n" +
            "x-ms-date:" + Date + "\nx-ms-version:2021-08-06\n" +
            "/myaccount/c\ncomp:list\ninclude:metadata,snapshots\nprefix:a/b\nrestype:container";
        Assert.Equal(expected, stringToSign);
        Assert.Equal("9AJpEjaDg/3JuXjN0l/0J+ZBJM7ehpz6o3NzGJgu2P8=",
            new StorageSharedKeyCredential("myaccount", FakeKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void Policy_SetsDateFromClockAndSharedKeyAuthorization()
    {
        var policy = new SharedKeySigningPolicy(new StorageSharedKeyCredential("devstoreaccount1", DevKey), NoonClock());

        var (date, authorization) = Sign(policy, "http://127.0.0.1:10000/devstoreaccount1/data/run/1.json?comp=lease&timeout=30",
            ("x-ms-version", "2021-08-06"), ("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "-1"));

        Assert.Equal(Date, date);
        Assert.Equal("SharedKey devstoreaccount1:FlMsTEunFwzlJGudDVZ/fZ+0qki8ZoiGTZcxvEjoXoA=", authorization);
    }

    [Fact]
    public void TablePolicy_SignsDateAndPathStyleResource_WithSharedKeyLite()
    {
        var policy = new TableSharedKeyLiteSigningPolicy(new StorageSharedKeyCredential("devstoreaccount1", DevKey), NoonClock());

        var (date, authorization) = Sign(policy, "http://127.0.0.1:10002/devstoreaccount1/hubinstances(PartitionKey='run-1',RowKey='state')",
            ("Content-Type", "application/json")); // not signed by Shared Key Lite for Table

        Assert.Equal(Date, date);
        Assert.Equal("SharedKeyLite devstoreaccount1:BbahyGyqzw0iwNkjWgxrw+3+NnZGz9H1EIdLem4O6Pc=", authorization);
    }

    [Fact]
    public void TableStringToSign_KeepsOnlyTheCompParameter()
    {
        var stringToSign = TableSharedKeyLiteSigningPolicy.BuildStringToSign(
            Date, new Uri("https://myaccount.table.core.windows.net/Tables?comp=acl&timeout=30&$filter=x"), "myaccount");

        Assert.Equal(Date + "\n/myaccount/Tables?comp=acl", stringToSign);
        Assert.Equal("1AB6OT9lxmBXInPNWdSh92oB7Ayk1Q3qsRnVDWIudTE=", new StorageSharedKeyCredential("myaccount", DevKey).ComputeSignature(stringToSign));
    }

    [Fact]
    public void Credential_ToStringAndBadKeyError_NeverShowTheKey()
    {
        var credential = new StorageSharedKeyCredential("myaccount", FakeKey);
        Assert.DoesNotContain(FakeKey, credential.ToString(), StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => new StorageSharedKeyCredential("myaccount", "%%secret%%"));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    private static FixedTimeProvider NoonClock() => new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));

    // Runs a PUT to `url` with `headers` through the policy; returns the x-ms-date and Authorization it set.
    private static (string? Date, string? Authorization) Sign(AccountKeySigningPolicy policy, string url, params (string Name, string Value)[] headers)
    {
        var request = HttpClientTransport.Shared.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri(url));
        foreach (var (name, value) in headers)
        {
            request.Headers.SetValue(name, value);
        }

        using var message = new HttpMessage(request, new ResponseClassifier());
        policy.OnSendingRequest(message);
        request.Headers.TryGetValue("x-ms-date", out var date);
        request.Headers.TryGetValue("Authorization", out var authorization);
        return (date, authorization);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
