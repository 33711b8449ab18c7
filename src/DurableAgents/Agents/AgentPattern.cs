namespace DurableAgents.Agents;

/// <summary>
/// What a run of an agent is when it is not the model-and-tools loop: an orchestration over other agents (a supervisor team, a
/// pipeline, plan-and-execute, agents that exchange messages). Set it on <see cref="AgentDefinition.Pattern"/>; a run of the agent
/// then starts <see cref="Orchestrator"/> with the same input, status and result contracts as the loop, so the runs API, approvals
/// and audits work for it unchanged.
/// </summary>
public abstract record AgentPattern
{
    /// <summary>The orchestrator a run of the agent starts.</summary>
    public abstract string Orchestrator { get; }

    /// <summary>Every orchestrator name whose instances are runs of this pattern (the run's own and any long-running parts).</summary>
    public virtual IEnumerable<string> Orchestrators => [Orchestrator];

    /// <summary>The agents the pattern hands work to; each must be registered.</summary>
    public abstract IEnumerable<string> Agents { get; }
}
