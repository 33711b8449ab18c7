using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

/// <summary>An extended session: the locked instance's live orchestrator waits here for its next messages, so DTFx
/// resumes it (its cursor) instead of replaying the history.</summary>
internal sealed class SqliteOrchestrationSession(SqliteOrchestrationService service, SqliteWorkItem workItem) : IOrchestrationSession
{
    /// <inheritdoc/>
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem1) =>
        service.FetchSessionMessagesAsync(workItem);

    /// <inheritdoc/>
    public Task EndSessionAsync() => Task.CompletedTask;
}
