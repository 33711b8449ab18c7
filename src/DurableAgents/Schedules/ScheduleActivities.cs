using Microsoft.DurableTask;
using DurableAgents.Durability;
using DurableAgents.Runs;

namespace DurableAgents.Schedules;

/// <summary>What the schedule asks the start activity to do.</summary>
/// <param name="RunId">The deterministic run id.</param>
/// <param name="Agent">The agent.</param>
/// <param name="Input">The goal.</param>
/// <param name="Occurrence">The occurrence (UTC); null for a manual trigger.</param>
/// <param name="User">The user the run is for; null for none (and in requests recorded before schedules had users).</param>
public sealed record ScheduledRunRequest(string RunId, string Agent, string Input, DateTime? Occurrence, string? User = null);

/// <summary>What the start activity did.</summary>
/// <param name="Started">True when this call started the run.</param>
/// <param name="Message">Why not, when it did not.</param>
public sealed record ScheduledRunStart(bool Started, string? Message);

/// <summary>Starts a scheduled run; a run that already exists with this id (in any state) is left alone, so an occurrence fires once.</summary>
/// <remarks>Runs at least once: the existence check plus the backend's refusal of a duplicate id make a repeat harmless.</remarks>
public sealed class StartScheduledRunActivity(AgentRunClient runs) : TaskActivity<ScheduledRunRequest, ScheduledRunStart>
{
    /// <inheritdoc />
    public override Task<ScheduledRunStart> RunAsync(TaskActivityContext context, ScheduledRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScheduledRuns.StartAsync(runs, input, CancellationToken.None);
    }
}

/// <summary>True while a run is pending, running or suspended.</summary>
public sealed class IsRunActiveActivity(AgentRunClient runs) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = await runs.Orchestrations.GetInstanceAsync(input, cancellation: CancellationToken.None);
        return metadata.IsLive(); // A run scheduled but not yet dispatched is Pending: it counts as running for the overlap policy.
    }
}
