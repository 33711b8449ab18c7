using DurableAgents.Runs;

namespace DurableAgents.Schedules;

/// <summary>Starts the run of one occurrence, once: shared by the durable schedule's start activity and the Functions timer triggers.</summary>
public static class ScheduledRuns
{
    /// <summary>
    /// Starts <paramref name="request"/>'s run under its deterministic id; a run that already has the id (in any state) is left
    /// alone, so two starts of one occurrence (a retried activity, a timer that fires twice) start one run.
    /// </summary>
    public static async Task<ScheduledRunStart> StartAsync(AgentRunClient runs, ScheduledRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await runs.StartRunAsync(request.Agent, request.Input, new AgentRunStartOptions { RunId = request.RunId, User = request.User }, cancellationToken);
            return new ScheduledRunStart(true, null);
        }
        catch (RunAlreadyExistsException)
        {
            return new ScheduledRunStart(false, $"Run {request.RunId} already exists; not started again.");
        }
        catch (AgentNotFoundException e)
        {
            // Not retryable: the caller records it and keeps its rhythm instead of failing for good.
            return new ScheduledRunStart(false, e.Message);
        }
    }
}
