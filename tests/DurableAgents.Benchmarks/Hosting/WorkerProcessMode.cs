using System.Globalization;
using DurableAgents.DurableTask;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>The child side of <see cref="WorkerProcess"/>: runs one SDK worker host on the task hub until stdin closes.</summary>
internal static class WorkerProcessMode
{
    /// <summary>Runs the worker; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var connection = Environment.GetEnvironmentVariable(WorkerProcess.ConnectionVariable);
        if (args.Count != 3 || string.IsNullOrEmpty(connection) || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            await Console.Error.WriteLineAsync(
                $"error: {WorkerProcess.ModeArgument} is started by the benchmark itself: it needs the task hub and the worker index as " +
                $"its arguments and the connection string in {WorkerProcess.ConnectionVariable}.");
            return 2;
        }

        var options = AzureBackend.Options(connection, args[1], index);
        using var host = SdkCluster.BuildHost(w => w.UseAzureStorage(options), useClient: null, new StepClock());
        await host.StartAsync();
        Console.WriteLine(WorkerProcess.ReadyLine);
        Console.Out.Flush();

        // The parent closes our stdin to stop us; if the parent dies, the pipe closes too, so no worker outlives its benchmark.
        await Console.In.ReadToEndAsync();
        await host.StopAsync();
        return 0;
    }
}
