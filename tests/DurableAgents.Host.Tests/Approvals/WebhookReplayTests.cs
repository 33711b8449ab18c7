using System.Net;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Approvals;

/// <summary>The reproductions of issue 10 part 1: a signed approval is bound to its run, its time, and is accepted once, durably.</summary>
public sealed class WebhookReplayTests
{
    private const string Body = """{"approved":true,"approver":"webhook"}""";

    [Fact]
    public async Task SignatureForOneRun_ReplayedOnOtherRunsOrWithAnotherTimestamp_Is401_AndThoseRunsKeepWaiting()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        foreach (var id in new[] { "wh-a", "wh-b", "wh-c" })
        {
            await http.StartWaitingRunAsync(id);
        }

        var now = DateTimeOffset.UtcNow;
        var signature = SignedRequests.Sign(HostFactory.Secret, now, "/api/runs/wh-a/approval", Body);

        var first = await http.PostSignedAsync("/api/runs/wh-a/approval", Body, signature, now);
        var otherRun = await http.PostSignedAsync("/api/runs/wh-b/approval", Body, signature, now);
        var otherTime = await http.PostSignedAsync("/api/runs/wh-c/approval", Body, signature, now.AddSeconds(1));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherRun.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTime.StatusCode);
        Assert.Contains("does not match", await otherRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await http.WaitForRunAsync("wh-a", r => r.Status() == "Completed", "wh-a completes", HostFactory.Key);
        Assert.Equal(1, ApprovalHost.RanCalls(done, "delete_records"));
        foreach (var id in new[] { "wh-b", "wh-c" })
        {
            var waiting = await http.GetRunAsync(id);
            Assert.Equal("awaiting-approval", waiting.Phase());
            Assert.Equal(0, ApprovalHost.RanCalls(waiting, "delete_records"));
        }
    }

    [Fact]
    public async Task ExactReplay_AfterAHostRestart_Is401()
    {
        using var data = new TempFolder("da-replay");
        var settings = new Dictionary<string, string?> { ["DurableAgents:Backend"] = "file", ["DurableAgents:DataPath"] = data.Path };
        var now = DateTimeOffset.UtcNow;
        var signature = SignedRequests.Sign(HostFactory.Secret, now, "/api/runs/wh-restart/approval", Body);
        using (var first = ApprovalHost.Create(settings))
        {
            var http = first.CreateClient();
            await http.StartWaitingRunAsync("wh-restart");
            var accepted = await http.PostSignedAsync("/api/runs/wh-restart/approval", Body, signature, now);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            await http.WaitForRunAsync("wh-restart", r => r.Status() == "Completed", "completes", HostFactory.Key);
        }

        using var second = ApprovalHost.Create(settings);
        var again = second.CreateClient();
        var replay = await again.PostSignedAsync("/api/runs/wh-restart/approval", Body, signature, now);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("already received", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameDeliveryId_WithAFreshSignature_IsDeduplicated_AndTheToolRunsOnce()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        var pending = await http.StartWaitingRunAsync("wh-delivery");
        var body = $$"""{"approved":true,"callIds":["{{pending[0]}}"],"approver":"hook"}""";
        var now = DateTimeOffset.UtcNow;
        const string url = "/api/runs/wh-delivery/approval";

        var first = await http.PostSignedAsync(url, body, SignedRequests.Sign(HostFactory.Secret, now, url, body), now, "delivery-7");
        var retry = await http.PostSignedAsync(url, body, SignedRequests.Sign(HostFactory.Secret, now.AddSeconds(3), url, body), now.AddSeconds(3), "delivery-7");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("\"applied\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Contains("already-delivered", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await http.WaitForRunAsync("wh-delivery", r => r.Status() == "Completed", "completes", HostFactory.Key);
        Assert.Equal(1, ApprovalHost.RanCalls(done, "delete_records"));
    }

    [Fact]
    public async Task SignatureCoversThePathWithoutTheQueryString()
    {
        using var factory = ApprovalHost.Create();
        var http = factory.CreateClient();
        await http.StartWaitingRunAsync("wh-query");
        var now = DateTimeOffset.UtcNow;

        var response = await http.PostSignedAsync("/api/runs/wh-query/approval?source=chat",
            Body, SignedRequests.Sign(HostFactory.Secret, now, "/api/runs/wh-query/approval", Body), now);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
