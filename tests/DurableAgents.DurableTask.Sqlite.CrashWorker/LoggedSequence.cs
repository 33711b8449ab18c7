using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.CrashWorker;

/// <summary>Runs <see cref="SideEffect"/> for steps 0..n-1 in order and returns the sum of the step numbers.</summary>
public sealed class LoggedSequence : TaskOrchestration<long, LoggedSequence.Input>
{
    public sealed record Input(string LogPath, int Steps);

    public override async Task<long> RunTask(OrchestrationContext context, Input input)
    {
        long sum = 0;
        for (int i = 0; i < input.Steps; i++)
        {
            sum += await context.ScheduleTask<int>(typeof(SideEffect), i);
        }

        return sum;
    }
}

/// <summary>Appends "step N" to the side-effect log (flushed to disk) after a short pause, and returns N.</summary>
public sealed class SideEffect : AsyncTaskActivity<int, int>
{
    public static string LogPath { get; set; } = "side-effects.log";

    protected override async Task<int> ExecuteAsync(TaskContext context, int input)
    {
        await Task.Delay(10);
        using var log = new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        log.Write(System.Text.Encoding.ASCII.GetBytes($"step {input}\n"));
        log.Flush(flushToDisk: true);
        return input;
    }
}
