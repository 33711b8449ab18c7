using System.Net;
using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Api.Queue;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Api;

/// <summary>
/// Runs and sessions started for a user over HTTP (the real run loop on the host's SQLite task hub): the body's "user" is checked,
/// shown by GET /api/runs/{id}, and what the run remembers is listed under ?scope=user:{key}.
/// </summary>
public sealed class RunUserApiTests : IAsyncLifetime
{
    private const string Agent = "user-notes";
    private readonly HostFactory _factory = new(
        new Dictionary<string, string?> { ["DurableAgents:ApiKeys:0"] = HostFactory.Key },
        services => services.AddSingleton(new AgentDefinition(Agent)
        {
            Model = new RememberThenAnswer(),
            Policy = new AgentPolicy { Memory = new MemoryPolicy { FactScope = FactScope.User } },
        }.AddMemoryTools()),
        standIn: false);

    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARunForAUser_ShowsItsUser_AndItsFactIsListedUnderThatUsersScopeOnly()
    {
        var (started, _) = await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/runs",
            new { input = "I prefer email.", runId = "user-run-1", user = "alice@contoso.com" }, HostFactory.Key);
        var run = await _http.WaitForRunAsync("user-run-1", r => r.Status() is "Completed" or "Failed", "the user's run ends", HostFactory.Key);

        var (_, alices) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=user:alice@contoso.com", key: HostFactory.Key);
        var (_, bobs) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=user:bob", key: HostFactory.Key);
        var (_, agentWide) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=agent", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.True(run.Status() == "Completed", run.ToString());
        Assert.Equal("alice@contoso.com", run.GetProperty("user").GetString());
        var fact = Assert.Single(alices.EnumerateArray());
        Assert.Equal(("fact", "user:alice@contoso.com"), (fact.GetProperty("kind").GetString(), fact.GetProperty("scope").GetString()));
        Assert.Contains("I prefer email", fact.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("user-run-1", fact.GetProperty("runId").GetString());
        Assert.Empty(bobs.EnumerateArray());
        Assert.Empty(agentWide.EnumerateArray());
    }

    [Theory]
    [InlineData("\"two words\"", "'user' is not usable: The user key 'two words' is not valid")]
    [InlineData("\"\"", "letters, digits, '-', '_', '.', '@', '+' or '='")]
    [InlineData("\"user:alice\"", "no spaces or ':'")]
    [InlineData("LONG", "of 129 characters")]
    [InlineData("42", "not valid JSON for this endpoint")]
    public async Task ABadUser_IsA400ThatSaysWhatIsAllowed_AndStartsNothing(string user, string says)
    {
        user = user == "LONG" ? $"\"{new string('k', 129)}\"" : user; // one past the longest key
        var (run, runProblem) = await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/runs", $"{{\"input\": \"x\", \"runId\": \"bad-user-1\", \"user\": {user}}}", HostFactory.Key);
        var (session, sessionProblem) = await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/sessions", $"{{\"sessionId\": \"bad-user-s\", \"user\": {user}}}", HostFactory.Key);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (run.StatusCode, session.StatusCode));
        Assert.Contains(says, runProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, sessionProblem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/runs/bad-user-1", key: HostFactory.Key)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/sessions/bad-user-s", key: HostFactory.Key)).Response.StatusCode);
    }

    [Fact]
    public async Task ASessionForAUser_ShowsItsUser_AndItsTurnsAreThatUsersRuns()
    {
        var (created, session) = await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/sessions", new { sessionId = "carols-chat", user = "carol" }, HostFactory.Key);
        var (answered, turn) = await _http.SendAsync(HttpMethod.Post, "/api/sessions/carols-chat/messages?wait=60", new { input = "I prefer email." }, HostFactory.Key);
        var (_, run) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{turn.GetProperty("runId").GetString()}", key: HostFactory.Key);
        var (_, carols) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=user:carol", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("carol", session.GetProperty("user").GetString());
        Assert.True(answered.StatusCode == HttpStatusCode.OK, turn.ToString());
        Assert.Equal(("carol", "carols-chat"), (run.GetProperty("user").GetString(), run.GetProperty("session").GetString()));
        Assert.Equal("user:carol", Assert.Single(carols.EnumerateArray()).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task TheRunList_FiltersByUserAndBySession()
    {
        foreach (var (id, user) in new[] { ("list-alice", "alice"), ("list-bob", "bob"), ("list-nobody", (string?)null) })
        {
            await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/runs", new { input = "I prefer email.", runId = id, user }, HostFactory.Key);
            await _http.WaitForRunAsync(id, r => r.Status() is "Completed" or "Failed", $"run {id} ends", HostFactory.Key);
        }

        await _http.SendAsync(HttpMethod.Post, $"/api/agents/{Agent}/sessions", new { sessionId = "erins-chat", user = "erin" }, HostFactory.Key);
        var (_, turn) = await _http.SendAsync(HttpMethod.Post, "/api/sessions/erins-chat/messages?wait=60", new { input = "I prefer email." }, HostFactory.Key);

        Assert.Equal(["list-alice"], await RunIdsAsync("?user=alice&top=1000"));
        Assert.Equal([turn.GetProperty("runId").GetString()!], await RunIdsAsync("?session=erins-chat&top=1000"));
        Assert.Equal([turn.GetProperty("runId").GetString()!], await RunIdsAsync($"?user=erin&session=erins-chat&agent={Agent}&top=1000"));
        Assert.Empty(await RunIdsAsync("?user=bob&session=erins-chat&top=1000"));
        var (refused, problem) = await _http.SendAsync(HttpMethod.Get, "/api/runs?user=two%20words", key: HostFactory.Key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("user is not usable: The user key 'two words' is not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<string>> RunIdsAsync(string query)
    {
        var (response, list) = await _http.SendAsync(HttpMethod.Get, "/api/runs" + query, key: HostFactory.Key);
        Assert.True(response.IsSuccessStatusCode, list.ToString());
        return list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task AQueueMessageForAUser_StartsThatUsersRun()
    {
        var starter = _factory.Services.GetRequiredService<QueueRunStarter>();

        var outcome = await starter.HandleAsync($"{{\"agent\": \"{Agent}\", \"input\": \"I prefer email.\", \"user\": \"dana\"}}", "m-7", 1, 5, CancellationToken.None);
        var run = await _http.WaitForRunAsync("queue-m-7", r => r.Status() is "Completed" or "Failed", "the queued run ends", HostFactory.Key);
        var (_, danas) = await _http.SendAsync(HttpMethod.Get, $"/api/agents/{Agent}/memories?scope=user:dana", key: HostFactory.Key);

        Assert.Equal(QueueMessageOutcomeKind.Done, outcome.Kind);
        Assert.Equal("dana", run.GetProperty("user").GetString());
        Assert.Equal("queue-m-7", Assert.Single(danas.EnumerateArray()).GetProperty("runId").GetString());
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>A model for this test: to a user's message it answers with one remember call of that message; to the tool's result, "noted".</summary>
    private sealed class RememberThenAnswer : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var last = messages.Last();
            var reply = last.Role == ChatRole.User
                ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("m1", MemoryTools.RememberName, new Dictionary<string, object?> { ["fact"] = "The user says: " + last.Text })])
                : new ChatMessage(ChatRole.Assistant, "noted");
            return Task.FromResult(new ChatResponse(reply) { ModelId = "remember-then-answer" });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The run loop does not stream.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
