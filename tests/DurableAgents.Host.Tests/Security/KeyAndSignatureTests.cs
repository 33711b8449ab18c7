using System.Globalization;
using System.Net;
using System.Text;
using DurableAgents.Host.Security;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Security;

public sealed class KeyAndSignatureTests : IClassFixture<KeyedHostFixture>
{
    private readonly HttpClient _http;

    public KeyAndSignatureTests(KeyedHostFixture fixture) => _http = fixture.Factory.CreateClient();

    [Theory]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/api/agents")]
    [InlineData("GET", "/api/schedules")]
    [InlineData("POST", "/api/agents/background/runs")]
    [InlineData("POST", "/api/runs/some-run/terminate")]
    [InlineData("POST", "/api/runs/some-run/approval")]
    public async Task ManagementAndApproval_WithoutKey_Are401(string method, string url)
    {
        var (response, body) = await _http.SendAsync(new HttpMethod(method), url, method == "POST" ? "{\"input\":\"x\",\"approved\":true}" : null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WrongKey_Is401_RightKeyInHeaderOrCode_Passes()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(HttpMethod.Get, "/api/agents", key: "wrong")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(HttpMethod.Get, "/api/agents?code=wrong")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(HttpMethod.Get, "/api/agents", key: HostFactory.Key)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(HttpMethod.Get, $"/api/agents?code={HostFactory.Key}")).Response.StatusCode);
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task SignedApproval_Valid_IsAccepted_AndAReplayIs401()
    {
        var id = await _http.StartAsync("records-cleanup", "delete inactive", key: HostFactory.Key);
        await _http.WaitForRunAsync(id, r => r.Phase() == "awaiting-approval", "awaits approval", HostFactory.Key);
        var body = "{\"approved\":true,\"approver\":\"chat-bot\"}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var first = await PostSignedAsync(id, body, WebhookSignature.Sign(HostFactory.Secret, Encoding.UTF8.GetBytes(body)), now);
        var replay = await PostSignedAsync(id, body, WebhookSignature.Sign(HostFactory.Secret, Encoding.UTF8.GetBytes(body)), now);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "completes", HostFactory.Key);
    }

    [Fact]
    public async Task SignedApproval_WrongSignature_StaleTimestamp_MissingTimestamp_Are401_AndChangeNothing()
    {
        var id = await _http.StartAsync("records-cleanup", "delete inactive", key: HostFactory.Key);
        await _http.WaitForRunAsync(id, r => r.Phase() == "awaiting-approval", "awaits approval", HostFactory.Key);
        var body = "{\"approved\":true}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = DateTimeOffset.UtcNow;
        var stale = now.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignedAsync(id, body, WebhookSignature.Sign("other-secret", bytes), Unix(now))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignedAsync(id, body, "sha256=zz", Unix(now))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignedAsync(id, body, WebhookSignature.Sign(HostFactory.Secret, bytes), stale)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignedAsync(id, body, WebhookSignature.Sign(HostFactory.Secret, bytes), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignedAsync(id, body.Replace("true", "false", StringComparison.Ordinal), WebhookSignature.Sign(HostFactory.Secret, bytes), Unix(now))).StatusCode);

        var (_, run) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}", key: HostFactory.Key);
        Assert.Equal("awaiting-approval", run.Phase());
    }

    [Fact]
    public void Verify_AcceptsAFreshCorrectSignature_RejectsTheRest()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var signature = WebhookSignature.Sign("s", body);
        Assert.Null(WebhookSignature.Verify("s", body, signature, "1700000000", now, TimeSpan.FromMinutes(5)));
        Assert.Null(WebhookSignature.Verify("s", body, signature, "1700000299", now, TimeSpan.FromMinutes(5)));
        Assert.NotNull(WebhookSignature.Verify("s", body, signature, "1700000301", now, TimeSpan.FromMinutes(5)));
        Assert.NotNull(WebhookSignature.Verify("s", body, signature.ToUpperInvariant(), "1700000000", now, TimeSpan.FromMinutes(5)));
        Assert.NotNull(WebhookSignature.Verify("s", body, "md5=" + signature[7..], "1700000000", now, TimeSpan.FromMinutes(5)));
        Assert.NotNull(WebhookSignature.Verify("s", body, signature, "yesterday", now, TimeSpan.FromMinutes(5)));
    }

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostSignedAsync(string id, string body, string signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{id}/approval") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        if (timestamp is not null)
        {
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        }

        return await _http.SendAsync(request);
    }
}

public sealed class KeyedHostFixture : IDisposable
{
    public HostFactory Factory { get; } = HostFactory.WithKey();

    public void Dispose() => Factory.Dispose();
}
