namespace DurableAgents.Orchestration;

/// <summary>The untyped form of an orchestrator, as the worker runs it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>An orchestrator with a typed input and output.</summary>
/// <remarks>
/// Orchestrator code is replayed from its history, so it must be deterministic: use the context's
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, <see cref="TaskOrchestrationContext.NewGuid"/> and
/// <see cref="TaskOrchestrationContext.CreateTimer(DateTime, CancellationToken)"/> instead of DateTime.Now, Guid.NewGuid and Task.Delay;
/// do I/O only in activities; never use ConfigureAwait(false), Task.Run or threads.
/// </remarks>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);

    /// <summary>The orchestration's logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);
}
