using DurableAgents.Orchestration.Backends.Local;

namespace DurableAgents.Orchestration.Backends.InMemory;

/// <summary>A backend that keeps everything in memory: fast, for tests; nothing survives the process.</summary>
public sealed class InMemoryOrchestrationService : LocalOrchestrationService
{
    /// <summary>Creates an empty in-memory backend.</summary>
    public InMemoryOrchestrationService(TimeProvider? timeProvider = null) : base(null, timeProvider)
    {
    }
}
