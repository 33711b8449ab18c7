using System.Net;
using System.Text;
using DurableAgents.Api.Security;
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
    public async Task Root_NeedsTheKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(HttpMethod.Get, "/")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(HttpMethod.Get, "/", key: HostFactory.Key)).Response.StatusCode);
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task SignedApproval_WrongSignature_StaleTimestamp_MissingTimestamp_Are401_AndChangeNothing()
    {
        var id = await _http.StartAsync("records-cleanup", "delete inactive", key: HostFactory.Key);
        await _http.WaitForRunAsync(id, r => r.Phase() == "awaiting-approval", "awaits approval", HostFactory.Key);
        var body = "{\"approved\":true}";
        var now = DateTimeOffset.UtcNow;
        var stale = now.AddMinutes(-6);
        var path = $"/api/runs/{id}/approval";

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostSignedAsync(path, body, SignedRequests.Sign("other-secret", now, path, body), now)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostSignedAsync(path, body, "sha256=zz", now)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostSignedAsync(path, body, SignedRequests.Sign(HostFactory.Secret, stale, path, body), stale)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostSignedAsync(path, body, SignedRequests.Sign(HostFactory.Secret, now, path, body), null)).StatusCode);
        var flipped = body.Replace("true", "false", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostSignedAsync(path, flipped, SignedRequests.Sign(HostFactory.Secret, now, path, body), now)).StatusCode);

        var (_, run) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}", key: HostFactory.Key);
        Assert.Equal("awaiting-approval", run.Phase());
    }

    [Fact]
    public void Sign_MatchesTheDocumentedCanonicalString()
    {
        // Computed with: printf '%s' '1764615600.POST./api/runs/wh-a/approval.{"approved":true}' | openssl dgst -sha256 -hmac s3cret
        const string expected = "sha256=b0f0e0527b905d6e1702f0da9996c97f48261b76102e8b1c0c4030e0e6a2a0ac";

        Assert.Equal(expected, WebhookSignature.Sign("s3cret", "1764615600", "post", "/api/runs/wh-a/approval", "{\"approved\":true}"u8));
    }

    [Fact]
    public void Verify_AcceptsAFreshCorrectSignature_RejectsTheRest()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var window = TimeSpan.FromMinutes(5);
        const string path = "/api/runs/a/approval";
        var signature = WebhookSignature.Sign("s", "1700000000", "POST", path, body);
        Assert.Null(WebhookSignature.Verify("s", "POST", path, body, signature, "1700000000", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, signature, "1700000001", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", "/api/runs/b/approval", body, signature, "1700000000", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "PUT", path, body, signature, "1700000000", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, signature, "1700000000", now.AddSeconds(301), window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, signature.ToUpperInvariant(), "1700000000", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, "md5=" + signature[7..], "1700000000", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, signature, "yesterday", now, window));
        Assert.NotNull(WebhookSignature.Verify("s", "POST", path, body, signature, "-1", now, window));
    }
}

public sealed class KeyedHostFixture : IDisposable
{
    public HostFactory Factory { get; } = HostFactory.WithKey();

    public void Dispose() => Factory.Dispose();
}
