namespace DurableAgents.Telemetry;

/// <summary>The names under which DurableAgents emits traces and metrics (subscribe to them with <c>AddSource</c> and <c>AddMeter</c>).</summary>
public static class AgentTelemetryNames
{
    /// <summary>The ActivitySource of runs: the run's start, durable activities, tool calls, approval waits and timers.</summary>
    public const string ActivitySource = "DurableAgents";

    /// <summary>The ActivitySource and Meter of model calls: GenAI <c>chat</c> spans and <c>gen_ai.client.*</c> metrics (Microsoft.Extensions.AI).</summary>
    public const string ModelSource = "DurableAgents.Models";

    /// <summary>The Meter of runs, tool calls, approvals, tokens, cost and steps.</summary>
    public const string Meter = "DurableAgents";

    /// <summary>Counter of runs started, by agent.</summary>
    public const string RunsStarted = "durableagents.runs.started";

    /// <summary>Counter of runs finished, by agent and outcome.</summary>
    public const string RunsCompleted = "durableagents.runs.completed";

    /// <summary>Counter of tool calls decided, by agent, tool and status (ok, error, timeout, rejected, refused, ...).</summary>
    public const string ToolCalls = "durableagents.tool_calls";

    /// <summary>Gauge of tool calls waiting for a human decision, by agent.</summary>
    public const string ApprovalsWaiting = "durableagents.approvals.waiting";

    /// <summary>Counter of model tokens, by agent, model and token type (input, output).</summary>
    public const string Tokens = "durableagents.tokens";

    /// <summary>Counter of model cost in USD (from the price table), by agent and model.</summary>
    public const string Cost = "durableagents.cost";

    /// <summary>Histogram of step durations in seconds (one model call and the tool calls it asked for, approval waits included), by agent.</summary>
    public const string StepDuration = "durableagents.step.duration";
}
