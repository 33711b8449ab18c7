using System.Net;
using System.Text;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Api;

/// <summary>Issue 10 part 5: empty bodies, bad dates, oversized bodies and the root get problem documents in our words.</summary>
public sealed class ApiEdgeTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public ApiEdgeTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    [Theory]
    [InlineData("", "The body is empty")]
    [InlineData("   ", "The body is empty")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"input\":", "not valid JSON")]
    [InlineData("{\"runId\":\"a\"}", "needs an 'input'")]
    public async Task StartWithABadBody_GetsOurProblemDocument(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _http.PostAsync("/api/agents/background/runs", content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Contains("\"input\"", detail, StringComparison.Ordinal); // says what is accepted
        Assert.DoesNotContain("Implicit body", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWithoutAContentType_IsJudgedByItsBody()
    {
        using var content = new StringContent("{\"input\":\"x\"}");
        content.Headers.ContentType = null;
        var response = await _http.PostAsync("/api/agents/background/runs", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("createdFrom=yesterday", "createdFrom 'yesterday' is not a date")]
    [InlineData("top=many", "top is 'many'")]
    [InlineData("top=0", "from 1 to 1000")]
    [InlineData("runtimeStatus=Sleeping", "runtimeStatus 'Sleeping' is not known")]
    public async Task ListWithABadQuery_GetsOurProblemDocument(string query, string expected)
    {
        var (response, problem) = await _http.SendAsync(HttpMethod.Get, "/api/runs?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListWithAnIsoDate_Works()
    {
        var (response, _) = await _http.SendAsync(HttpMethod.Get, "/api/runs?createdFrom=2026-12-01T09:00:00Z&top=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Root_ShowsNoPath()
    {
        var (response, root) = await _http.SendAsync(HttpMethod.Get, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("memory", root.GetProperty("backend").GetString());
        Assert.DoesNotContain("/", root.GetRawText().Replace("openai-compatible", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedStart_Is413InOurWords()
    {
        using var factory = new HostFactory(new() { ["DurableAgents:MaxRequestBodyBytes"] = "1000" });
        var http = factory.CreateClient();
        var (response, problem) = await http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 1000 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
