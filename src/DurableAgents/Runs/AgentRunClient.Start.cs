using DurableAgents.Telemetry;

namespace DurableAgents.Runs;

/// <summary>Starting runs: each start opens the run's trace (its <c>invoke_agent</c> span) and counts the run.</summary>
public sealed partial class AgentRunClient
{
    /// <summary>
    /// Starts a run. A run id that exists in any state is refused with <see cref="RunAlreadyExistsException"/>, unless
    /// <paramref name="replaceFinished"/> is set and the existing run is a finished run of the same agent.
    /// Throws <see cref="AgentNotFoundException"/> for an agent that is not registered.
    /// </summary>
    public async Task<string> StartRunAsync(
        string agent, string goal, string? runId = null, bool replaceFinished = false, CancellationToken cancellationToken = default)
    {
        var definition = catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        ArgumentNullException.ThrowIfNull(goal);
        using var span = RunSpans.StartRun(definition.Name, runId, goal, _telemetry.EnableSensitiveData);
        try
        {
            var id = await ScheduleRunAsync(definition, goal, runId, replaceFinished, RunSpans.TraceParentFor(span), cancellationToken);
            span?.SetTag(SpanTags.RunId, id);
            _telemetry.RunStarted(definition.Name);
            return id;
        }
        catch (Exception ex)
        {
            span.Fail(ex);
            throw;
        }
    }
}
