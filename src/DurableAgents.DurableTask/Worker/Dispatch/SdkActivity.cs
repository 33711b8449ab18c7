using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using DataConverter = Microsoft.DurableTask.DataConverter;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>A DTFx activity that creates the SDK activity in a new DI scope per call and runs it through the shim.</summary>
/// <remarks>
/// An unknown name or an input that does not deserialize throws here, inside the activity call, so DTFx records a failed
/// task with those details that the orchestrator can catch as <see cref="TaskFailedException"/>; the worker keeps running.
/// </remarks>
internal sealed class SdkActivity(
    TaskName name, IDurableTaskFactory factory, DurableTaskShimFactory shims, DataConverter converter, RegisteredTasks registered,
    IServiceProvider services) : global::DurableTask.Core.TaskActivity
{
    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = services.CreateAsyncScope();
        if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
        {
            throw TaskNotRegisteredException.For("activity", name.Name, registered.Activities, "AddActivity");
        }

        TaskInputException.Check(converter, UnwrapParameters(input), activity.InputType, "activity", name.Name);
        return await shims.CreateActivity(name, activity).RunAsync(context, input);
    }

    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("SDK activities run asynchronously through RunAsync.");

    // DTFx passes activity input as a one-element JSON array of parameters; the shim strips the brackets the same way.
    private static string? UnwrapParameters(string? input) =>
        input is ['[', .., ']'] ? input[1..^1] : input;
}
