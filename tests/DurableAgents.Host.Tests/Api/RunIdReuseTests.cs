using System.Net;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Api;

/// <summary>Issue 10 part 2: a start with the id of an existing run never replaces it unless asked, and only a finished run of the same agent.</summary>
public sealed class RunIdReuseTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public RunIdReuseTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    [Fact]
    public async Task StartWithTheIdOfAFinishedRunOfAnotherAgent_Is409_AndTheRunIsUntouched()
    {
        await _http.StartAsync("research", "facts about tea", "research-1");
        var before = await _http.WaitForRunAsync("research-1", r => r.Status() == "Completed", "research-1 completes");

        var (response, problem) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "x", runId = "research-1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'research'", detail, StringComparison.Ordinal);
        Assert.Contains("Completed", detail, StringComparison.Ordinal);
        var (_, after) = await _http.SendAsync(HttpMethod.Get, "/api/runs/research-1");
        Assert.Equal("research", after.GetProperty("agent").GetString());
        Assert.Equal("facts about tea", after.GetProperty("input").GetString());
        Assert.Equal(before.GetProperty("output").GetRawText(), after.GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task StartWithTheIdOfARunningRun_Is409_NamingItsStatus()
    {
        await _http.StartAsync("background", "wait for go", "reuse-running");
        await _http.WaitForRunAsync("reuse-running", r => r.Status() == "Running", "runs");

        var (response, problem) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "y", runId = "reuse-running", ifExists = "replace" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IfExistsReplace_ReplacesOnlyAFinishedRunOfTheSameAgent()
    {
        await _http.StartAsync("background", "first", "reuse-finished");
        await _http.WaitForRunAsync("reuse-finished", r => r.Status() == "Completed", "completes");

        var (otherAgent, _) = await _http.SendAsync(HttpMethod.Post, "/api/agents/research/runs", new { input = "z", runId = "reuse-finished", ifExists = "replace" });
        var (sameAgent, _) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "second", runId = "reuse-finished", ifExists = "replace" });

        Assert.Equal(HttpStatusCode.Conflict, otherAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sameAgent.StatusCode);
        var replaced = await _http.WaitForRunAsync("reuse-finished", r => r.Status() == "Completed" && r.GetProperty("input").GetString() == "second", "the new run completes");
        Assert.Equal("background", replaced.GetProperty("agent").GetString());
    }

    [Fact]
    public async Task IfExists_WithAnUnknownValue_Is400()
    {
        var (response, problem) = await _http.SendAsync(HttpMethod.Post, "/api/agents/background/runs", new { input = "x", ifExists = "overwrite" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("refuse", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
