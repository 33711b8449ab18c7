using System.Collections.Concurrent;
using System.Diagnostics;
using DurableAgents.Telemetry;

namespace DurableAgents.Tests.Telemetry;

/// <summary>Records every finished span of DurableAgents' sources in this process (tests tell their runs apart by trace id).</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AgentTelemetryNames.ActivitySource or AgentTelemetryNames.ModelSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The start span of a run (its <c>invoke_agent</c> span names the run id).</summary>
    public Activity RunStart(string runId) =>
        _spans.SingleOrDefault(s => s.OperationName.StartsWith("invoke_agent ", StringComparison.Ordinal) && Equals(s.GetTagItem("durableagents.run.id"), runId))
        ?? throw new InvalidOperationException($"No invoke_agent span for run {runId}; spans: {string.Join(", ", _spans.Select(s => s.DisplayName))}");

    /// <summary>Every span of the trace that <paramref name="runId"/> started.</summary>
    public IReadOnlyList<Activity> TraceOf(string runId)
    {
        var trace = RunStart(runId).TraceId;
        return _spans.Where(s => s.TraceId == trace).ToList();
    }

    /// <summary>Waits until the run's trace has at least <paramref name="count"/> spans named <paramref name="prefix"/>...</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(string runId, string prefix, int count = 1)
    {
        await Testing.TestDeadline.WaitUntilAsync(
            () => _spans.Any(s => Equals(s.GetTagItem("durableagents.run.id"), runId)) && TraceOf(runId).Count(s => s.DisplayName.StartsWith(prefix, StringComparison.Ordinal)) >= count,
            $"{count} '{prefix}' span(s) in run {runId}");
        return TraceOf(runId);
    }

    public void Dispose() => _listener.Dispose();
}
