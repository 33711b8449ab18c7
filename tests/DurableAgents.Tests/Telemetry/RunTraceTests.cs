using System.Diagnostics;
using System.Globalization;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Telemetry;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Telemetry;

/// <summary>A run's spans: one trace from its start, GenAI chat and execute_tool spans inside activity spans, approval and timer spans.</summary>
public sealed class RunTraceTests : RunTestBase, IAsyncDisposable
{
    private readonly SpanRecorder _spans = new();

    [Fact]
    public async Task Run_IsOneTrace_WithChatSpansOfAnyModelAndToolSpans()
    {
        await StartAsync(FastPolicy with { ContinueAsNewEvery = 1 }); // the second model call is in the run's second generation
        Model.ThenCall(("c1", "lookup", """{"query":"north"}""")).ThenAnswer("done");

        var id = await Host!.Runs.StartRunAsync(AgentName, "Find the answer.");
        await Host.WaitForResultAsync(id);
        var trace = await _spans.WaitForAsync(id, "chat", 2);

        var root = _spans.RunStart(id);
        Assert.Equal("invoke_agent", root.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(AgentName, root.GetTagItem("gen_ai.agent.name"));
        var modelActivities = trace.Where(s => s.DisplayName == "activity:AgentRun_CallModel").ToList();
        Assert.Equal(2, modelActivities.Count);
        Assert.All(modelActivities, a => Assert.Equal(root.SpanId, a.ParentSpanId));

        var chats = trace.Where(s => s.DisplayName.StartsWith("chat", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, chat =>
        {
            Assert.Contains(modelActivities, a => a.SpanId == chat.ParentSpanId);
            Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("scripted-model", chat.GetTagItem("gen_ai.request.model"));
            Assert.Equal("scripted-model", chat.GetTagItem("gen_ai.response.model"));
            Assert.Equal(100, Convert.ToInt32(chat.GetTagItem("gen_ai.usage.input_tokens"), CultureInfo.InvariantCulture));
            Assert.Equal(20, Convert.ToInt32(chat.GetTagItem("gen_ai.usage.output_tokens"), CultureInfo.InvariantCulture));
        });
        Assert.Contains(chats, c => FinishReasons(c).Contains("tool_calls"));
        Assert.Contains(chats, c => FinishReasons(c).Contains("stop"));

        var tool = Assert.Single(trace, s => s.DisplayName == "execute_tool lookup");
        Assert.Equal("execute_tool", tool.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("lookup", tool.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("c1", tool.GetTagItem("gen_ai.tool.call.id"));
        var toolActivity = Assert.Single(trace, s => s.SpanId == tool.ParentSpanId);
        Assert.Equal("activity:AgentRun_CallTool", toolActivity.DisplayName);
        Assert.Equal(root.SpanId, toolActivity.ParentSpanId);
    }

    [Fact]
    public async Task ApprovalWaitAndRetryTimer_AreSpansOfTheRun()
    {
        await StartAsync(tools: [Tools.Send()]);
        Model.ThenThrow(new ModelCallException("busy", isTransient: true, statusCode: 503))
            .ThenCall(("m1", "send_mail", """{"to":"ana@example.com","body":"hi"}""")).ThenAnswer("sent");

        var id = await Host!.Runs.StartRunAsync(AgentName, "Mail Ana.");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "bob", Comment: "fine"));
        await Host.WaitForResultAsync(id);
        var trace = await _spans.WaitForAsync(id, "await_approval");

        var root = _spans.RunStart(id);
        var timer = Assert.Single(trace, s => s.DisplayName == "orchestration:AgentRun:timer");
        Assert.Equal("model_retry", timer.GetTagItem("durableagents.timer.reason"));
        Assert.Equal(root.SpanId, timer.ParentSpanId);
        var wait = Assert.Single(trace, s => s.DisplayName == $"await_approval {AgentName}");
        Assert.Equal(root.SpanId, wait.ParentSpanId);
        Assert.Equal(1, wait.GetTagItem("durableagents.approval.calls"));
        Assert.Equal(1, wait.GetTagItem("durableagents.approval.approved"));
        Assert.Equal(["send_mail"], (string[])wait.GetTagItem("durableagents.approval.tools")!);
        Assert.Null(wait.GetTagItem("durableagents.approval.decisions")); // who decided is personal data: only with sensitive data on
        Assert.True(wait.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task Trace_ContinuesAcrossARestart()
    {
        using var data = new DurableAgents.Testing.TempFolder("da-trace");
        await StartAsync(tools: [Tools.Send()], fileDataPath: data.Path);
        Model.ThenCall(("m1", "send_mail", """{"to":"ana@example.com","body":"hi"}""")).ThenAnswer("sent");
        var id = await Host!.Runs.StartRunAsync(AgentName, "Mail Ana.");
        await Host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        var before = _spans.TraceOf(id).Count;
        await StopHostAsync();

        await StartAsync(tools: [Tools.Send()], fileDataPath: data.Path);
        await Host!.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true));
        await Host.WaitForResultAsync(id);
        var trace = await _spans.WaitForAsync(id, "execute_tool send_mail");

        Assert.Single(trace, s => s.DisplayName.StartsWith("invoke_agent", StringComparison.Ordinal));
        Assert.Single(trace, s => s.DisplayName == "execute_tool send_mail");
        Assert.Single(trace, s => s.DisplayName == $"await_approval {AgentName}"); // emitted once, by the host that saw the decision
        Assert.True(trace.Count > before);
        Assert.All(trace.Where(s => s.DisplayName.StartsWith("activity:", StringComparison.Ordinal)), s => Assert.Equal(_spans.RunStart(id).SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task SubAgentRun_IsInTheParentsTrace_AndCountedAsStarted()
    {
        var helperModel = new ScriptedChatClient("helper-model").ThenAnswer("helped");
        await StartAsync(configure: a => a.SubAgents.Add("helper"), more: b => b.AddAgent("helper", a => a.Model = helperModel));
        using var metrics = new MetricRecorder(Host!.Services);
        Model.ThenCall(("s1", "helper", """{"task":"help me"}""")).ThenAnswer("done");

        var id = await Host.Runs.StartRunAsync(AgentName, "Delegate.");
        await Host.WaitForResultAsync(id);
        var trace = await _spans.WaitForAsync(id, "chat", 3);

        var helperChat = Assert.Single(trace, s => Equals(s.GetTagItem("gen_ai.request.model"), "helper-model"));
        var helperActivity = Assert.Single(trace, s => s.SpanId == helperChat.ParentSpanId);
        Assert.NotEqual(id, helperActivity.GetTagItem("durabletask.task.instance_id")); // the sub-run's own instance, in the parent's trace
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.RunsStarted, ("gen_ai.agent.name", "helper")));
        Assert.Equal(1, metrics.Sum(AgentTelemetryNames.RunsCompleted, ("gen_ai.agent.name", "helper")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Content_IsInSpansOnlyWithSensitiveDataOn(bool sensitive)
    {
        const string Goal = "secret-goal-text-4711";
        const string Arguments = """{"query":"secret-argument-0815"}""";
        await StartAsync(tools: [Tools.Lookup(result: q => $"secret-result-for-{q}")],
            more: b => b.Services.Configure<AgentTelemetryOptions>(o => o.EnableSensitiveData = sensitive));
        Model.ThenCall(("c1", "lookup", Arguments)).ThenAnswer("secret-answer-1234");

        var id = await Host!.Runs.StartRunAsync(AgentName, Goal);
        await Host.WaitForResultAsync(id);
        var trace = await _spans.WaitForAsync(id, "chat", 2);

        var text = string.Join("\n", trace.SelectMany(s => s.TagObjects.Select(t => t.Value is string[] a ? string.Join(",", a) : t.Value?.ToString())
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))));
        foreach (var secret in new[] { Goal, "secret-argument-0815", "secret-result-for-secret-argument-0815", "secret-answer-1234" })
        {
            Assert.True(sensitive == text.Contains(secret, StringComparison.Ordinal), $"'{secret}' in spans: {!sensitive}, sensitive data {sensitive}");
        }
    }

    private static string FinishReasons(Activity chat) => chat.GetTagItem("gen_ai.response.finish_reasons") switch
    {
        string[] reasons => string.Join(",", reasons),
        var other => other?.ToString() ?? "",
    };

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        _spans.Dispose();
        await DisposeAsync();
    }
}
