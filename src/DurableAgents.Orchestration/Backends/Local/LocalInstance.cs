using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>An instance as the local store holds it.</summary>
internal sealed class LocalInstance(OrchestrationState state)
{
    public OrchestrationState State { get; set; } = state;

    public List<HistoryEvent> History { get; } = [];

    /// <summary>Messages that may be delivered now, in arrival order.</summary>
    public List<TaskMessage> Inbox { get; } = [];

    /// <summary>Messages waiting for their visibility time (timers, delayed starts).</summary>
    public List<TaskMessage> Delayed { get; } = [];

    public bool Locked { get; set; }

    /// <summary>True while the instance id sits in the ready queue.</summary>
    public bool Queued { get; set; }
}
