namespace DurableAgents.Hosting;

/// <summary>How <c>AddDurableAgents</c> sets agents up for the host that runs them.</summary>
public sealed record DurableAgentsOptions
{
    /// <summary>
    /// True (the default) to add the agent-run and schedule orchestrations and their activities to the Durable Task worker's
    /// registry, and to start the durable schedules. False for a host that runs them through functions of its own: in the Azure
    /// Functions isolated worker the tasks are hand-written <c>[OrchestrationTrigger]</c> / <c>[ActivityTrigger]</c> functions
    /// (the Functions extension would add every registry entry as a second function of the same name), and schedules are timer
    /// triggers, so only their definitions are registered.
    /// </summary>
    public bool RegisterTasks { get; init; } = true;
}
