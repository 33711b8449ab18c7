namespace DurableAgents.Host.Triggers.Queue;

/// <summary>Settings of the queue trigger that starts agent runs (section DurableAgents:QueueTrigger).</summary>
public sealed class QueueTriggerOptions
{
    /// <summary>The storage connection string (AzureWebJobsStorage by default); the trigger is off without one.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The default queue; agents with their own QueueName are also polled.</summary>
    public string QueueName { get; set; } = "agent-runs";

    /// <summary>Deliveries of a message that fails before it moves to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a received message stays hidden while it is handled (and before a failed one is retried).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages received per poll (1-32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>False to register the message handler without polling (another process, such as the Functions app, serves the queue).</summary>
    public bool Poll { get; set; } = true;

    /// <summary>Throws with a clear message when a setting is unusable.</summary>
    public void Validate()
    {
        if (MaxDequeueCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDequeueCount), MaxDequeueCount, "Set DurableAgents:QueueTrigger:MaxDequeueCount to 1 or more.");
        }

        if (BatchSize is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Set DurableAgents:QueueTrigger:BatchSize between 1 and 32.");
        }

        if (VisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(VisibilityTimeout), VisibilityTimeout, "Set DurableAgents:QueueTrigger:VisibilityTimeout to at least 1 second.");
        }
    }
}
