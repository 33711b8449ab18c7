using System.Net;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Api;

public sealed class HostEndpointsTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public HostEndpointsTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    [Fact]
    public async Task Agents_ListsTheSamplesWithToolsPoliciesAndSchedules()
    {
        var (response, agents) = await _http.SendAsync(HttpMethod.Get, "/api/agents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = agents.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal([
            "background", "lesson-fact-checker", "lesson-formatter", SampleAgents.LessonPipeline, "lesson-researcher", "lesson-writer",
            SampleAgents.Operations, "pen-pal-alice", "pen-pal-bob", SampleAgents.PenPals, SampleAgents.Planner, SampleAgents.React,
            "records-admin", SampleAgents.Approval, "records-reader", "report-writer", "research", "researcher", "reviewer",
            SampleAgents.Supervisor, "writer"], names);

        var approval = agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == SampleAgents.Approval);
        var delete = approval.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "delete_records");
        Assert.True(delete.GetProperty("needsApproval").GetBoolean());
        Assert.Equal("Destructive", delete.GetProperty("permission").GetString());
        Assert.True(approval.TryGetProperty("policy", out _));
        var research = agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "research");
        Assert.Equal(SampleAgents.ResearchSchedule, research.GetProperty("schedules")[0].GetString());

        var supervisor = agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == SampleAgents.Supervisor).GetProperty("pattern");
        Assert.Equal("Pattern_Supervisor", supervisor.GetProperty("orchestrator").GetString());
        Assert.Equal(["researcher", "writer", "reviewer"], supervisor.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, research.GetProperty("pattern").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(HttpMethod.Get, "/api/agents/research")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/agents/ghost")).Response.StatusCode);
    }

    [Fact]
    public async Task Schedules_ListPauseResumeTrigger()
    {
        var (_, list) = await _http.SendAsync(HttpMethod.Get, "/api/schedules");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("name").GetString() == SampleAgents.ResearchSchedule);

        var url = $"/api/schedules/{SampleAgents.ResearchSchedule}";
        await TestDeadline.WaitUntilAsync(async () => (await _http.SendAsync(HttpMethod.Get, url)).Body.GetProperty("status").ValueKind == System.Text.Json.JsonValueKind.Object, "schedule reports a status");

        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, url + "/pause")).Response.StatusCode);
        await TestDeadline.WaitUntilAsync(async () => (await _http.SendAsync(HttpMethod.Get, url)).Body.GetProperty("status").GetProperty("state").GetString() == "paused", "schedule paused");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, url + "/trigger")).Response.StatusCode);
        await TestDeadline.WaitUntilAsync(async () => (await _http.SendAsync(HttpMethod.Get, url)).Body.GetProperty("status").GetProperty("fired").GetInt64() == 1, "manual trigger started a run");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, url + "/resume")).Response.StatusCode);
        await TestDeadline.WaitUntilAsync(async () => (await _http.SendAsync(HttpMethod.Get, url)).Body.GetProperty("status").GetProperty("state").GetString() == "active", "schedule active");

        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Post, "/api/schedules/ghost/pause")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Get, "/api/schedules/ghost")).Response.StatusCode);
    }

    [Fact]
    public async Task Health_And_OpenApi_Answer()
    {
        var health = await _http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        var (openapi, document) = await _http.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openapi.StatusCode);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/runs/{id}/approval", out _));
    }
}
