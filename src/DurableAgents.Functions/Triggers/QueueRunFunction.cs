using DurableAgents.Api.Queue;
using DurableAgents.Runs;
using DurableAgents.Samples;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Functions.Triggers;

/// <summary>
/// Starts runs from the <c>agent-runs</c> queue (the name is the <c>DurableAgents:QueueTrigger:QueueName</c> app setting, as in
/// the self-hosted host) with the self-hosted trigger's handler: the same message format, the same run id for a redelivery
/// (so it starts no second run), the same reasons. A message that fails throws, so the Functions host delivers it again and
/// after <c>maxDequeueCount</c> (host.json) moves it to <c>{queue}-poison</c>; the reason is in the log and the exception.
/// </summary>
public sealed class QueueRunFunction(AgentRunClientFactory runs, ILogger<QueueRunStarter> logger)
{
    /// <summary>The app setting that names the queue.</summary>
    public const string QueueNameSetting = "DurableAgents:QueueTrigger:QueueName";

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> (a test keeps them equal).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Handles one delivery of a message.</summary>
    [Function("StartRunFromQueue")]
    public Task RunAsync(
        [QueueTrigger($"%{QueueNameSetting}%", Connection = "AzureWebJobsStorage")] string message,
        string id, long dequeueCount, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        HandleAsync(message, id, dequeueCount, client, null, cancellationToken);

    /// <summary>The lesson pipeline's own queue (<see cref="SampleAgents.LessonQueue"/>): a message may be the topic alone.</summary>
    [Function("StartLessonFromQueue")]
    public Task RunLessonAsync(
        [QueueTrigger(SampleAgents.LessonQueue, Connection = "AzureWebJobsStorage")] string message,
        string id, long dequeueCount, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        HandleAsync(message, id, dequeueCount, client, SampleAgents.LessonPipeline, cancellationToken);

    private async Task HandleAsync(string message, string id, long dequeueCount, DurableTaskClient client, string? queueAgent, CancellationToken cancellationToken)
    {
        var outcome = await new QueueRunStarter(runs.Create(client), logger).HandleAsync(message, id, dequeueCount, MaxDequeueCount, cancellationToken, queueAgent);
        if (outcome.Kind != QueueMessageOutcomeKind.Done)
        {
            throw new QueueMessageNotHandledException(outcome);
        }
    }
}

/// <summary>A queue message that started no run: the Functions host retries it, then moves it to the poison queue.</summary>
public sealed class QueueMessageNotHandledException(QueueMessageOutcome outcome)
    : Exception(outcome?.Kind == QueueMessageOutcomeKind.Poison
        ? $"{outcome.Reason} The message cannot start a run; it goes to the poison queue after its last delivery."
        : $"{outcome?.Reason} It will be delivered again.")
{
    /// <summary>What the handler decided.</summary>
    public QueueMessageOutcome Outcome { get; } = outcome!;
}
