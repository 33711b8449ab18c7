namespace DurableAgents.DurableTask.Sqlite.Logging;

/// <summary>Stable event ids of the provider's logs (never renumber; add new ids at the end of a range).</summary>
internal static class LogEvents
{
    public const int SchemaApplied = 1;
    public const int ServiceOpened = 2;
    public const int ServiceClosed = 3;
    public const int RecoveredWork = 4;

    public const int MessageDropped = 10;
    public const int ActivityResultDropped = 11;
    public const int OrchestrationWorkItemAbandoned = 12;
    public const int ActivityWorkItemAbandoned = 13;
    public const int SubOrchestrationRefused = 14;
    public const int StaleActivityCompletion = 15;

    public const int CommitFailed = 20;
    public const int GroupCommitted = 21;
    public const int WriteFailed = 22;
}
