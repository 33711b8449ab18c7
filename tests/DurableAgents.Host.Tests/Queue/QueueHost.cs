using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Host.Triggers.Queue;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Queue;

/// <summary>A host on the in-memory backend whose queue trigger polls a unique queue on Azurite, with fast redelivery.</summary>
public sealed class QueueHost : IDisposable
{
    public const int MaxDequeueCount = 3;
    public const string QueuedAgent = "queued";

    private QueueHost(AzuriteFixture azurite)
    {
        QueueName = AzuriteFixture.UniqueName("runs");
        AgentQueueName = AzuriteFixture.UniqueName("agentq");
        Queue = new QueueClient(azurite.Connection, QueueName);
        Poison = new QueueClient(azurite.Connection, QueueName + "-poison");
        Factory = new HostFactory(
            new()
            {
                ["DurableAgents:QueueTrigger:ConnectionString"] = azurite.Azurite.ConnectionString,
                ["DurableAgents:QueueTrigger:QueueName"] = QueueName,
                ["DurableAgents:QueueTrigger:VisibilityTimeout"] = "00:00:01",
                ["DurableAgents:QueueTrigger:MaxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DurableAgents:QueueTrigger:MaxPollingInterval"] = "00:00:00.200",
            },
            services =>
            {
                FaultyStartBackend.Install(services);
                services.AddSingleton(new AgentDefinition(QueuedAgent) { QueueName = AgentQueueName });
            });
        Http = Factory.CreateClient();
    }

    public HostFactory Factory { get; }
    public HttpClient Http { get; }
    public string QueueName { get; }
    public string AgentQueueName { get; }
    public QueueClient Queue { get; }
    public QueueClient Poison { get; }
    public FaultyStartBackend Backend => (FaultyStartBackend)Factory.Services.GetRequiredService<IOrchestrationService>();

    /// <summary>Starts the host and creates its queue (the trigger creates it too; the test may send first).</summary>
    public static async Task<QueueHost> StartAsync(AzuriteFixture azurite)
    {
        var host = new QueueHost(azurite);
        await host.Queue.CreateIfNotExistsAsync();
        return host;
    }

    public Task SendAsync(string text) => Queue.SendMessageAsync(text);

    /// <summary>Waits until the queue holds no message, visible or hidden (every message was deleted or moved).</summary>
    public Task WaitForEmptyQueueAsync(QueueClient? queue = null) =>
        TestDeadline.WaitUntilAsync(async () => await (queue ?? Queue).GetApproximateMessageCountAsync() == 0, "the run queue drains", 30);

    /// <summary>Waits for <paramref name="count"/> poison messages and returns them.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> WaitForPoisonAsync(int count)
    {
        IReadOnlyList<PeekedQueueMessage> peeked = [];
        await TestDeadline.WaitUntilAsync(async () =>
        {
            await Poison.CreateIfNotExistsAsync();
            peeked = await Poison.PeekMessagesAsync(32);
            return peeked.Count >= count;
        }, $"{count} message(s) in {Poison.Name}", 30);
        return peeked.Select(p => JsonSerializer.Deserialize<PoisonMessage>(p.MessageText)!).ToList();
    }

    public async Task<int> PoisonCountAsync()
    {
        await Poison.CreateIfNotExistsAsync();
        return (await Poison.PeekMessagesAsync(32)).Count;
    }

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
    }
}
