using Azure.Storage.Queues;
using DurableAgents.Host.Tests.Azure;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Queue;

/// <summary>The host's queue trigger against a real queue service (Azurite): every message ends as one run or in the poison queue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueTriggerAzuriteTests(AzuriteFixture azurite)
{
    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task PlainAndBase64Messages_EachStartARunThatCompletes()
    {
        using var host = await QueueHost.StartAsync(azurite);
        var plainId = NewId("plain-");
        await host.SendAsync($"{{\"agent\":\"background\",\"input\":\"plain text\",\"runId\":\"{plainId}\"}}");
        var receipt = (await host.Queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"agent\":\"background\",\"input\":{\"n\":42}}")))).Value;

        var plain = await host.Http.WaitForRunAsync(plainId, r => r.Status() == "Completed", "the plain message's run completes");
        // Without a runId the run id comes from the message id, so every delivery of that message maps to one run.
        var encoded = await host.Http.WaitForRunAsync($"queue-{receipt.MessageId}", r => r.Status() == "Completed", "the base64 message's run completes");

        Assert.Equal("plain text", plain.GetProperty("input").GetString());
        Assert.Equal("{\"n\":42}", encoded.GetProperty("input").GetString());
        await host.WaitForEmptyQueueAsync();
        Assert.Equal(0, await host.PoisonCountAsync());
    }

    [Fact]
    public async Task SameMessageSentTwice_WithOneRunId_StartsOneRun()
    {
        using var host = await QueueHost.StartAsync(azurite);
        var id = NewId("twice-");
        var text = $"{{\"agent\":\"background\",\"input\":\"once\",\"runId\":\"{id}\"}}";
        await host.SendAsync(text);
        await host.SendAsync(text);

        await host.WaitForEmptyQueueAsync();
        await host.Http.WaitForRunAsync(id, r => r.Status() == "Completed", "the run completes");

        Assert.Equal(1, StandInAgentRun.Starts.GetValueOrDefault(id));
        Assert.Equal(0, await host.PoisonCountAsync());
    }

    [Fact]
    public async Task RedeliveryAfterALostAcknowledgement_StartsNoSecondRun()
    {
        using var host = await QueueHost.StartAsync(azurite);
        var id = NewId(FaultyStartClient.LostAckPrefix);
        await host.SendAsync($"{{\"agent\":\"background\",\"input\":\"ack lost\",\"runId\":\"{id}\"}}");

        // The first delivery creates the run but reports a failure, so the message is left to reappear after its visibility
        // timeout; only the second delivery can delete it, and it must find the run instead of starting another.
        await host.WaitForEmptyQueueAsync();
        await host.Http.WaitForRunAsync(id, r => r.Status() == "Completed", "the run completes");

        Assert.Equal(1, host.Backend.CreateCalls.GetValueOrDefault(id));
        Assert.Equal(1, StandInAgentRun.Starts.GetValueOrDefault(id));
        Assert.Equal(0, await host.PoisonCountAsync());
    }

    [Fact]
    public async Task InvalidMessages_GoToPoisonAtOnce_WithAReason()
    {
        using var host = await QueueHost.StartAsync(azurite);
        await host.SendAsync("{not json at all");
        await host.SendAsync("{\"agent\":\"nobody\",\"input\":\"x\"}");

        var poisoned = await host.WaitForPoisonAsync(2);

        Assert.All(poisoned, p => Assert.Equal(1, p.DequeueCount));
        Assert.All(poisoned, p => Assert.Equal(host.QueueName, p.Queue));
        Assert.Contains(poisoned, p => p.Reason.Contains("not valid JSON", StringComparison.Ordinal) && p.Message == "{not json at all");
        Assert.Contains(poisoned, p => p.Reason.Contains("No agent named 'nobody'", StringComparison.Ordinal));
        await host.WaitForEmptyQueueAsync();
    }

    [Fact]
    public async Task MessageThatAlwaysFails_MovesToPoisonAfterMaxDequeueCount()
    {
        using var host = await QueueHost.StartAsync(azurite);
        var id = NewId(FaultyStartClient.AlwaysFailPrefix);
        await host.SendAsync($"{{\"agent\":\"background\",\"input\":\"doomed\",\"runId\":\"{id}\"}}");

        var poisoned = Assert.Single(await host.WaitForPoisonAsync(1));

        Assert.Equal(QueueHost.MaxDequeueCount, poisoned.DequeueCount);
        Assert.Equal(QueueHost.MaxDequeueCount, host.Backend.CreateCalls.GetValueOrDefault(id));
        Assert.Contains($"delivery {QueueHost.MaxDequeueCount} of {QueueHost.MaxDequeueCount}", poisoned.Reason, StringComparison.Ordinal);
        Assert.Contains("the provider refuses to start", poisoned.Reason, StringComparison.Ordinal);
        await host.WaitForEmptyQueueAsync();
    }

    [Fact]
    public async Task AgentsOwnQueue_IsPolledToo_AndTakesTheInputAlone()
    {
        using var host = await QueueHost.StartAsync(azurite);
        var agentQueue = new QueueClient(azurite.ConnectionString, host.AgentQueueName);
        await agentQueue.CreateIfNotExistsAsync();
        var id = NewId("own-");

        await agentQueue.SendMessageAsync($"{{\"agent\":\"{QueueHost.QueuedAgent}\",\"input\":\"own queue\",\"runId\":\"{id}\"}}");

        var receipt = (await agentQueue.SendMessageAsync("just a topic")).Value;

        var run = await host.Http.WaitForRunAsync(id, r => r.Status() == "Completed", "the run from the agent's queue completes");
        var topic = await host.Http.WaitForRunAsync($"queue-{receipt.MessageId}", r => r.Status() == "Completed", "the plain-text message's run completes");
        Assert.Equal(QueueHost.QueuedAgent, run.GetProperty("agent").GetString());
        Assert.Equal((QueueHost.QueuedAgent, "just a topic"), (topic.GetProperty("agent").GetString(), topic.GetProperty("input").GetString()));
        await host.WaitForEmptyQueueAsync(agentQueue);
    }
}
