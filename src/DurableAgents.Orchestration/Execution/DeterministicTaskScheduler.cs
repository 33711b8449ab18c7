namespace DurableAgents.Orchestration.Execution;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the thread that drains it, so that replay is deterministic:
/// awaits inside orchestrator code capture this scheduler and their continuations run only when the executor drains.
/// </summary>
internal sealed class DeterministicTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();
    private readonly Lock _gate = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs queued work until none is left.</summary>
    public void Drain()
    {
        while (true)
        {
            Task? next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next))
                {
                    return;
                }
            }

            TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            _queue.Enqueue(task);
        }
    }

    // Never inline: continuations must run in the order the executor drains them.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return _queue.ToArray();
        }
    }
}
