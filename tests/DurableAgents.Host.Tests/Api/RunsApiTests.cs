using System.Net;
using System.Text.Json;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Api;

public sealed class RunsApiTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public RunsApiTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    [Fact]
    public async Task Start_Returns202WithLocationRetryAfterAndUris()
    {
        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "say hi", runId = "start-uris-1" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("http://localhost/api/runs/start-uris-1", response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("start-uris-1", body.GetProperty("id").GetString());
        foreach (var name in new[] { "statusQueryGetUri", "sendEventPostUri", "approvePostUri", "terminatePostUri", "suspendPostUri", "resumePostUri", "purgeHistoryDeleteUri" })
        {
            Assert.StartsWith("http://localhost/api/runs/start-uris-1", body.GetProperty(name).GetString());
        }
    }

    [Fact]
    public async Task Start_UnknownAgent_Is404Problem()
    {
        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/api/agents/nobody/runs", new { input = "x" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"input\": null}")]
    [InlineData("{\"input\": \"   \"}")]
    [InlineData("{\"input\": \"x\", \"runId\": \"has space\"}")]
    public async Task Start_InvalidBody_Is400Problem(string json)
    {
        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.False(body.ToString().Contains("   at ", StringComparison.Ordinal), "no stack trace in a response");
    }

    [Fact]
    public async Task Start_RunIdAlreadyRunning_Is409()
    {
        await _http.StartAsync("background", "wait for go", "dup-run-1");
        var (response, _) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "again", runId = "dup-run-1" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Start_ObjectInput_IsPassedAsJsonText()
    {
        var (_, body) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = new { task = "sum", values = new[] { 1, 2 } } });
        var run = await _http.WaitForRunAsync(body.GetProperty("id").GetString()!, r => r.Status() == "Completed", "object-input run completes");
        Assert.Equal("{\"task\":\"sum\",\"values\":[1,2]}", run.GetProperty("input").GetString());
    }

    [Fact]
    public async Task GetRun_Completed_ShowsOutputUsageStepsAndOptionalHistory()
    {
        var id = await _http.StartAsync("background", "compute things");
        var run = await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes");

        Assert.Equal("background", run.GetProperty("agent").GetString());
        Assert.Equal("Completed", run.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal(100, run.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(20, run.GetProperty("usage").GetProperty("outputTokens").GetInt64());
        Assert.Equal(2, run.GetProperty("steps").GetInt32());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("history").ValueKind);

        var (_, withHistory) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}?showHistory=true");
        Assert.Contains(withHistory.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "ExecutionCompleted");
    }

    [Fact]
    public async Task GetRun_Unknown_Is404_AndBadId_Is400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/runs/no-such-run")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Get, "/api/runs/bad%20id")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/runs/no-such-run/history")).Response.StatusCode);
    }

    [Fact]
    public async Task History_ListsEventsInOrder_AndTruncatesLargeValuesWithTheirSize()
    {
        var goal = "long goal " + new string('x', 5000);
        var id = await _http.StartAsync("background", goal);
        await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes");

        var (response, history) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = history.EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, entries.Count), entries.Select(e => e.GetProperty("index").GetInt32()));
        var started = entries.Single(e => e.GetProperty("kind").GetString() == "ExecutionStarted").GetProperty("details").GetProperty("input");
        Assert.True(started.GetProperty("truncated").GetBoolean());
        Assert.True(started.GetProperty("size").GetInt32() > 5000);
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "TaskScheduled");
    }

    [Fact]
    public async Task List_FiltersByAgentAndStatus_AndPages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _http.StartAsync(SampleAgents.Research, $"list item {i}"));
        }

        foreach (var id in ids)
        {
            await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes");
        }

        var (_, all) = await _http.SendAsync(HttpMethod.Get, "/api/runs?agent=research&runtimeStatus=Completed&top=1000");
        Assert.Superset(ids.ToHashSet(), all.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToHashSet());
        Assert.All(all.GetProperty("runs").EnumerateArray(), r => Assert.Equal("research", r.GetProperty("agent").GetString()));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var url = "/api/runs?top=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var (response, page) = await _http.SendAsync(HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(page.GetProperty("runs").GetArrayLength() <= 1);
            seen.AddRange(page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);
        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());

        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Get, "/api/runs?runtimeStatus=Sleeping")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Get, "/api/runs?top=0")).Response.StatusCode);
    }
}

public sealed class HostFactoryFixture : IDisposable
{
    public HostFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
