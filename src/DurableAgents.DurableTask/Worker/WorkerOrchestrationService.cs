using System.Collections.Concurrent;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker;

/// <summary>
/// The provider as the worker's <see cref="TaskHubWorker"/> sees it: concurrency capped by the SDK's worker options, and a
/// graceful stop that lets work items in flight finish before the provider stops.
/// </summary>
/// <remarks>
/// DTFx reads the concurrency limits from the provider, and its own graceful stop polls once a second for at most about eight
/// seconds and then stops the provider under work that is still running; wrapping the provider is the one place both can be
/// fixed. The worker stops DTFx's dispatchers at once (forced) and lets this wait instead.
/// </remarks>
internal sealed partial class WorkerOrchestrationService(
    IOrchestrationService inner, int maxOrchestrationWorkItems, int maxActivityWorkItems) : IOrchestrationService
{
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<object, byte> _inFlight = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken? _stopDeadline;

    /// <summary>The provider this wraps.</summary>
    public IOrchestrationService Inner { get; } = inner;

    /// <summary>The work items being processed: locked (or woken in their extended session) and not yet completed or abandoned.</summary>
    public int InFlightCount => _inFlight.Count;

    public int MaxConcurrentTaskOrchestrationWorkItems { get; } = Math.Max(1, Math.Min(maxOrchestrationWorkItems, inner.MaxConcurrentTaskOrchestrationWorkItems));

    public int MaxConcurrentTaskActivityWorkItems { get; } = Math.Max(1, Math.Min(maxActivityWorkItems, inner.MaxConcurrentTaskActivityWorkItems));

    /// <summary>Completes when DTFx's dispatchers have stopped and the graceful wait for work in flight begins.</summary>
    public Task Draining => _draining.Task;

    /// <summary>Asks the next stop to wait for work in flight, until <paramref name="deadline"/> (the host's shutdown token).</summary>
    public void SetStopDeadline(CancellationToken deadline) => _stopDeadline = deadline;

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// After a graceful stop was asked for (<see cref="SetStopDeadline"/>), waits for the work in flight first; the provider is
    /// stopped gracefully when all of it finished, forcibly when the deadline passed with work left.
    /// </summary>
    public async Task StopAsync(bool isForced)
    {
        if (_stopDeadline is { } deadline)
        {
            _draining.TrySetResult();
            await WaitForInFlightWorkAsync(deadline);
            isForced = !_inFlight.IsEmpty;
        }

        await Inner.StopAsync(isForced);
    }

    private async Task WaitForInFlightWorkAsync(CancellationToken deadline)
    {
        while (!_inFlight.IsEmpty && !deadline.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(IdlePollInterval, deadline);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout passed: stop anyway; the locks of what is left expire and another worker retries it.
            }
        }
    }

    /// <summary>Marks an extended session's work item busy again when its next messages arrive.</summary>
    internal void Resume(TaskOrchestrationWorkItem workItem) => Track(workItem);

    private T Track<T>(T workItem)
        where T : class
    {
        if (workItem is not null)
        {
            _inFlight.TryAdd(workItem, 0);
        }

        return workItem!;
    }

    private void Untrack(object workItem) => _inFlight.TryRemove(workItem, out _);
}
