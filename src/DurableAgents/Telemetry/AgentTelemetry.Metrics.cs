using System.Diagnostics.Metrics;
using DurableAgents.Runs;

namespace DurableAgents.Telemetry;

/// <summary>The run metrics. Activities and the run client record them; orchestrator code only when it is not replaying.</summary>
public sealed partial class AgentTelemetry
{
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsCompleted;
    private readonly Counter<long> _toolCalls;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Histogram<double> _stepDuration;

    internal void RunStarted(string agent) => _runsStarted.Add(1, new KeyValuePair<string, object?>(SpanTags.AgentName, agent));

    internal void RunCompleted(string agent, AgentRunOutcome outcome) => _runsCompleted.Add(1,
        new KeyValuePair<string, object?>(SpanTags.AgentName, agent),
        new KeyValuePair<string, object?>(SpanTags.RunOutcome, outcome.ToString()));

    internal void ToolCallDecided(string agent, string tool, string status) => _toolCalls.Add(1,
        new KeyValuePair<string, object?>(SpanTags.AgentName, agent),
        new KeyValuePair<string, object?>(SpanTags.ToolName, tool),
        new KeyValuePair<string, object?>(SpanTags.ToolStatus, status));

    internal void ModelUsed(string agent, string? model, RunUsage usage)
    {
        var modelTag = new KeyValuePair<string, object?>(SpanTags.RequestModel, model ?? "unknown");
        var agentTag = new KeyValuePair<string, object?>(SpanTags.AgentName, agent);
        _tokens.Add(usage.InputTokens, agentTag, modelTag, new KeyValuePair<string, object?>(SpanTags.TokenType, "input"));
        _tokens.Add(usage.OutputTokens, agentTag, modelTag, new KeyValuePair<string, object?>(SpanTags.TokenType, "output"));
        _cost.Add((double)usage.CostUsd, agentTag, modelTag);
    }

    internal void StepFinished(string agent, TimeSpan duration) =>
        _stepDuration.Record(Math.Max(0, duration.TotalSeconds), new KeyValuePair<string, object?>(SpanTags.AgentName, agent));

    /// <summary>Observes tool calls waiting for approval (the gauge's callback must not block: it returns a snapshot).</summary>
    internal ObservableGauge<long> ObserveApprovalsWaiting(Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge(AgentTelemetryNames.ApprovalsWaiting, observe, "{call}", "Tool calls waiting for a human decision.");

    private static (Counter<long>, Counter<long>, Counter<long>, Counter<long>, Counter<double>, Histogram<double>) CreateInstruments(Meter meter) => (
        meter.CreateCounter<long>(AgentTelemetryNames.RunsStarted, "{run}", "Agent runs started."),
        meter.CreateCounter<long>(AgentTelemetryNames.RunsCompleted, "{run}", "Agent runs finished, by outcome."),
        meter.CreateCounter<long>(AgentTelemetryNames.ToolCalls, "{call}", "Tool calls decided, by tool and status."),
        meter.CreateCounter<long>(AgentTelemetryNames.Tokens, "{token}", "Model tokens, by model and type."),
        meter.CreateCounter<double>(AgentTelemetryNames.Cost, "USD", "Model cost from the price table, by model."),
        meter.CreateHistogram<double>(AgentTelemetryNames.StepDuration, "s", "Time per step: a model call and the tool calls it asked for.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] }));
}
