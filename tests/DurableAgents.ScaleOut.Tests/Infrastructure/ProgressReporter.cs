using DurableAgents.ScaleOutWorker.Scenario;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>Notes the cluster's progress every few seconds (from the logs, no storage requests), so a stall shows where it began.</summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressReporter(ScaleOutCluster cluster, Action<string> note) => _loop = RunAsync(cluster, note, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(ScaleOutCluster cluster, Action<string> note, CancellationToken stop)
    {
        var lastStep = $"/{RunShape.Steps - 1}";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var keys = ProcessLogs.ReadExecutions(cluster.LogFolder).Select(e => e.Key).ToHashSet();
            note($"progress: {keys.Count} steps done, {keys.Count(k => k.EndsWith(lastStep, StringComparison.Ordinal))} runs at their last step, "
                + $"{ProcessLogs.ReadEvents(cluster.LogFolder).Count(e => e.IsFault)} faults logged");
        }
    }
}
