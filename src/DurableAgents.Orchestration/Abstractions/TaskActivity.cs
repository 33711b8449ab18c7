namespace DurableAgents.Orchestration;

/// <summary>The untyped form of an activity, as the worker runs it.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>An activity with a typed input and output.</summary>
/// <remarks>
/// An activity runs at least once: a crash after it finished but before its result was stored runs it again.
/// Make side effects idempotent, for example keyed by <see cref="TaskActivityContext.IdempotencyKey"/>.
/// </remarks>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);

    /// <summary>The activity's work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);
}

/// <summary>What an activity knows about its invocation.</summary>
public sealed class TaskActivityContext
{
    /// <summary>Creates a context.</summary>
    public TaskActivityContext(TaskName name, string instanceId, string executionId, int taskId, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        ExecutionId = executionId;
        TaskId = taskId;
        CancellationToken = cancellationToken;
    }

    /// <summary>The activity name.</summary>
    public TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled it.</summary>
    public string InstanceId { get; }

    /// <summary>The execution of that instance.</summary>
    public string ExecutionId { get; }

    /// <summary>The task's sequence number in the execution.</summary>
    public int TaskId { get; }

    /// <summary>Signalled when the worker shuts down.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The same for every delivery of this invocation and different for every other: use it to de-duplicate side effects.</summary>
    public string IdempotencyKey => $"{InstanceId}/{ExecutionId}/{TaskId}";
}
