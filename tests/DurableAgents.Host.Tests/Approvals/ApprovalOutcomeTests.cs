using System.Net;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Approvals;

/// <summary>Issue 10 part 3: an approval either changes the run or says why not; tool calls have one shape, filled while running.</summary>
public sealed class ApprovalOutcomeTests
{
    [Fact]
    public async Task UnknownCallIds_Are400_NamingThePendingCalls_AndTheRunKeepsWaiting()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        var pending = await http.StartWaitingRunAsync("ap-bogus");

        var (response, body) = await http.SendAsync(HttpMethod.Post, "/api/runs/ap-bogus/approval",
            new { approved = true, callIds = new[] { "bogus" } }, HostFactory.Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bogus", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(pending[0], body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting-approval", (await http.GetRunAsync("ap-bogus")).Phase());
    }

    [Fact]
    public async Task ApproveAndRejectAtOnce_OneIsApplied_TheOtherGets409SayingWhoDecidedWhat()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        await http.StartWaitingRunAsync("ap-race");

        var both = await Task.WhenAll(
            http.SendAsync(HttpMethod.Post, "/api/runs/ap-race/approval", new { approved = true, approver = "alice" }, HostFactory.Key),
            http.SendAsync(HttpMethod.Post, "/api/runs/ap-race/approval", new { approved = false, approver = "bob", comment = "not today" }, HostFactory.Key));

        var winner = Assert.Single(both, r => r.Response.StatusCode == HttpStatusCode.Accepted);
        var loser = Assert.Single(both, r => r.Response.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("applied", winner.Body.GetProperty("status").GetString());
        var who = winner.Body.GetProperty("decision").GetProperty("approver").GetString()!;
        var detail = loser.Body.GetProperty("detail").GetString()!;
        Assert.Contains("already decided", detail, StringComparison.Ordinal);
        Assert.Contains("by " + who, detail, StringComparison.Ordinal);
        var done = await http.WaitForRunAsync("ap-race", r => r.Status() == "Completed", "completes", HostFactory.Key);
        Assert.Equal(who == "alice" ? 1 : 0, ApprovalHost.RanCalls(done, "delete_records"));
    }

    [Fact]
    public async Task ToolCalls_AreFilledWhileTheRunWaits_AndAppearOnceWhenItEnds()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        await http.StartWaitingRunAsync("ap-shape");

        var waiting = await http.GetRunAsync("ap-shape");
        var (approve, _) = await http.SendAsync(HttpMethod.Post, "/api/runs/ap-shape/approval", new { approved = true }, HostFactory.Key);
        var done = await http.WaitForRunAsync("ap-shape", r => r.Status() == "Completed", "completes", HostFactory.Key);

        Assert.Equal(1, ApprovalHost.RanCalls(waiting, "list_records"));
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal(1, ApprovalHost.RanCalls(done, "list_records"));
        Assert.Equal(1, ApprovalHost.RanCalls(done, "delete_records"));
        Assert.False(done.GetProperty("output").TryGetProperty("toolCalls", out _), "the output must not repeat the tool calls");
        var decisions = done.GetProperty("customStatus").GetProperty("decisions");
        Assert.Equal(JsonValueKind.Array, decisions.ValueKind);
        Assert.True(decisions[0].GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task ApprovalForAFinishedRun_Is409()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        await http.StartWaitingRunAsync("ap-late");
        await http.SendAsync(HttpMethod.Post, "/api/runs/ap-late/approval", new { approved = true }, HostFactory.Key);
        await http.WaitForRunAsync("ap-late", r => r.Status() == "Completed", "completes", HostFactory.Key);

        var (late, body) = await http.SendAsync(HttpMethod.Post, "/api/runs/ap-late/approval", new { approved = false }, HostFactory.Key);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("not awaiting approval", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
