using DurableAgents.Orchestration.AzureStorage;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>The child side of <see cref="WorkerProcess"/>: runs one worker host on the task hub until stdin closes.</summary>
internal static class WorkerProcessMode
{
    /// <summary>Runs the worker; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var connection = Environment.GetEnvironmentVariable(WorkerProcess.ConnectionVariable);
        if (args.Count != 2 || string.IsNullOrEmpty(connection))
        {
            await Console.Error.WriteLineAsync(
                $"error: {WorkerProcess.ModeArgument} is started by the benchmark itself: it needs the task hub as its only argument and " +
                $"the connection string in {WorkerProcess.ConnectionVariable}.");
            return 2;
        }

        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationOptions { ConnectionString = connection, TaskHubName = args[1] });
        await using (service)
        {
            var host = BenchmarkCluster.BuildHost(service, new StepClock());
            await host.StartAsync();
            Console.WriteLine(WorkerProcess.ReadyLine);
            Console.Out.Flush();

            // The parent closes our stdin to stop us; if the parent dies, the pipe closes too, so no worker outlives its benchmark.
            using var stopping = new CancellationTokenSource();
            var reports = ReportOwnershipAsync(service, stopping.Token);
            await Console.In.ReadToEndAsync();
            await stopping.CancelAsync();
            await reports;
            await host.StopAsync();
            host.Dispose();
        }

        return 0;
    }

    // The parent waits until the partitions are spread over all workers before it measures.
    private static async Task ReportOwnershipAsync(AzureStorageOrchestrationService service, CancellationToken stopping)
    {
        var reported = -1;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                var owned = service.OwnedPartitions.Count;
                if (owned != reported)
                {
                    Console.WriteLine(WorkerProcess.OwnedPrefix + owned);
                    Console.Out.Flush();
                    reported = owned;
                }
            }
            while (await tick.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
