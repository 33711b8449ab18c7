using DurableAgents.DurableTask.Sqlite.Storage;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>An activity result's write (delete the work item, store the result) held back until the next commit: the
/// episode that consumes the result takes it over (then the result is stored only as history), or the next commit of
/// anything else, or a short timer, sends it to the writer.</summary>
internal sealed class DeferredWrite(WriteSet set)
{
    public WriteSet Set { get; } = set;

    /// <summary>Handed to the writer, or absorbed by an episode.</summary>
    public bool Taken { get; set; }
}
