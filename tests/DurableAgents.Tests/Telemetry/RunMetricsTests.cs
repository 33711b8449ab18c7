using DurableAgents.Runs;
using DurableAgents.Telemetry;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Telemetry;

/// <summary>The run metrics: counted once per decision (never again on replay), tokens and cost by model, the approvals gauge.</summary>
public sealed class RunMetricsTests : RunTestBase
{
    [Fact]
    public async Task Run_CountsStartOutcomeToolCallsTokensAndSteps()
    {
        await StartAsync(tools: [Tools.Lookup()]);
        using var metrics = new MetricRecorder(Host!.Services);
        Model.ThenCall(("c1", "lookup", """{"query":"a"}"""), ("c2", "nope", "{}")).ThenCall(("c3", "lookup", """{"query":"b"}""")).ThenAnswer("done");

        await RunAsync();

        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.RunsStarted, ("gen_ai.agent.name", AgentName)));
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.RunsCompleted, ("gen_ai.agent.name", AgentName), ("durableagents.run.outcome", "Completed")));
        Assert.Equal(2, metrics.Sum(AgentTelemetryNames.ToolCalls, ("gen_ai.tool.name", "lookup"), ("durableagents.tool.status", "ok")));
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.ToolCalls, ("gen_ai.tool.name", "nope"), ("durableagents.tool.status", "unknown-tool")));
        Assert.Equal(300, metrics.Sum(AgentTelemetryNames.Tokens, ("gen_ai.request.model", "scripted-model"), ("gen_ai.token.type", "input")));
        Assert.Equal(60, metrics.Sum(AgentTelemetryNames.Tokens, ("gen_ai.request.model", "scripted-model"), ("gen_ai.token.type", "output")));
        Assert.Equal(3, metrics.Of(AgentTelemetryNames.Cost).Count);
        Assert.Equal(3, metrics.Of(AgentTelemetryNames.StepDuration).Count);
    }

    [Fact]
    public async Task ApprovalsWaitingGauge_ReadsTheTaskHub()
    {
        await StartAsync(tools: [Tools.Send()], more: b => b.Services.Configure<AgentTelemetryOptions>(o => o.ApprovalsWaitingRefresh = TimeSpan.Zero));
        using var metrics = new MetricRecorder(Host!.Services);
        Model.ThenCall(("m1", "send_mail", """{"to":"a@example.com","body":"x"}"""), ("m2", "send_mail", """{"to":"b@example.com","body":"y"}""")).ThenAnswer("sent");
        var id = await Host.Runs.StartRunAsync(AgentName, "Mail both.");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);

        await TestDeadline.WaitUntilAsync(() => metrics.Observe(AgentTelemetryNames.ApprovalsWaiting).Any(r => r.Value == 2 && Equals(r.Tags["gen_ai.agent.name"], AgentName)), "the gauge shows 2 waiting calls");
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));
        await Host.WaitForResultAsync(id);

        await TestDeadline.WaitUntilAsync(() => metrics.Observe(AgentTelemetryNames.ApprovalsWaiting).Any(r => r.Value == 0 && Equals(r.Tags["gen_ai.agent.name"], AgentName)), "the gauge back at 0");
        Assert.Equal(2, metrics.Sum(AgentTelemetryNames.ToolCalls, ("gen_ai.tool.name", "send_mail"), ("durableagents.tool.status", "ok")));
    }

    [Fact]
    public async Task Restart_DoesNotCountAgain()
    {
        using var data = new TempFolder("da-metrics");
        await StartAsync(tools: [Tools.Send()], fileDataPath: data.Path);
        Model.ThenCall(("m1", "send_mail", """{"to":"a@example.com","body":"x"}""")).ThenAnswer("sent");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Mail.");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await StopHostAsync();

        await StartAsync(tools: [Tools.Send()], fileDataPath: data.Path);
        using var metrics = new MetricRecorder(Host!.Services);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));
        await Host.WaitForResultAsync(id);

        // The second host replays the first model call's step: it counts only what it decided (the approved call, the answer step).
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.ToolCalls, ("gen_ai.tool.name", "send_mail")));
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.RunsCompleted, ("gen_ai.agent.name", AgentName)));
        Assert.Empty(metrics.Of(AgentTelemetryNames.RunsStarted));
        Assert.Equal(100, metrics.Sum(AgentTelemetryNames.Tokens, ("gen_ai.token.type", "input"))); // the answer's model call only
    }
}
