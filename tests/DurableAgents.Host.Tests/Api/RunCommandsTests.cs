using System.Net;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Api;

public sealed class RunCommandsTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public RunCommandsTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    [Fact]
    public async Task Approval_WhileAwaiting_Is202_AndTheRunCompletes_AndARepeatIs409AndChangesNothing()
    {
        var id = await _http.StartAsync("records-cleanup", "delete the inactive records");
        var waiting = await _http.WaitForRunAsync(id, r => r.Phase() == "awaiting-approval", "run awaits approval");
        Assert.Equal("delete_records", waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());

        var approval = new { approved = true, approver = "ops", comment = "fine" };
        var (first, _) = await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", approval);
        var (second, problem) = await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", approval);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        var done = await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes after approval");
        Assert.Equal("Completed", done.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal("ok", done.GetProperty("toolCalls")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approval_Rejected_EndsTheRunRejected()
    {
        var id = await _http.StartAsync("records-cleanup", "delete everything");
        await _http.WaitForRunAsync(id, r => r.Phase() == "awaiting-approval", "run awaits approval");
        await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", new { approved = false, comment = "no" });
        var done = await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run ends");
        Assert.Equal("Rejected", done.GetProperty("output").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Approval_NotAwaiting_Is409_Unknown_Is404_BadBody_Is400()
    {
        var id = await _http.StartAsync("background", "nothing to approve");
        await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes");

        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", new { approved = true })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Post, "/api/runs/nope-1/approval", new { approved = true })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", "{\"approver\":\"x\"}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", "{oops")).Response.StatusCode);
    }

    [Fact]
    public async Task Event_IsDeliveredToTheRun_AndErrorsAreProblems()
    {
        var id = await _http.StartAsync("background", "wait for the go event");
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/events/bad name!", "{}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Post, "/api/runs/nope-2/events/go", "{}")).Response.StatusCode);

        var (response, _) = await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/events/go", "{\"now\":true}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "run completes after the event");
        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/events/go", "{}")).Response.StatusCode);
    }

    [Fact]
    public async Task SuspendResumeTerminate_FollowTheRunState()
    {
        var id = await _http.StartAsync("background", "wait forever");
        await _http.WaitForRunAsync(id, r => r.Status() == "Running", "run is running");

        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/resume")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/suspend?reason=lunch")).Response.StatusCode);
        await _http.WaitForRunAsync(id, r => r.Status() == "Suspended", "run is suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/resume")).Response.StatusCode);
        await _http.WaitForRunAsync(id, r => r.Status() == "Running", "run is running again");

        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Delete, $"/api/runs/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/terminate?reason=test")).Response.StatusCode);
        await _http.WaitForRunAsync(id, r => r.Status() == "Terminated", "run is terminated");
        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/terminate")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/suspend")).Response.StatusCode);

        var (purged, body) = await _http.SendAsync(HttpMethod.Delete, $"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, body.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Delete, $"/api/runs/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(HttpMethod.Post, "/api/runs/nope-3/terminate")).Response.StatusCode);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413Problem()
    {
        using var factory = new HostFactory(new() { ["DurableAgents:MaxRequestBodyBytes"] = "1000" });
        var http = factory.CreateClient();
        var id = await http.StartAsync("records-cleanup", "delete big");
        var big = "{\"approved\":true,\"comment\":\"" + new string('x', 5000) + "\"}";

        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/api/runs/{id}/approval", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, body.GetProperty("status").GetInt32());
    }
}
