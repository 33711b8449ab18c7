namespace DurableAgents.Orchestration;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the failed activity or sub-orchestrator.</summary>
    public string TaskName { get; }

    /// <summary>The sequence number of the failed task in its orchestration.</summary>
    public int TaskId { get; }

    /// <summary>What failed and why.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>Throw this (or derive from it) from an activity to tell retry policies not to retry.</summary>
public class NonRetriableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetriableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>The instance failed because replayed code asked for a different action than its history recorded.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message) : base(message)
    {
    }
}

/// <summary>Thrown when a start names an instance id that is still pending or running.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists and is {status}. "
            + "Wait for it to finish, terminate it, or start with another instance id.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The id that was refused.</summary>
    public string InstanceId { get; }
}

/// <summary>Thrown when an operation names an instance that does not exist.</summary>
public sealed class InstanceNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InstanceNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists. Check the id, or start the instance first.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The id that was not found.</summary>
    public string InstanceId { get; }
}
