using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Runs one activity invocation in its own DI scope and turns the outcome into the reply message.</summary>
internal sealed class ActivityRunner(DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, TimeProvider timeProvider)
{
    public async Task<TaskMessage> RunAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var message = workItem.Message;
        if (message.Event is not TaskScheduledEvent scheduled)
        {
            throw new InvalidOperationException($"Activity work item {message.Id} carries {message.Event.GetType().Name}, not TaskScheduled.");
        }

        HistoryEvent reply;
        try
        {
            var output = await InvokeAsync(message, scheduled, cancellationToken);
            reply = new TaskCompletedEvent(scheduled.TaskId, output);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            reply = new TaskFailedEvent(scheduled.TaskId, TaskFailureDetails.FromException(ex));
        }

        return TaskMessage.CreateWithId(
            message.Id + "|reply", message.InstanceId, reply with { Timestamp = timeProvider.GetUtcNow().UtcDateTime }, message.ExecutionId);
    }

    private async Task<string?> InvokeAsync(TaskMessage message, TaskScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var activity = registry.CreateActivity(scheduled.Name, scope.ServiceProvider)
            ?? throw new NonRetriableException(
                $"No activity named '{scheduled.Name}' is registered with this worker. Registered activities: "
                + $"{string.Join(", ", registry.ActivityNames.Select(n => $"'{n}'"))}. Register it with AddActivity or AddActivityFunc.");

        object? input;
        try
        {
            input = converter.Deserialize(scheduled.Input, activity.InputType);
        }
        catch (Exception ex)
        {
            throw new NonRetriableException(
                $"The input of activity '{scheduled.Name}' could not be read as {activity.InputType.Name}: {ex.Message}", ex);
        }

        var context = new TaskActivityContext(scheduled.Name, message.InstanceId, message.ExecutionId ?? "", scheduled.TaskId, cancellationToken);
        var output = await activity.RunAsync(context, input);
        return converter.Serialize(output);
    }
}
