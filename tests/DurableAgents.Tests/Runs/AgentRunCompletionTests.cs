using DurableAgents.Runs;
using DurableAgents.Runs.Pricing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Runs;

public sealed class AgentRunCompletionTests : RunTestBase
{
    [Fact]
    public async Task Run_CallsToolThenCompletesWithAnswerAndRecords()
    {
        await StartAsync();
        Model.ThenCall(("c1", "lookup", """{"query":"paris"}""")).ThenAnswer("Paris is the capital.");

        var result = await RunAsync("What is the capital of France?");

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("Paris is the capital.", result.Answer);
        Assert.Equal(2, result.Steps);
        var record = Assert.Single(result.ToolCalls);
        Assert.Equal(("c1", "lookup", "ok", 1), (record.CallId, record.Tool, record.Status, record.Step));
        Assert.Contains("result for paris", ResultSeen(1, "c1"));
        Assert.Equal(["lookup:paris"], Tools.Invocations);
    }

    [Fact]
    public async Task Run_SendsInstructionsGoalAndToolDeclarationsToTheModel()
    {
        await StartAsync();
        Model.ThenAnswer("done");

        await RunAsync("the goal");

        var call = Assert.Single(Model.Calls);
        Assert.Equal(ChatRole.System, call.Messages[0].Role);
        Assert.Contains("You are a test agent.", call.Messages[0].Text);
        Assert.Contains("untrusted data", call.Messages[0].Text);
        Assert.Equal("the goal", call.Messages[1].Text);
        var tool = Assert.Single(call.Options!.Tools!);
        Assert.Equal("lookup", tool.Name);
        Assert.False(tool is AIFunction); // a declaration only: the client cannot invoke tools itself
        Assert.Equal("model", call.Context!.Kind);
    }

    [Fact]
    public async Task Run_SumsUsageAndCostFromThePriceTable()
    {
        await StartAsync(more: b => b.Services.AddSingleton(ModelPriceTable.CreateDefault().Set("scripted-model", new ModelPrice(1m, 2m))));
        Model.Then(_ => Reply.CallsWithUsage(1000, 100, ("c1", "lookup", """{"query":"a"}""")))
            .Then(_ => Reply.Text("done", 2000, 200));

        var result = await RunAsync();

        Assert.Equal(new RunUsage(3000, 300, ((3000 * 1m) + (300 * 2m)) / 1_000_000m), result.Usage);
    }

    [Fact]
    public async Task Run_ParallelCallsAllRunAndResultsComeBackInCallOrder()
    {
        await StartAsync();
        Model.ThenCall(("a", "lookup", """{"query":"one"}"""), ("b", "lookup", """{"query":"two"}"""), ("c", "lookup", """{"query":"three"}"""))
            .ThenAnswer("done");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["a", "b", "c"], result.ToolCalls.Select(c => c.CallId));
        var ids = Model.Calls[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId);
        Assert.Equal(["a", "b", "c"], ids);
        Assert.Equal(3, Tools.Invocations.Count);
    }

    [Fact]
    public async Task Run_UnknownAgentEndsFailedWithReason()
    {
        await StartAsync();
        var id = await Host!.Orchestrations.ScheduleNewOrchestrationInstanceAsync(AgentRunNames.Orchestrator, new AgentRunInput("nobody", "x"));

        var result = await Host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Contains("nobody", result.Reason);
    }
}
