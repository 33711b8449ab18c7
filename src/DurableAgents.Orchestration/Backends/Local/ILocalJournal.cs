namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>Makes local commits durable: applies each to the store only once it is on disk, in log order.</summary>
internal interface ILocalJournal : IAsyncDisposable
{
    /// <summary>Rebuilds the store from disk.</summary>
    Task OpenAsync(LocalStore store, CancellationToken cancellationToken);

    /// <summary>Writes the commit durably, then applies it; throws the store's refusal if it refused it.</summary>
    Task AppendAsync(LocalCommit commit);
}
