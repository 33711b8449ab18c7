using System.Net;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Samples;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>Issue 14, part 5 over HTTP: the governed operations team, its workers' approvals, the audit endpoint, and escalation.</summary>
public sealed class OperationsSampleTests
{
    private const string Goal = "List the customer records, delete the records of inactive customers, and write a report to reports/cleanup.md.";

    [Fact]
    public async Task AnApprovedDelete_RunsInTheAdminWorker_AndTheAuditCoversEverySubRun()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();
        await http.StartSampleAsync(SampleAgents.Operations, Goal, "ops-1");
        var admin = await WorkerAwaitingApprovalAsync(http, "ops-1");

        var (approved, _) = await http.SendAsync(HttpMethod.Post, $"/api/runs/{admin}/approval", new { approved = true, approver = "auditor" }, HostFactory.Key);
        var run = await http.FinishedAsync("ops-1");
        var audit = await http.GetJsonAsync("/api/runs/ops-1/audit");
        var own = await http.GetJsonAsync("/api/runs/ops-1/audit?subRuns=false");

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal("Completed", run.Outcome());
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        var delete = entries.Single(e => e.GetProperty("tool").GetString() == "delete_records");
        Assert.Equal((admin, "records-admin", "destructive", "approved", "auditor", "ok"), (
            delete.GetProperty("runId").GetString(), delete.GetProperty("agent").GetString(), delete.GetProperty("permission").GetString(),
            delete.GetProperty("approval").GetString(), delete.GetProperty("approver").GetString(), delete.GetProperty("outcome").GetString()));
        Assert.StartsWith("sha256:", delete.GetProperty("argumentDigest").GetString(), StringComparison.Ordinal);
        var reads = entries.Where(e => e.GetProperty("tool").GetString() == "list_records").Select(e => e.GetProperty("permission").GetString()).Distinct();
        Assert.Equal(["read"], reads);
        Assert.Contains(entries, e => e.GetProperty("agent").GetString() == "report-writer" && e.GetProperty("tool").GetString() == "write_file");
        Assert.Equal(4, audit.GetProperty("runs").GetArrayLength()); // the team and its three workers
        Assert.All(own.GetProperty("entries").EnumerateArray(), e => Assert.Equal("sub-agent", e.GetProperty("kind").GetString()));
        var report = await File.ReadAllTextAsync(Path.Combine(factory.DataPath, "sandbox", SampleAgents.Operations, "reports", "cleanup.md"));
        Assert.Contains("Deleted 2 record(s): c-1002, c-1004", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedDelete_Escalates_WithTheGoalWhatWasTriedAndWhy_AndTheHumansAnswerEndsTheRun()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();
        await http.StartSampleAsync(SampleAgents.Operations, Goal, "ops-2");
        var admin = await WorkerAwaitingApprovalAsync(http, "ops-2");

        await http.SendAsync(HttpMethod.Post, $"/api/runs/{admin}/approval", new { approved = false, approver = "auditor", comment = "not during the audit" }, HostFactory.Key);
        var escalated = await http.InPhaseAsync("ops-2", "escalated");
        var escalation = escalated.GetProperty("customStatus").GetProperty("escalation");
        await http.SendAsync(HttpMethod.Post, "/api/runs/ops-2/approval", new { approved = true, approver = "lead", comment = "Keep the records; report only." }, HostFactory.Key);
        var run = await http.FinishedAsync("ops-2");

        Assert.Equal(Goal, escalation.GetProperty("goal").GetString());
        Assert.Contains("records-reader (ok)", escalation.GetProperty("tried").GetString(), StringComparison.Ordinal);
        Assert.Contains("not during the audit", escalation.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Completed", run.Outcome());
        var audit = await http.GetJsonAsync("/api/runs/ops-2/audit");
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("tool").GetString() == "delete_records" && e.GetProperty("approval").GetString() == "rejected");
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "escalation" && e.GetProperty("approver").GetString() == "lead");
        Assert.Contains("inactive", await File.ReadAllTextAsync(Path.Combine(factory.DataPath, "sandbox", SampleAgents.Operations, "records.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs/ops-x/audit?subRuns=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs/no-such-run/audit", HttpStatusCode.NotFound)]
    public async Task TheAuditEndpoint_ChecksItsInput(string url, HttpStatusCode status)
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        var (response, body) = await http.SendAsync(HttpMethod.Get, url, key: HostFactory.Key);
        var (unkeyed, _) = await http.SendAsync(HttpMethod.Get, url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("detail").GetString()!.Length > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
    }

    /// <summary>The records-admin sub-run, once it waits for the delete's approval.</summary>
    private static async Task<string> WorkerAwaitingApprovalAsync(HttpClient http, string runId)
    {
        var parent = await http.WaitForRunAsync(runId, r => r.SubRunOf("records-admin") is not null, $"{runId} hands work to records-admin", HostFactory.Key);
        var admin = parent.SubRunOf("records-admin")!;
        var waiting = await http.InPhaseAsync(admin, "awaiting-approval");
        Assert.Equal("delete_records", waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());
        return admin;
    }
}
