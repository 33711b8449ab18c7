using Microsoft.DurableTask;

namespace DurableAgents.Runs.Audit;

/// <summary>Appends audit entries from orchestrator code: a durable activity call with retries; a trail that cannot be written ends the caller.</summary>
public static class AuditWriter
{
    /// <summary>The retries every write of an audit record gets.</summary>
    internal static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    /// <summary>Writes the entries after <paramref name="head"/> and returns the new head (the head unchanged when there are none).</summary>
    /// <exception cref="TaskFailedException">The store failed five times: the caller should end, since it can no longer keep its record.</exception>
    public static async Task<string?> AppendAuditAsync(this TaskOrchestrationContext context, string? head, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? head : await context.CallActivityAsync<string>(AuditActivity.Name, new AuditAppendInput(head, entries), Retries);
    }
}
