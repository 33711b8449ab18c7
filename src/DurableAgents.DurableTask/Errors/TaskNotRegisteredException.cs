namespace DurableAgents.DurableTask;

/// <summary>An orchestration or activity was asked for by a name the worker has not registered.</summary>
/// <remarks>
/// The worker fails the instance (unknown orchestrator) or the activity call (unknown activity) with this exception's details
/// at once, instead of DTFx's default of retrying the work item with a back-off that stalls other work.
/// </remarks>
public sealed class TaskNotRegisteredException : Exception
{
    /// <summary>Creates the exception with a message that names the task and lists what is registered.</summary>
    public TaskNotRegisteredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public TaskNotRegisteredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TaskNotRegisteredException()
        : base("The task is not registered with this worker.")
    {
    }

    internal static TaskNotRegisteredException For(string kind, string name, IEnumerable<string> registered, string registerWith)
    {
        var names = registered.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var list = names.Count == 0 ? "none" : string.Join(", ", names);
        return new TaskNotRegisteredException(
            $"No {kind} named '{name}' is registered; registered: {list}. Register it with AddTasks(r => r.{registerWith}(...)) on this worker.");
    }
}
