using DurableAgents.Agents;
using DurableAgents.Models;
using DurableAgents.Patterns;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Patterns;

/// <summary>Issue 14, part 3: a plan as structured output; tool steps as activities, agent steps as sub-runs told the plan; replans.</summary>
public sealed class PlanExecuteTests : PatternTestBase
{
    private readonly ScriptedChatClient _planner = new();
    private readonly ScriptedChatClient _helper = new();

    private Task StartPlannerAsync(IChatClient model, int replans = 2) => StartAsync(b => b
        .AddAgent(Agent("planner", model, a =>
        {
            a.Pattern = new PlanExecutePattern { Executors = ["helper"], Replans = replans };
            a.Tools.Add(new AgentTool(BuiltInTools.Calculator()));
            a.Tools.Add(new AgentTool(BuiltInTools.HttpGet()));
        }))
        .AddAgent(Agent("helper", _helper)));

    [Fact]
    public async Task ToolStepsRunAsActivities_AgentStepsAsSubRunsThatAreToldThePlan()
    {
        await StartPlannerAsync(_planner);
        _planner.Then(_ => Json(new
        {
            steps = new object[]
            {
                new { executor = "calculator", task = "compute 6 * 7", arguments = new { expression = "6 * 7" } },
                new { executor = "helper", task = "explain the number", arguments = new { } },
            },
        }));
        _helper.ThenAnswer("42 is the answer.");
        _planner.Then(_ => Json(new { answer = "6 * 7 = 42, and 42 is the answer." }));

        var result = await ResultAsync(await Host.Runs.StartRunAsync("planner", "Compute 6 * 7 and explain it", "pe-1"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("6 * 7 = 42, and 42 is the answer.", result.Answer);
        var compose = _planner.Calls[^1].UserTexts.Last();
        Assert.Contains("Result: {\"task\":\"compute 6 * 7\",\"executor\":\"calculator\",\"arguments\":{\"expression\":\"6 * 7\"},\"text\":\"42\"}", compose, StringComparison.Ordinal);
        var told = _helper.Calls[0].UserTexts.First();
        Assert.Contains("Goal: Compute 6 * 7 and explain it", told, StringComparison.Ordinal);
        Assert.Contains("1. [done] calculator: compute 6 * 7", told, StringComparison.Ordinal);
        Assert.Contains("2. [running] helper: explain the number", told, StringComparison.Ordinal);
        Assert.Contains("- compute 6 * 7: 42", told, StringComparison.Ordinal);
        var audit = (await Host.Runs.GetAuditAsync("pe-1"))!;
        Assert.Equal(["calculator", "helper"], audit.Entries.Where(e => e.RunId == "pe-1").Select(e => e.Tool));
        Assert.Contains("pe-1:p0-s2", audit.Runs);
    }

    [Fact]
    public async Task AFailedStep_IsReplanned_WithTheFailureInThePrompt()
    {
        await StartPlannerAsync(new OfflineChatClient());
        _helper.Fallback = _ => Reply.Text("The status service reports OK.");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("planner", "Fetch http://127.0.0.1:9/status, then compute 17 * 23.", "pe-2"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(OfflineChatClient.Label + "Fetch http://127.0.0.1:9/status: The status service reports OK.\n17 * 23 = 391.", result.Answer);
        var plan = (await Host.Runs.GetRunAsync("pe-2"))!.Status!.Detail!.Value;
        Assert.Equal(1, plan.GetProperty("replans").GetInt32());
        Assert.Contains("Failed: http_get | Fetch http://127.0.0.1:9/status | ", await PromptsAsync("pe-2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatDoesNotFit_FallsBackToTheStepsResults()
    {
        await StartPlannerAsync(_planner);
        _planner.Then(_ => Json(new { steps = new object[] { new { executor = "calculator", task = "compute 2 + 3", arguments = new { expression = "2 + 3" } } } }));
        _planner.Fallback = _ => Reply.Text("five, I think");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("planner", "Compute 2 + 3", "pe-4"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("compute 2 + 3: 5", result.Answer);
    }

    [Fact]
    public async Task WhenEveryReplanFails_TheRunEndsWithAReport()
    {
        await StartPlannerAsync(_planner, replans: 1);
        _planner.Fallback = _ => Json(new { steps = new object[] { new { executor = "calculator", task = "divide", arguments = new { expression = "1 / (" } } } });

        var result = await ResultAsync(await Host.Runs.StartRunAsync("planner", "Divide", "pe-3"));

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.Report!.Attempts.Count);
        Assert.Equal("replans 1 of 1", result.Report.Budget);
        Assert.Contains("step 1: divide", result.Report.Stage, StringComparison.Ordinal);
    }

    private async Task<string> PromptsAsync(string runId)
    {
        var head = (await Host.Runs.GetRunAsync(runId))!.Result!.Conversation;
        var log = new DurableAgents.Runs.Conversation.ConversationLog(Host.Store);
        return string.Join("\n", (await log.GetMessagesAsync(head)).Select(m => m.Text));
    }
}
