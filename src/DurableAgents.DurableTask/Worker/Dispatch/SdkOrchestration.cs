using System.Text.Json;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using DataConverter = Microsoft.DurableTask.DataConverter;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>
/// A DTFx orchestration that runs an SDK orchestrator through the SDK's shim, created once the parent instance is known.
/// </summary>
/// <remarks>
/// The shim takes the parent at construction, but DTFx asks the object manager for the orchestration before the runtime
/// state (which holds the parent) is at hand; <see cref="ParentInstanceMiddleware"/> calls <see cref="Bind"/> in between.
/// The input is checked against the orchestrator's input type first so a bad input fails the instance with a message
/// naming the orchestrator and the type, rather than a bare serializer error.
/// </remarks>
internal sealed class SdkOrchestration(
    TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims, DataConverter converter) : TaskOrchestration
{
    private TaskOrchestration? _shim;

    /// <summary>Creates the shim with the parent instance, unless an earlier episode of this session already did.</summary>
    public void Bind(ParentOrchestrationInstance? parent) => _shim ??= shims.CreateOrchestration(name, orchestrator, parent);

    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        var shim = _shim ??= shims.CreateOrchestration(name, orchestrator);
        try
        {
            TaskInputException.Check(converter, input, orchestrator.InputType, "orchestrator", name.Name);
        }
        catch (TaskInputException ex)
        {
            // A faulted task, not a throw: DTFx fails the instance for a faulted result but retries the work item for a throw.
            return Task.FromException<string>(ex);
        }

        return shim.Execute(context, input);
    }

    public override string? GetStatus() => _shim?.GetStatus();

    /// <summary>
    /// Delivers an event to the shim. A payload that does not deserialize into the type the orchestrator waits for (or a null
    /// for a value type) fails the instance with <see cref="EventPayloadException"/>: thrown as it is, DTFx would abandon and
    /// retry the episode forever, and the waiter it already took could never be completed.
    /// </summary>
    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
        try
        {
            _shim?.RaiseEvent(context, name, input);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidCastException or NullReferenceException or FormatException)
        {
            throw new EventPayloadException(name, ex);
        }
    }

}
