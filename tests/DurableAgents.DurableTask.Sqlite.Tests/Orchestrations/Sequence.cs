using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Exceptions;

namespace DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;

/// <summary>Calls <see cref="AddOne"/> n times in a row; counts how often its code starts (each replay starts it again).</summary>
public sealed class Sequence : TaskOrchestration<int, int>
{
    public static ConcurrentDictionary<string, int> Starts { get; } = new();

    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        Starts.AddOrUpdate(context.OrchestrationInstance.InstanceId, 1, (_, n) => n + 1);
        int value = 0;
        for (int i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(AddOne), value);
        }

        return value;
    }
}

/// <summary>Runs n <see cref="AddOne"/> at once and sums their results.</summary>
public sealed class FanOut : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var tasks = Enumerable.Range(0, input).Select(i => context.ScheduleTask<int>(typeof(AddOne), i)).ToList();
        return (await Task.WhenAll(tasks)).Sum();
    }
}

/// <summary>Calls <see cref="Child"/>; reports its result or its failure message.</summary>
public sealed class Parent : TaskOrchestration<string, int>
{
    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        try
        {
            return "ok:" + await context.CreateSubOrchestrationInstance<int>(typeof(Child), context.OrchestrationInstance.InstanceId + "-child", input);
        }
        catch (SubOrchestrationFailedException e)
        {
            return "failed:" + e.FailureDetails?.ErrorMessage;
        }
    }
}

/// <summary>Adds one through an activity; fails for a negative input.</summary>
public sealed class Child : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input) =>
        input < 0 ? throw new InvalidOperationException("negative input") : await context.ScheduleTask<int>(typeof(AddOne), input);
}

/// <summary>Waits a durable timer of the given seconds, with a custom status while it waits.</summary>
public sealed class Sleeper : TaskOrchestration<string, int>
{
    string status = "\"sleeping\"";

    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), "fired");
        status = "\"awake\"";
        return "fired";
    }

    public override string GetStatus() => status;
}

/// <summary>Echoes a large input through an activity (16 MB in, 16 MB out).</summary>
public sealed class Echo : TaskOrchestration<string, string>
{
    public override Task<string> RunTask(OrchestrationContext context, string input) => context.ScheduleTask<string>(typeof(Exclaim), input);
}
