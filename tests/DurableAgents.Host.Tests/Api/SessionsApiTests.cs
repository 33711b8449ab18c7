using System.Net;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Samples;

namespace DurableAgents.Host.Tests.Api;

/// <summary>The sessions API on the host's SQLite task hub (the stand-in run answers each turn): create, send, wait, read, list, delete, errors.</summary>
public sealed class SessionsApiTests : IDisposable
{
    private readonly HostFactory _factory = HostFactory.WithKey();

    [Fact]
    public async Task CreateSendWaitReadListDelete()
    {
        var http = _factory.CreateClient();
        var (created, session) = await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Research}/sessions", new { sessionId = "api-1" }, HostFactory.Key);
        Assert.True(created.StatusCode == HttpStatusCode.Created, session.ToString());
        Assert.EndsWith("/api/sessions/api-1", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("research", session.GetProperty("agent").GetString());

        var (accepted, queued) = await http.SendAsync(HttpMethod.Post, "/api/sessions/api-1/messages", new { input = "first question", messageId = "q1" }, HostFactory.Key);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("session-turn:api-1:q1", queued.GetProperty("runId").GetString());
        var (answered, turn) = await http.SendAsync(HttpMethod.Post, "/api/sessions/api-1/messages?wait=30", new { input = "second question" }, HostFactory.Key);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("Completed", turn.GetProperty("outcome").GetString());

        var (_, read) = await http.SendAsync(HttpMethod.Get, "/api/sessions/api-1", key: HostFactory.Key);
        Assert.Equal(2, read.GetProperty("turnCount").GetInt32());
        Assert.Equal("q1", read.GetProperty("turns")[0].GetProperty("messageId").GetString());
        var (_, list) = await http.SendAsync(HttpMethod.Get, "/api/sessions", key: HostFactory.Key);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("sessionId").GetString() == "api-1");

        var (deleted, _) = await http.SendAsync(HttpMethod.Delete, "/api/sessions/api-1", key: HostFactory.Key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, problem) = await http.SendAsync(HttpMethod.Post, "/api/sessions/api-1/messages", new { input = "hello?" }, HostFactory.Key);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("api-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_GetsProblemDocuments()
    {
        var http = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(HttpMethod.Get, "/api/sessions")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(HttpMethod.Post, "/api/agents/nobody/sessions", key: HostFactory.Key)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Research}/sessions", new { sessionId = "a:b" }, HostFactory.Key)).Response.StatusCode);
        await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Research}/sessions", new { sessionId = "bad-1" }, HostFactory.Key);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Research}/sessions", new { sessionId = "bad-1" }, HostFactory.Key)).Response.StatusCode);
        var (noInput, problem) = await http.SendAsync(HttpMethod.Post, "/api/sessions/bad-1/messages", "{\"messageId\": \"x\"}", HostFactory.Key);
        Assert.Equal(HttpStatusCode.BadRequest, noInput.StatusCode);
        Assert.Contains("'input'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(HttpMethod.Post, "/api/sessions/bad-1/messages?wait=soon", new { input = "hi" }, HostFactory.Key)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(HttpMethod.Post, "/api/sessions/bad-1/messages", "not json", HostFactory.Key)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(HttpMethod.Get, "/api/sessions/none", key: HostFactory.Key)).Response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
