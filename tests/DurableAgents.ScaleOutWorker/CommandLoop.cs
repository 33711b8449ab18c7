using System.Globalization;
using DurableAgents.ScaleOutWorker.Scenario;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.ScaleOutWorker;

/// <summary>
/// The commands the test sends on stdin, one reply line each: <c>schedule FIRST COUNT</c> starts runs FIRST..FIRST+COUNT-1
/// (<c>SCHEDULED COUNT</c>); <c>exit</c> stops the host gracefully. End of input (the test is gone) stops it too.
/// </summary>
public static class CommandLoop
{
    public static async Task RunAsync(DurableTaskClient client, TextReader input, TextWriter output)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts is ["exit"])
            {
                return;
            }

            try
            {
                var reply = parts switch
                {
                    ["schedule", var first, var count] => await ScheduleAsync(client, Number(first), Number(count)),
                    _ => $"ERROR unknown command '{line}'; use 'schedule FIRST COUNT' or 'exit'",
                };
                await output.WriteLineAsync(reply);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                await output.WriteLineAsync($"ERROR {e.Message.ReplaceLineEndings(" ")}");
            }

            await output.FlushAsync();
        }
    }

    private static async Task<string> ScheduleAsync(DurableTaskClient client, int first, int count)
    {
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync(
                RunShape.Orchestrator, new RunInput(run), new StartOrchestrationOptions { InstanceId = RunShape.InstanceId(run) }, ct));
        return $"SCHEDULED {count}";
    }

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a non-negative whole number.");
}
