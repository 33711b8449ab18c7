using DurableAgents.Memory;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Memory;

public sealed class RecallTests : RunTestBase
{
    [Fact]
    public async Task Recall_FindsAFactRememberedThreeRunsEarlier_AndNotOneBelowTheMinimumScore()
    {
        await StartAsync(tools: [MemoryTools.Remember(), MemoryTools.Recall()]);
        Model.ThenCall(("c1", "remember", """{"fact":"The Contoso invoices go to Dana in accounting."}""")).ThenAnswer("noted");
        var first = await Host!.Runs.StartRunAsync(AgentName, "Note who handles Contoso invoices.");
        Assert.Equal(AgentRunOutcome.Completed, (await Host.WaitForResultAsync(first)).Outcome);
        Model.ThenCall(("c1", "remember", """{"fact":"The office plants need water on Mondays."}""")).ThenAnswer("noted");
        await RunAsync("Note the plant schedule.");
        Model.ThenAnswer("nothing to do");
        await RunAsync("Say hello.");
        Model.ThenCall(("c1", "recall", """{"query":"who gets the Contoso invoices"}""")).ThenAnswer("Dana");

        var result = await RunAsync("Who should get the Contoso invoice?");

        var seen = ResultSeen(Model.Calls.Count - 1, "c1");
        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Contains("The Contoso invoices go to Dana in accounting.", seen);
        Assert.Contains($"in run {first} step 1", seen);
        Assert.DoesNotContain("plants", seen);
        var plants = await Host.Services.GetRequiredService<AgentMemory>().SearchAsync(AgentName, MemoryKinds.Fact, "who gets the Contoso invoices", 5, -1);
        Assert.Contains(plants, m => m.Record.Text.Contains("plants", StringComparison.Ordinal) && m.Score < FastPolicy.Memory.RecallMinScore);
    }

    [Fact]
    public async Task Remember_OfAnEmptyFact_GoesBackToTheModelAsAnError_AndStoresNothing()
    {
        await StartAsync(tools: [MemoryTools.Remember(), MemoryTools.Recall()]);
        Model.ThenCall(("c1", "remember", """{"fact":"  "}""")).ThenCall(("c2", "recall", """{"query":"anything","top":50}""")).ThenAnswer("done");

        await RunAsync("Remember nothing.");

        Assert.Contains("The fact is empty", ResultSeen(1, "c1"));
        Assert.Contains("'top' is 50", ResultSeen(2, "c2"));
        Assert.Empty(await Host!.Services.GetRequiredService<AgentMemory>().ListAsync(AgentName, null, 10));
    }
}
