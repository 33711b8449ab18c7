using System.Net;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Memory;
using DurableAgents.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Api;

/// <summary>GET/DELETE /api/agents/{agent}/memories on the host's SQLite task hub: list by kind, delete one, purge, keys and errors.</summary>
public sealed class MemoriesApiTests : IAsyncLifetime
{
    private const string Agent = SampleAgents.Research;
    private readonly HostFactory _factory = HostFactory.WithKey();
    private HttpClient _http = null!;
    private AgentMemory _memory = null!;

    public async Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        _memory = _factory.Services.GetRequiredService<AgentMemory>();
        Assert.Equal("SqliteMemoryCollection", _memory.Collection.GetType().Name);
        await _memory.RememberAsync(Agent, "f1", "Invoices go to Dana; her token is Bearer abcdefghijklmnopqrstuvwxyz.", "run-1", 2);
        await _memory.RememberAsync(Agent, "f2", "Contoso pays within thirty days.", "run-2", 1);
        await _memory.RememberAsync(SampleAgents.Background, "f1", "Another agent's fact.", "run-3", 1);
        var facts = new EpisodeFacts(new RecordEpisodeInput(Agent, "Research invoices", Runs.AgentRunOutcome.Completed, null, 2, null), ["http_get"], [], []);
        await _memory.RecordEpisodeAsync("run-4", facts, "Use the finance site.", "offline");
    }

    [Fact]
    public async Task List_ByKind_NewestFirst_WithoutEmbeddingsOrSecrets()
    {
        var (response, all) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories", key: HostFactory.Key);
        var (_, facts) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?kind=fact&top=1", key: HostFactory.Key);
        var (_, episodes) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?kind=episode", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, all.GetArrayLength());
        var fact = Assert.Single(facts.EnumerateArray());
        Assert.Equal("fact", fact.GetProperty("kind").GetString());
        var episode = Assert.Single(episodes.EnumerateArray());
        Assert.Equal("Research invoices", episode.GetProperty("goal").GetString());
        Assert.Equal("run-4", episode.GetProperty("runId").GetString());
        Assert.False(episode.TryGetProperty("embedding", out _));
        Assert.DoesNotContain("abcdefghijklmnop", all.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteOne_ThenPurge_RemoveTheAgentsMemoriesOnly()
    {
        var (deleted, _) = await _http.SendAsync(HttpMethod.Delete, $"/api/agents/{Agent}/memories/f1", key: HostFactory.Key);
        var (again, problem) = await _http.SendAsync(HttpMethod.Delete, $"/api/agents/{Agent}/memories/f1", key: HostFactory.Key);
        var (purged, purge) = await _http.SendAsync(HttpMethod.Delete, $"/api/agents/{Agent}/memories", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("has no memory 'f1'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(2, purge.GetProperty("deleted").GetInt32());
        Assert.Empty(await _memory.ListAsync(Agent, null, 10));
        Assert.Single(await _memory.ListAsync(SampleAgents.Background, null, 10));
    }

    [Fact]
    public async Task ListAndPurge_ByScope_KeepTheOtherScopes()
    {
        await _memory.RememberAsync(Agent, "f3", "This chat's customer prefers email.", "session-turn:chat-1:m1", 1, MemoryKeys.Session("chat-1"));

        var (_, session) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?session=chat-1", key: HostFactory.Key);
        var (_, scoped) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=session:chat-1", key: HostFactory.Key);
        var (_, agentWide) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=agent&kind=fact", key: HostFactory.Key);
        var (purged, purge) = await _http.SendAsync(HttpMethod.Delete, $"/api/agents/{Agent}/memories?session=chat-1", key: HostFactory.Key);

        var only = Assert.Single(session.EnumerateArray());
        Assert.Equal(("f3", "session:chat-1"), (only.GetProperty("id").GetString(), only.GetProperty("scope").GetString()));
        Assert.Equal(session.GetRawText(), scoped.GetRawText());
        Assert.Equal(["f1", "f2"], agentWide.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, purge.GetProperty("deleted").GetInt32());
        Assert.Equal(3, (await _memory.ListAsync(Agent, null, 10)).Count);
    }

    [Theory]
    [InlineData("scope=team:x", "use session:{id} or user:{key}")]
    [InlineData("scope=session:", "use session:{id} or user:{key}")]
    [InlineData("session=a:b", "'session' is 'a:b'")]
    [InlineData("scope=agent&session=chat-1", "not both")]
    public async Task ABadScope_IsRefusedWithTheRule_AndPurgesNothing(string query, string says)
    {
        var (listed, problem) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?{query}", key: HostFactory.Key);
        var (purged, _) = await _http.SendAsync(HttpMethod.Delete, $"/api/agents/{Agent}/memories?{query}", key: HostFactory.Key);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (listed.StatusCode, purged.StatusCode));
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await _memory.ListAsync(Agent, null, 10)).Count);
    }

    [Theory]
    [InlineData("GET", "/api/agents/research/memories", null, HttpStatusCode.Unauthorized)]
    [InlineData("DELETE", "/api/agents/research/memories", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/agents/research/memories?kind=dream", HostFactory.Key, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/agents/research/memories?top=0", HostFactory.Key, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/agents/nobody/memories", HostFactory.Key, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/agents/research/memories/bad%20id", HostFactory.Key, HttpStatusCode.BadRequest)]
    public async Task BadRequests_AreRefusedWithAProblem(string method, string url, string? key, HttpStatusCode expected)
    {
        var (response, _) = await _http.SendAsync(new HttpMethod(method), url, key: key);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(3, (await _memory.ListAsync(Agent, null, 10)).Count);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
