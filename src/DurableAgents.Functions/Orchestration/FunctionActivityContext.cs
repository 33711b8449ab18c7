using Microsoft.DurableTask;

namespace DurableAgents.Functions.Orchestration;

/// <summary>
/// The activity context an activity class gets when a Functions activity trigger runs it: the Functions worker passes the input
/// and the instance id, not a <see cref="TaskActivityContext"/> (the Durable Task source generator, which writes this for
/// class-based activities, is not available here).
/// </summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;

    /// <summary>Builds the activity class in the invocation's DI scope and runs it, exactly as the self-hosted worker does.</summary>
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(IServiceProvider services, string name, TInput input, string instanceId)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(services);
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }
}
