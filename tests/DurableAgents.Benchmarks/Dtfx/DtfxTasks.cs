using DurableAgents.Benchmarks.Hosting;
using DurableTask.Core;

namespace DurableAgents.Benchmarks.Dtfx;

/// <summary>The step activity at the DTFx level: returns its input plus one and stamps the step's completion.</summary>
internal sealed class DtfxStep(StepClock clock) : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input)
    {
        clock.Record(input);
        return input + 1;
    }
}

/// <summary>N steps in sequence, each on the previous result.</summary>
internal sealed class DtfxSequential : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(DtfxStep), value);
        }

        return value;
    }
}

/// <summary>N steps at once; returns how many completed.</summary>
internal sealed class DtfxFanout : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input) =>
        (await Task.WhenAll(Enumerable.Range(0, input).Select(_ => context.ScheduleTask<int>(typeof(DtfxStep), -1)))).Length;
}

/// <summary>Waits for the <c>go</c> event and returns its value.</summary>
internal sealed class DtfxWaitForGo : TaskOrchestration<int, int, int, string>
{
    private readonly TaskCompletionSource<int> _go = new();

    public override Task<int> RunTask(OrchestrationContext context, int input) => _go.Task;

    public override void OnEvent(OrchestrationContext context, string name, int input)
    {
        if (name == BenchmarkTasks.GoEvent)
        {
            _go.TrySetResult(input);
        }
    }
}
