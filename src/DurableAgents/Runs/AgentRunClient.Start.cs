using DurableAgents.Telemetry;

namespace DurableAgents.Runs;

/// <summary>How a run is started (see <see cref="AgentRunClient.StartRunAsync(string, string, AgentRunStartOptions, CancellationToken)"/>).</summary>
public sealed record AgentRunStartOptions
{
    /// <summary>The run id; a new one when null.</summary>
    public string? RunId { get; init; }

    /// <summary>Reuse <see cref="RunId"/> when it names a finished run of the same agent (otherwise an existing id is refused).</summary>
    public bool ReplaceFinished { get; init; }

    /// <summary>
    /// The user the run is for (<see cref="AgentRunInput.User"/>; <see cref="UserKeys"/> rules): its memory tools remember and
    /// recall in that user's scope as the agent's policy says. Null for no user.
    /// </summary>
    public string? User { get; init; }
}

/// <summary>Starting runs: each start opens the run's trace (its <c>invoke_agent</c> span) and counts the run.</summary>
public sealed partial class AgentRunClient
{
    /// <summary>
    /// Starts a run. A run id that exists in any state is refused with <see cref="RunAlreadyExistsException"/>, unless
    /// <paramref name="replaceFinished"/> is set and the existing run is a finished run of the same agent.
    /// Throws <see cref="AgentNotFoundException"/> for an agent that is not registered.
    /// </summary>
    public Task<string> StartRunAsync(
        string agent, string goal, string? runId = null, bool replaceFinished = false, CancellationToken cancellationToken = default) =>
        StartRunAsync(agent, goal, new AgentRunStartOptions { RunId = runId, ReplaceFinished = replaceFinished }, cancellationToken);

    /// <summary>
    /// Starts a run with <paramref name="options"/> (an id, replacing a finished run, the user it is for). Throws
    /// <see cref="AgentNotFoundException"/> for an unknown agent, <see cref="ArgumentException"/> for a user key that breaks the
    /// <see cref="UserKeys"/> rules, and <see cref="RunAlreadyExistsException"/> for an id that is taken.
    /// </summary>
    public async Task<string> StartRunAsync(string agent, string goal, AgentRunStartOptions options, CancellationToken cancellationToken = default)
    {
        var definition = catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(options);
        UserKeys.Validate(options.User, nameof(options));
        using var span = RunSpans.StartRun(definition.Name, options.RunId, goal, _telemetry.EnableSensitiveData);
        try
        {
            var id = await ScheduleRunAsync(definition, goal, options, RunSpans.TraceParentFor(span), cancellationToken);
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
