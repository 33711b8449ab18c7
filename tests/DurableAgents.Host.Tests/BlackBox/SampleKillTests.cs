using System.Net;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Host.Tests.Samples;
using DurableAgents.Samples;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

/// <summary>
/// Issue 14 across a SIGKILL of the real host: the pen pals lose and repeat no message, and the operations team resumes only the
/// worker that was waiting (the finished reader is not run again).
/// </summary>
public sealed class SampleKillTests
{
    [Fact]
    public async Task AKillBetweenMessages_LosesNoneAndRepeatsNone_AndOnlyTheWaitingWorkerResumes()
    {
        using var data = new TempFolder("da-blackbox");
        string admin, reader;
        JsonElement readerBefore;
        await using (var first = await HostProcess.StartAsync(data.Path))
        {
            await first.Http.StartAsync(SampleAgents.PenPals, """{"opening": "Hi Alice! What is 6 * 7?", "messages": 5, "pauseSeconds": 1}""", "pals-k");
            await first.Http.StartAsync(SampleAgents.Operations, "List the customer records, then delete the records of inactive customers.", "ops-k");
            var team = await first.Http.WaitForRunAsync("ops-k", r => r.SubRunOf("records-admin") is not null && r.SubRunOf("records-reader") is not null, "the team hands out work");
            (admin, reader) = (team.SubRunOf("records-admin")!, team.SubRunOf("records-reader")!);
            await first.Http.WaitForRunAsync(admin, r => r.Phase() == "awaiting-approval", "the admin waits for approval");
            readerBefore = await first.Http.WaitForRunAsync(reader, r => r.Status() == "Completed", "the reader finished");
            await first.Http.WaitForRunAsync("pals-k:a", r => Transcript(r) >= 2, "a message was exchanged");
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(data.Path);
        var (approved, _) = await second.Http.SendAsync(HttpMethod.Post, $"/api/runs/{admin}/approval", new { approved = true, approver = "black-box" });
        var pals = await second.Http.WaitForRunAsync("pals-k", r => r.Status() is "Completed" or "Failed", "the pen pals finish");
        var ops = await second.Http.WaitForRunAsync("ops-k", r => r.Status() is "Completed" or "Failed", "the team finishes");
        var readerAfter = (await second.Http.SendAsync(HttpMethod.Get, $"/api/runs/{reader}")).Body;
        var (_, audit) = await second.Http.SendAsync(HttpMethod.Get, "/api/runs/ops-k/audit");

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var lines = pals.GetProperty("output").GetProperty("answer").GetString()!.Split('\n');
        Assert.Equal(["#1", "#2", "#3", "#4", "#5"], lines.Select(l => l.Split(' ')[0]));
        Assert.Equal(0, pals.GetProperty("customStatus").GetProperty("detail").GetProperty("duplicates").GetInt32());
        Assert.Equal("Completed", ops.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal(readerBefore.GetProperty("lastUpdatedTime").GetString(), readerAfter.GetProperty("lastUpdatedTime").GetString());
        var byReader = audit.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("runId").GetString() == reader && e.GetProperty("tool").GetString() == "list_records");
        Assert.Equal(1, byReader);
    }

    private static int Transcript(JsonElement mailbox) =>
        mailbox.TryGetProperty("customStatus", out var status) && status.ValueKind == JsonValueKind.Object
            && status.GetProperty("detail") is { ValueKind: JsonValueKind.Object } detail ? detail.GetProperty("transcript").GetArrayLength() : 0;
}
