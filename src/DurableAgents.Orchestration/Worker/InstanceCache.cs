using DurableAgents.Orchestration.Execution;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Live orchestrators by instance id, least recently used evicted first.</summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecutor>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecutor> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Takes the instance's executor out of the cache (the caller owns it until it puts it back).</summary>
    public OrchestrationExecutor? Take(string instanceId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            return node.Value;
        }
    }

    public void Put(OrchestrationExecutor executor)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(executor.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            _entries[executor.InstanceId] = _order.AddFirst(executor);
            while (_entries.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.InstanceId);
            }
        }
    }
}
