using System.Diagnostics;
using DurableTask.Core;

namespace SqliteProviderBench;

/// <summary>A no-op activity that records when each step ran (for the drift workload).</summary>
public sealed class Step : TaskActivity<int, int>
{
    public static long[] Stamps { get; set; } = new long[1];

    protected override int Execute(TaskContext context, int input)
    {
        if (input < Stamps.Length)
        {
            Stamps[input] = Stopwatch.GetTimestamp();
        }

        return input + 1;
    }
}

/// <summary>n sequential steps.</summary>
public sealed class SequentialSteps : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        int value = 0;
        for (int i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(Step), value);
        }

        return value;
    }
}

/// <summary>n steps at once, then their sum.</summary>
public sealed class FanOutSteps : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input) =>
        (await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.ScheduleTask<int>(typeof(Step), int.MaxValue)))).Length;
}

/// <summary>Waits for one event named "go" and returns its value.</summary>
public sealed class WaitForGo : TaskOrchestration<string, int>
{
    readonly TaskCompletionSource<string> go = new();

    public override Task<string> RunTask(OrchestrationContext context, int input) => go.Task;

    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name == "go")
        {
            go.TrySetResult(input);
        }
    }
}
