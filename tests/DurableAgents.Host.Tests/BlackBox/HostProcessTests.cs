using System.Net;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

public sealed class HostProcessTests
{
    [Fact]
    public async Task RealHost_OnKestrel_KeepsItsScheduleAcrossAKill()
    {
        using var data = new TempFolder("da-blackbox");
        string? firstStart;
        await using (var first = await HostProcess.StartAsync(data.Path))
        {
            var (response, schedule) = await first.Http.SendAsync(HttpMethod.Get, $"/api/schedules/{SampleAgents.ResearchSchedule}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await TestDeadline.WaitUntilAsync(async () =>
                (await first.Http.SendAsync(HttpMethod.Get, $"/api/schedules/{SampleAgents.ResearchSchedule}")).Body.GetProperty("status").ValueKind == System.Text.Json.JsonValueKind.Object,
                "schedule reports its status");
            firstStart = (await first.Http.SendAsync(HttpMethod.Get, $"/api/schedules/{SampleAgents.ResearchSchedule}")).Body
                .GetProperty("status").GetProperty("lastOccurrence").GetString();
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(data.Path);
        var (_, after) = await second.Http.SendAsync(HttpMethod.Get, $"/api/schedules/{SampleAgents.ResearchSchedule}");

        // The same orchestration carries on: a restarted schedule would count from the new start time.
        Assert.Equal("Running", after.GetProperty("runtimeStatus").GetString());
        Assert.Equal(firstStart, after.GetProperty("status").GetProperty("lastOccurrence").GetString());
    }

    [Fact]
    public async Task ApprovalSample_SurvivesAKillWhileAwaitingApproval_AndCompletesAfterApproval()
    {
        using var data = new TempFolder("da-blackbox");
        string runId;
        await using (var first = await HostProcess.StartAsync(data.Path))
        {
            runId = await first.Http.StartAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal);
            await first.Http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", "run awaits approval");
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(data.Path);
        var waiting = await second.Http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", "still awaiting after restart");
        Assert.Equal("delete_records", waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());

        var (approved, _) = await second.Http.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/approval", new { approved = true, approver = "black-box" });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);

        var done = await second.Http.WaitForRunAsync(runId, r => r.Status() is "Completed" or "Failed", "run finishes");
        Assert.Equal("Completed", done.Status());
        Assert.Contains(done.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records");
        Assert.DoesNotContain("inactive", await File.ReadAllTextAsync(Path.Combine(data.Path, "sandbox", SampleAgents.Approval, "records.json")));
    }
}
