using Microsoft.DurableTask;

namespace DurableAgents.Runs.Audit;

/// <summary>Input of the audit activity: the chain so far and the entries to add.</summary>
/// <param name="Head">The audit chain's head (null for the first entries).</param>
/// <param name="Entries">The entries of one step.</param>
public sealed record AuditAppendInput(string? Head, IReadOnlyList<AuditEntry> Entries);

/// <summary>
/// Writes a step's audit entries. Runs at least once; the write is content-addressed, so a repeat changes nothing. The entries are
/// made by the orchestrator from what it decided and recorded (permission, approval, outcome, orchestration time), not by tools.
/// </summary>
public sealed class AuditActivity(AuditLog log) : TaskActivity<AuditAppendInput, string>
{
    /// <summary>The activity name.</summary>
    public const string Name = "AgentRun_Audit";

    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, AuditAppendInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return log.AppendAsync(input.Head, input.Entries, CancellationToken.None);
    }
}
