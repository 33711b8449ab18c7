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
}
