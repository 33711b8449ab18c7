using DurableTask.Core.Exceptions;

namespace DurableAgents.DurableTask;

/// <summary>
/// An external event's payload could not be read as the type the orchestrator waits for. The instance fails with this error
/// (DTFx fails an orchestration for this exception family instead of retrying its episode forever).
/// </summary>
public sealed class EventPayloadException : NonDeterministicOrchestrationException
{
    /// <summary>Creates the exception for event <paramref name="eventName"/>.</summary>
    public EventPayloadException(string eventName, Exception inner)
        : base(
            $"The payload of event '{eventName}' could not be read as the type the orchestrator waits for ({inner?.GetType().Name}: {inner?.Message}). "
            + "Send a payload of that type (a missing payload is null, which a value type cannot hold).", inner)
    {
        EventName = eventName;
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventPayloadException(string message)
        : base(message)
    {
        EventName = "";
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public EventPayloadException()
        : this("An event payload could not be read.")
    {
    }

    /// <summary>The event whose payload was unreadable.</summary>
    public string EventName { get; }
}
