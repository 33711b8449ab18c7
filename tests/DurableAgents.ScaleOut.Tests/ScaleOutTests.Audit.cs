using DurableAgents.ScaleOut.Tests.Audit;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>After the runs: every step ran, and each step that ran more than once is an at-least-once case, not a real repeat.</summary>
public sealed partial class ScaleOutTests
{
    private sealed record AuditResult(int Repeats, int AfterResultRecorded);

    private async Task<AuditResult> AuditRepeatsAsync(ScaleOutCluster cluster, KillRecord kill, OutageRecord outage)
    {
        var executions = ProcessLogs.ReadExecutions(cluster.LogFolder);
        Assert.Equal(Runs * RunShape.Steps, executions.Select(e => e.Key).Distinct().Count());

        // Only the instances with a repeated step need their history read.
        var history = new HistoryTable(cluster.ConnectionString, cluster.TaskHub);
        var recorded = new Dictionary<string, IReadOnlyDictionary<int, DateTime>>();
        foreach (var instanceId in executions.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.First().InstanceId).Distinct())
        {
            recorded[instanceId] = await history.ResultsRecordedAsync(instanceId);
        }

        var audit = new RepeatAudit
        {
            VictimProcessId = kill.Victim.ProcessId,
            KilledAt = kill.At,
            OutageFrom = outage.From,
            OutageTo = outage.To,
            Events = ProcessLogs.ReadEvents(cluster.LogFolder),
            ResultRecordedAt = (instanceId, step) => recorded.GetValueOrDefault(instanceId)?.TryGetValue(step, out var at) == true ? at : null,
        };
        var repeats = audit.Find(executions);
        foreach (var cause in repeats.Where(r => r.Problem is null).SelectMany(r => r.Causes).GroupBy(c => c))
        {
            Note($"{cause.Count()} steps repeated [{cause.Key.Tag}]: {cause.Key.Explanation}");
        }

        var afterRecorded = repeats.Count(r => r.Problem is null && r.RanAfterResultRecorded);
        Note($"{afterRecorded} of them ran again after their result was in the history, from a message sent or left undeleted before that");
        var problems = repeats.Where(r => r.Problem is not null).Select(r => Describe(r, audit, kill.At, outage)).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} steps ran again with no at-least-once cause:\n{string.Join("\n", problems.Take(10))}");
        return new AuditResult(repeats.Count, afterRecorded);
    }

    // Times are seconds after the kill, so a reader can line the repeat up with the kill, the outage and the faults.
    private static string Describe(Repeat repeat, RepeatAudit audit, DateTime killedAt, OutageRecord outage)
    {
        string At(DateTime at) => $"{(at - killedAt).TotalSeconds:F1}";
        var first = repeat.Executions[0];
        var (deliveries, sends) = audit.MessagesOf(first.InstanceId, first.Step);
        var runs = string.Join("; ", repeat.Executions.Select(e => $"pid {e.ProcessId} at {At(e.At)}"));
        var messages = sends.Select(s => $"\n    {At(s.At)} pid {s.ProcessId} sent it")
            .Concat(deliveries.Select(d => $"\n    {At(d.At)} pid {d.ProcessId} received {d.MessageId} "
                + $"(dequeue {d.Fields.GetValueOrDefault("DequeueCount")}, queued for {d.Fields.GetValueOrDefault("Age")} ms)"));
        var faults = audit.FaultsOf(first.InstanceId).Select(f => $"\n    {At(f.At)} pid {f.ProcessId} {f.Event}: {f.Message[..Math.Min(300, f.Message.Length)]}");
        return $"{repeat.Key}: {repeat.Problem}. Ran at {runs} (s after the kill; outage {At(outage.From)}-{At(outage.To)}); its messages:"
            + $"{string.Concat(messages)}\n  faults naming its instance:{string.Concat(faults)}";
    }
}
