using DurableAgents.Testing;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Tools.BuiltIn.Search;

/// <summary>web_search against a fake search engine on loopback, opened explicitly, with the SSRF rules of http_get.</summary>
public sealed class WebSearchToolTests : IAsyncLifetime
{
    private FakeSearchServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSearchServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SearxngShape_IsReadIntoHits_AndTheKeyGoesInItsHeader()
    {
        using var client = Client(o => o.ApiKey = "secret-1");

        var result = await new WebSearchTool(client).SearchAsync("durable task", 2);

        Assert.Equal("durable task", result.Query);
        Assert.Equal(2, result.Results.Count);
        Assert.Equal(new SearchResult("durable task explained", "https://docs.example.org/durable%20task", "A plain account of durable task, with examples."), result.Results[0]);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/search", "durable task", "Bearer secret-1"), request);
    }

    [Fact]
    public async Task OtherShapes_AreReadByTheirPaths()
    {
        using var client = Client(o =>
        {
            o.Endpoint = _server.Url("/keyed");
            o.ResultsPath = "web.results";
            o.SnippetField = "description";
            o.ApiKeyHeader = "X-Subscription-Token";
            o.ApiKeyPrefix = "";
            o.ApiKey = FakeSearchServer.Key;
        });

        var result = await client.SearchAsync("cron", 5);

        Assert.Equal(["cron explained", "cron: a tutorial", "History of cron"], result.Results.Select(r => r.Title));
        Assert.Equal("Step by step through cron.", result.Results[1].Snippet);
    }

    [Fact]
    public async Task LoopbackEndpoint_IsRefusedBeforeAnyConnection_UnlessItsAddressIsAllowed()
    {
        using var client = new JsonSearchClient(new WebSearchOptions { Endpoint = _server.Url("/search") });

        var refused = await Assert.ThrowsAsync<ToolException>(() => client.SearchAsync("x", 3));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.ConnectionAttempts);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task RedirectToAPrivateAddress_IsRefused()
    {
        using var client = Client(o => o.Endpoint = _server.Url("/to-private"));

        var refused = await Assert.ThrowsAsync<ToolException>(() => client.SearchAsync("x", 3));

        Assert.Contains("10.1.2.3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_DoesNotFollowARedirectToAnotherHost()
    {
        using var client = new JsonSearchClient(new WebSearchOptions
        {
            Endpoint = _server.Url("/elsewhere"),
            ApiKey = "secret-2",
            Http = new HttpGetToolOptions { AllowPrivateNetworks = true },
        });

        var result = await client.SearchAsync("hop", 1);

        Assert.Single(result.Results);
        Assert.Equal([("/elsewhere", "hop", "Bearer secret-2"), ("/search", "hop", null)], _server.Requests.ToList());
    }

    [Theory]
    [InlineData("/not-json", "did not answer JSON")]
    [InlineData("/keyed", "the key is missing or wrong")]
    public async Task EndpointProblems_AreToolErrorsThatSayWhatToFix_WithoutTheQueryOrKey(string path, string expected)
    {
        using var client = Client(o =>
        {
            o.Endpoint = _server.Url(path);
            o.ApiKey = "secret-3";
        });

        var error = await Assert.ThrowsAsync<ToolException>(() => client.SearchAsync("private words", 3));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("private", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, "The query is empty")]
    [InlineData("x", 11, "count is 11")]
    public async Task BadQueries_AreRefusedWithoutARequest(string query, int? count, string expected)
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ToolException>(() => new WebSearchTool(client).SearchAsync(query, count));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void BadEndpoint_IsRefusedAtCreation_NamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => BuiltInTools.WebSearch(new WebSearchOptions { Endpoint = "searx.local/search" }));

        Assert.Contains("DurableAgents:Search:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsATool_ItTakesTheModelsArguments_AndReturnsJsonHits()
    {
        var tool = BuiltInTools.WebSearch(Options());

        var result = await tool.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["query"] = "agents", ["count"] = 1 }));

        Assert.Equal("web_search", tool.Name);
        var hits = System.Text.Json.JsonDocument.Parse(result!.ToString()!).RootElement.GetProperty("results");
        Assert.Equal("agents explained", Assert.Single(hits.EnumerateArray()).GetProperty("title").GetString());
    }

    private WebSearchOptions Options(Action<WebSearchOptions>? configure = null)
    {
        var options = new WebSearchOptions { Endpoint = _server.Url("/search"), Http = new HttpGetToolOptions { AllowedHosts = ["127.0.0.1"] } };
        configure?.Invoke(options);
        return options;
    }

    private JsonSearchClient Client(Action<WebSearchOptions>? configure = null) => new(Options(configure));
}
