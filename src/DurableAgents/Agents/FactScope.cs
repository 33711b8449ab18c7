namespace DurableAgents.Agents;

/// <summary>Where the facts an agent remembers are kept (see <see cref="MemoryPolicy.FactScope"/>).</summary>
public enum FactScope
{
    /// <summary>Agent-wide: every later run of the agent can recall them.</summary>
    Agent,

    /// <summary>
    /// Per session when the run is a session turn (scope <c>session:{id}</c>): only that session's turns recall them, beside the
    /// agent-wide facts. Runs outside sessions keep their facts agent-wide.
    /// </summary>
    Session,

    /// <summary>
    /// Per user when the run is for a user (<see cref="Runs.AgentRunInput.User"/>; scope <c>user:{key}</c>): only that user's runs
    /// and session turns recall them, beside the agent-wide facts. Runs for no user keep their facts agent-wide.
    /// </summary>
    User,
}
