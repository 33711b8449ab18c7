using System.Text.Json;
using DurableAgents.Api.Queue;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DurableAgents.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Triggers.Queue;

/// <summary>Polls the run queues (the default one and any agent's own) and starts runs; poisoned messages go to <c>{queue}-poison</c>.</summary>
public sealed partial class QueueTriggerService(
    QueueServiceClient queues,
    QueueRunStarter starter,
    IAgentCatalog catalog,
    IOptions<QueueTriggerOptions> options,
    ILogger<QueueTriggerService> logger) : BackgroundService
{
    private readonly QueueTriggerOptions _options = options.Value;

    /// <summary>The queues this host polls.</summary>
    public IReadOnlyList<string> QueueNames =>
        catalog.Agents.Select(a => a.QueueName).OfType<string>().Append(_options.QueueName).Distinct(StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(QueueNames.Select(name => PollAsync(queues.GetQueueClient(name), stoppingToken)));

    private async Task PollAsync(QueueClient queue, CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, stoppingToken);
                foreach (var message in messages)
                {
                    await HandleAsync(queue, message, stoppingToken);
                }

                idle = messages.Length > 0 ? TimeSpan.FromMilliseconds(50) : Min(idle * 2, _options.MaxPollingInterval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage unreachable: keep the host alive and try again with back-off.
                LogPollFailed(ex, queue.Name);
                idle = Min(idle * 2, TimeSpan.FromSeconds(30));
            }

            await Task.Delay(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The agent whose own queue this is (its messages may be the input alone), or null for the default or a shared queue.</summary>
    internal string? QueueAgent(string queueName) =>
        queueName == _options.QueueName ? null
            : catalog.Agents.Where(a => a.QueueName == queueName).Select(a => a.Name).ToList() is [var only] ? only : null;

    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        var outcome = await starter.HandleAsync(text, message.MessageId, message.DequeueCount, _options.MaxDequeueCount, cancellationToken, QueueAgent(queue.Name));
        switch (outcome.Kind)
        {
            case QueueMessageOutcomeKind.Done:
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                break;
            case QueueMessageOutcomeKind.Poison:
                await MoveToPoisonAsync(queue, message, text, outcome.Reason!, cancellationToken);
                break;
            default:
                break; // Left hidden; it comes back after the visibility timeout.
        }
    }

    /// <summary>Writes the message and the reason to the poison queue, then deletes the original.</summary>
    internal async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, string text, string reason, CancellationToken cancellationToken)
    {
        var poison = queues.GetQueueClient($"{queue.Name}-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var body = JsonSerializer.Serialize(new PoisonMessage(queue.Name, message.MessageId, message.DequeueCount, reason, text));
        await poison.SendMessageAsync(body, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(message.MessageId, queue.Name, reason);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; backing off")]
    private partial void LogPollFailed(Exception ex, string queue);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Queue message {MessageId} moved to {Queue}-poison: {Reason}")]
    private partial void LogPoisoned(string messageId, string queue, string reason);
}

/// <summary>What the poison queue keeps about a message that could not start a run.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">Its id there.</param>
/// <param name="DequeueCount">Deliveries so far.</param>
/// <param name="Reason">Why it was poisoned.</param>
/// <param name="Message">The original message text.</param>
public sealed record PoisonMessage(string Queue, string MessageId, long DequeueCount, string Reason, string Message);
