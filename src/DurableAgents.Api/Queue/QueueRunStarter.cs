using DurableAgents.Durability;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Api.Queue;

/// <summary>What to do with a queue message after handling it.</summary>
/// <param name="Kind">Done (delete it), Retry (leave it for another delivery) or Poison (move it aside).</param>
/// <param name="RunId">The run it started (or that already existed).</param>
/// <param name="Reason">What was done, or why it is retried or poisoned.</param>
public sealed record QueueMessageOutcome(QueueMessageOutcomeKind Kind, string? RunId, string? Reason);

/// <summary>The three outcomes of handling a queue message.</summary>
public enum QueueMessageOutcomeKind
{
    /// <summary>Handled: delete the message.</summary>
    Done,

    /// <summary>A passing failure: deliver it again later.</summary>
    Retry,

    /// <summary>It can never succeed, or failed too often: move it to the poison queue.</summary>
    Poison,
}

/// <summary>
/// Turns one queue message into an agent run. Shared by the host's own queue poller and the Functions queueTrigger forwarded to the
/// custom handler. A duplicate delivery starts no second run: the run id is the message's runId or is derived from the message id.
/// </summary>
public sealed partial class QueueRunStarter(AgentRunClient runs, ILogger<QueueRunStarter> logger)
{
    /// <summary>Handles one delivery of a message; <paramref name="queueAgent"/> is the agent whose own queue it came from, if any.</summary>
    public async Task<QueueMessageOutcome> HandleAsync(
        string text, string messageId, long dequeueCount, int maxDequeueCount, CancellationToken cancellationToken, string? queueAgent = null)
    {
        if (!QueueRunMessage.TryParse(text, queueAgent, out var message, out var error))
        {
            LogInvalid(messageId, error);
            return new QueueMessageOutcome(QueueMessageOutcomeKind.Poison, null, error);
        }

        if (runs.Catalog.Find(message!.Agent) is null)
        {
            var reason = $"No agent named '{message.Agent}' is registered. Known agents: {string.Join(", ", runs.Catalog.Agents.Select(a => a.Name))}.";
            LogInvalid(messageId, reason);
            return new QueueMessageOutcome(QueueMessageOutcomeKind.Poison, null, reason);
        }

        var runId = message.RunId ?? $"queue-{messageId}";
        try
        {
            await runs.StartRunAsync(message.Agent, message.Goal, new AgentRunStartOptions { RunId = runId, User = message.User }, cancellationToken);
            LogStarted(runId, message.Agent, messageId);
            return new QueueMessageOutcome(QueueMessageOutcomeKind.Done, runId, $"Started run {runId} of agent {message.Agent}.");
        }
        catch (RunAlreadyExistsException)
        {
            // A redelivery of a message whose run already started (or finished): nothing more to do.
            return new QueueMessageOutcome(QueueMessageOutcomeKind.Done, runId, $"Run {runId} already exists; message ignored (redelivery).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = $"Starting run '{runId}' failed on delivery {dequeueCount} of {maxDequeueCount}: {ex.Message}";
            LogFailed(ex, messageId, dequeueCount);
            return new QueueMessageOutcome(
                dequeueCount >= maxDequeueCount ? QueueMessageOutcomeKind.Poison : QueueMessageOutcomeKind.Retry, runId, reason);
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Queue message {MessageId} is invalid: {Reason}")]
    private partial void LogInvalid(string messageId, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Queue message {MessageId} started run {RunId} of agent {Agent}")]
    private partial void LogStarted(string runId, string agent, string messageId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Queue message {MessageId} failed on delivery {DequeueCount}")]
    private partial void LogFailed(Exception ex, string messageId, long dequeueCount);
}
