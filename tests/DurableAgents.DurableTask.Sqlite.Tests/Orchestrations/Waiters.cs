using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;

/// <summary>Waits for n events named "e" and returns their values joined by commas, in the order received.</summary>
public sealed class EventCollector : TaskOrchestration<string, int>
{
    readonly Queue<string> buffered = new();
    TaskCompletionSource<string>? next;

    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        var values = new List<string>();
        for (int i = 0; i < input; i++)
        {
            values.Add(await NextAsync());
        }

        return string.Join(",", values);
    }

    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name != "e")
        {
            return;
        }

        // The base class has already turned the event's JSON into a string.
        string value = input;
        if (next is { } waiting)
        {
            next = null;
            waiting.SetResult(value);
        }
        else
        {
            buffered.Enqueue(value);
        }
    }

    Task<string> NextAsync()
    {
        if (buffered.TryDequeue(out var value))
        {
            return Task.FromResult(value);
        }

        next = new TaskCompletionSource<string>();
        return next.Task;
    }
}

/// <summary>Runs one <see cref="AddOne"/> per generation and continues as new until the given count of generations.</summary>
public sealed class Generations : TaskOrchestration<int, int[]>
{
    public override async Task<int> RunTask(OrchestrationContext context, int[] input)
    {
        int generation = input[0], total = input[1];
        int next = await context.ScheduleTask<int>(typeof(AddOne), generation);
        if (next < total)
        {
            context.ContinueAsNew(new[] { next, total });
        }

        return next;
    }
}

/// <summary>Sends an event to an instance that does not exist, then completes.</summary>
public sealed class SendsToNobody : TaskOrchestration<string, int>
{
    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        context.SendEvent(new OrchestrationInstance { InstanceId = "nobody-" + context.OrchestrationInstance.InstanceId }, "e", "lost");
        return "sent:" + await context.ScheduleTask<int>(typeof(AddOne), input);
    }
}

/// <summary>Continues as new with input - 1 at once (DTFx runs all generations in one work item) until 0.</summary>
public sealed class CountDown : TaskOrchestration<int, int>
{
    public override Task<int> RunTask(OrchestrationContext context, int input)
    {
        if (input > 0)
        {
            context.ContinueAsNew(input - 1);
        }

        return Task.FromResult(input);
    }
}
