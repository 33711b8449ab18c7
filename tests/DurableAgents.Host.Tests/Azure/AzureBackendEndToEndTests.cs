using System.Net;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;
using Azure.Storage.Blobs;

namespace DurableAgents.Host.Tests.Azure;

/// <summary>The host on the Azure Storage backend (AzureWebJobsStorage set), with the real AgentRun and the offline model.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBackendEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApprovalSample_OnAzureStorage_AwaitsApproval_ThenCompletes_WithItsConversationInBlobs()
    {
        var taskHub = AzureHostSettings.NewTaskHub();
        using var factory = new HostFactory(AzureHostSettings.For(azurite, taskHub), standIn: false);
        using var http = factory.CreateClient();
        var (root, description) = await http.SendAsync(HttpMethod.Get, "/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("azure", description.GetProperty("backend").GetString());

        var runId = await http.StartAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal);
        var waiting = await http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", "the run awaits approval");
        Assert.Equal("delete_records", waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());

        var (approved, _) = await http.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/approval", new { approved = true, approver = "azure-e2e" });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);

        var done = await http.WaitForRunAsync(runId, r => r.Status() is "Completed" or "Failed", "the run finishes");
        Assert.Equal("Completed", done.Status());
        Assert.Contains(done.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records");
        var conversations = new List<string>();
        await foreach (var blob in new BlobContainerClient(azurite.ConnectionString, $"{taskHub.ToLowerInvariant()}-conversations").GetBlobsAsync())
        {
            conversations.Add(blob.Name);
        }

        Assert.NotEmpty(conversations);
    }
}
