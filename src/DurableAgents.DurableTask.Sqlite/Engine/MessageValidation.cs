using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>Checks of what clients hand the service, with messages that say what to fix.</summary>
internal static class MessageValidation
{
    public const int MaxInstanceIdLength = 1024;

    public static void ValidateInstanceId(string? instanceId, string parameter = "instanceId")
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw new ArgumentException("The instance id is empty: give the id of an orchestration instance.", parameter);
        }

        if (instanceId.Length > MaxInstanceIdLength || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"The instance id must be at most {MaxInstanceIdLength} characters without control characters.", parameter);
        }
    }

    public static void ValidateMessage(TaskMessage? message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Event is null)
        {
            throw new ArgumentException("The message has no Event: set it to the history event to deliver.", nameof(message));
        }

        ValidateInstanceId(message.OrchestrationInstance?.InstanceId, nameof(message));
    }

    public static ExecutionStartedEvent ValidateCreation(TaskMessage? message)
    {
        ValidateMessage(message);
        if (message!.Event is not ExecutionStartedEvent start)
        {
            throw new ArgumentException($"A creation message must carry an ExecutionStartedEvent, not {message.Event.EventType}.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(start.Name))
        {
            throw new ArgumentException("The ExecutionStartedEvent has no orchestration Name: set it to the orchestration to run.", nameof(message));
        }

        if (string.IsNullOrEmpty(message.OrchestrationInstance.ExecutionId))
        {
            message.OrchestrationInstance.ExecutionId = Guid.NewGuid().ToString("N");
        }

        start.OrchestrationInstance ??= message.OrchestrationInstance;
        return start;
    }
}
