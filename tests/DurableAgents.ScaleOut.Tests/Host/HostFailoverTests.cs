using System.Net;
using DurableAgents.Host.Tests.BlackBox;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Samples;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DurableAgents.ScaleOut.Tests.Host;

/// <summary>The self-hosted host as real processes on one Azure Storage task hub: a run outlives the host that started it.</summary>
public sealed class HostFailoverTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    // Long enough for the killed host's partition leases to expire (15 s) and the other host to take them.
    private const int FailoverSeconds = 120;

    [Fact]
    public async Task ApprovalSample_KilledWhileAwaitingApproval_IsApprovedThroughAnotherHost_AndCompletes()
    {
        using var data = new TempFolder("da-failover");
        var taskHub = AzuriteFixture.NewTaskHub("failover");
        // Both hosts share the data folder, as hosts behind one load balancer share a volume: the records file is the sandbox.
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DurableAgents__Backend"] = "azure",
            ["DurableAgents__AzureStorage__TaskHubName"] = taskHub,
            ["DurableAgents__QueueTrigger__QueueName"] = AzuriteFixture.UniqueName("runs"),
        };
        try
        {
            string runId;
            await using (var first = await HostProcess.StartAsync(data.Path, settings))
            {
                runId = await first.Http.StartAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal);
                await first.Http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", "the run awaits approval on the first host");
                await first.KillAsync();
            }

            await using var second = await HostProcess.StartAsync(data.Path, settings);
            var waiting = await second.Http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", "the second host sees the run awaiting approval");
            Assert.Equal("delete_records", waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());

            var (approved, _) = await second.Http.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/approval", new { approved = true, approver = "failover" });
            Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);

            var done = await second.Http.WaitForRunAsync(
                runId, r => r.Status() is "Completed" or "Failed", "the second host finishes the run", seconds: FailoverSeconds);
            Assert.True(done.Status() == "Completed", $"The run ended {done.Status()}:\n{done}\nsecond host:\n{second.Output}");
            Assert.Contains(done.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records");
            Assert.DoesNotContain("inactive", await File.ReadAllTextAsync(Path.Combine(data.Path, "sandbox", SampleAgents.Approval, "records.json")));
        }
        finally
        {
            if (await TaskHubs.DeleteAsync(azurite.ConnectionString, taskHub, $"{taskHub.ToLowerInvariant()}-conversations") is { } failure)
            {
                output.WriteLine(failure);
            }
        }
    }
}
