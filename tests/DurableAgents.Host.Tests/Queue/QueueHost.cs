using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DurableAgents.Agents;
using DurableAgents.DurableTask;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Api.Queue;
using DurableAgents.Host.Triggers.Queue;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Queue;

/// <summary>A host on SQLite whose queue trigger polls a unique queue on Azurite, with fast redelivery and faulty starts.</summary>
public sealed class QueueHost : IDisposable
{
    public const int MaxDequeueCount = 3;
    public const string QueuedAgent = "queued";

    private QueueHost(AzuriteFixture azurite)
    {
        QueueName = AzuriteFixture.UniqueName("runs");
        AgentQueueName = AzuriteFixture.UniqueName("agentq");
        Queue = new QueueClient(azurite.ConnectionString, QueueName);
        Poison = new QueueClient(azurite.ConnectionString, QueueName + "-poison");
        HostFactory factory = null!;
        factory = new HostFactory(
            new()
            {
                ["DurableAgents:Backend"] = "sqlite",
                ["DurableAgents:QueueTrigger:ConnectionString"] = azurite.ConnectionString,
                ["DurableAgents:QueueTrigger:QueueName"] = QueueName,
                ["DurableAgents:QueueTrigger:VisibilityTimeout"] = "00:00:01",
                ["DurableAgents:QueueTrigger:MaxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DurableAgents:QueueTrigger:MaxPollingInterval"] = "00:00:00.200",
            },
            services =>
            {
                FaultyStartClient.Install(services, sp => sp.GetSqliteOrchestrationService(Path.Combine(factory.DataPath, "taskhub.db")));
                services.AddSingleton(new AgentDefinition(QueuedAgent) { QueueName = AgentQueueName });
            });
        Factory = factory;
        Http = Factory.CreateClient();
    }

    public HostFactory Factory { get; }
    public HttpClient Http { get; }
    public string QueueName { get; }
    public string AgentQueueName { get; }
    public QueueClient Queue { get; }
    public QueueClient Poison { get; }
    public FaultyStartClient Backend => Factory.Services.GetRequiredService<FaultyStartClient>();

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
        TestDeadline.WaitUntilAsync(async () => (await (queue ?? Queue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the run queue drains", 30);

    /// <summary>Waits for <paramref name="count"/> poison messages and returns them.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> WaitForPoisonAsync(int count)
    {
        PeekedMessage[] peeked = [];
        await TestDeadline.WaitUntilAsync(async () =>
        {
            await Poison.CreateIfNotExistsAsync();
            peeked = (await Poison.PeekMessagesAsync(32)).Value;
            return peeked.Length >= count;
        }, $"{count} message(s) in {Poison.Name}", 30);
        return peeked.Select(p => JsonSerializer.Deserialize<PoisonMessage>(p.Body.ToString())!).ToList();
    }

    public async Task<int> PoisonCountAsync()
    {
        await Poison.CreateIfNotExistsAsync();
        return (await Poison.PeekMessagesAsync(32)).Value.Length;
    }

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
    }
}
