using System.Net;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Dashboard;

/// <summary>The dashboard's files: served without a key (they hold no data), with a strict CSP, and nothing but our own files.</summary>
public sealed class DashboardFilesTests : IClassFixture<DashboardFilesTests.Host>
{
    private readonly HttpClient _http;

    public DashboardFilesTests(Host host) => _http = host.Factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/dashboard/", "text/html")]
    [InlineData("/dashboard/js/app.js", "text/javascript")]
    [InlineData("/dashboard/css/dashboard.css", "text/css")]
    public async Task TheFiles_AreServedWithoutAKey_UnderAStrictPolicy(string path, string type)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task TheBarePath_RedirectsToTheFolder()
    {
        using var response = await _http.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/dashboard/nope.js")]
    [InlineData("/dashboard/../appsettings.json")]
    [InlineData("/dashboard/js%2F..%2F..%2FDurableAgents.Host.dll")]
    [InlineData("/dashboard/DashboardEndpoints.cs")]
    public async Task AnythingElse_Is404(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnUnchangedFile_Is304()
    {
        using var first = await _http.GetAsync("/dashboard/js/api.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/js/api.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await _http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    public sealed class Host : IDisposable
    {
        public HostFactory Factory { get; } = HostFactory.WithKey();

        public void Dispose() => Factory.Dispose();
    }
}
