using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Sqlite.Logging;

/// <summary>Source-generated log messages of the provider (ids in <see cref="LogEvents"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(LogEvents.SchemaApplied, LogLevel.Information, "Applied schema {Version} to task hub database {Path}")]
    public static partial void SchemaApplied(ILogger logger, string path, string version);

    [LoggerMessage(LogEvents.ServiceOpened, LogLevel.Information, "Opened task hub database {Path}: {Instances} instances, {Messages} messages, {Activities} activities, in {ElapsedMs} ms")]
    public static partial void ServiceOpened(ILogger logger, string path, int instances, int messages, int activities, long elapsedMs);

    [LoggerMessage(LogEvents.ServiceClosed, LogLevel.Information, "Closed task hub database {Path}")]
    public static partial void ServiceClosed(ILogger logger, string path);

    [LoggerMessage(LogEvents.RecoveredWork, LogLevel.Information, "Recovered in-flight work from {Path}: {ReadyInstances} instances with messages, {Timers} timers, {Activities} activities to run")]
    public static partial void RecoveredWork(ILogger logger, string path, int readyInstances, int timers, int activities);

    [LoggerMessage(LogEvents.MessageDropped, LogLevel.Warning, "Dropped a {EventType} message for instance '{InstanceId}': {Reason}")]
    public static partial void MessageDropped(ILogger logger, string instanceId, string eventType, string reason);

    [LoggerMessage(LogEvents.ActivityResultDropped, LogLevel.Information, "Dropped the result of an activity of instance '{InstanceId}': {Reason}")]
    public static partial void ActivityResultDropped(ILogger logger, string instanceId, string reason);

    [LoggerMessage(LogEvents.OrchestrationWorkItemAbandoned, LogLevel.Warning, "Orchestration work item of instance '{InstanceId}' was abandoned; its {Count} messages are offered again after {DelayMs} ms")]
    public static partial void OrchestrationWorkItemAbandoned(ILogger logger, string instanceId, int count, long delayMs);

    [LoggerMessage(LogEvents.ActivityWorkItemAbandoned, LogLevel.Warning, "Activity work item {WorkItemId} of instance '{InstanceId}' was abandoned; it is offered again after {DelayMs} ms")]
    public static partial void ActivityWorkItemAbandoned(ILogger logger, string workItemId, string instanceId, long delayMs);

    [LoggerMessage(LogEvents.SubOrchestrationRefused, LogLevel.Warning, "Instance '{ParentId}' asked to start sub-orchestration '{ChildId}', which already exists and is {Status}; the parent is told it failed")]
    public static partial void SubOrchestrationRefused(ILogger logger, string parentId, string childId, string status);

    [LoggerMessage(LogEvents.StaleActivityCompletion, LogLevel.Warning, "Ignored a completion of activity work item {WorkItemId}: it is not locked by this service (completed or abandoned before)")]
    public static partial void StaleActivityCompletion(ILogger logger, string workItemId);

    [LoggerMessage(LogEvents.CommitFailed, LogLevel.Error, "A group commit of {Count} writes failed; retrying them one by one")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(LogEvents.GroupCommitted, LogLevel.Trace, "Committed {Count} writes (full sync: {FullSync}) in {ElapsedUs} us")]
    public static partial void GroupCommitted(ILogger logger, int count, bool fullSync, long elapsedUs);

    [LoggerMessage(LogEvents.WriteFailed, LogLevel.Error, "A write to the task hub database failed and was reported to its caller")]
    public static partial void WriteFailed(ILogger logger, Exception exception);
}
