using DurableAgents.Patterns;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Patterns;

/// <summary>Issue 14, part 1: the supervisor decides by structured output; workers are sub-runs; a rejection goes back to the writer.</summary>
public sealed class SupervisorTests : PatternTestBase
{
    private readonly ScriptedChatClient _supervisor = new();
    private readonly ScriptedChatClient _researcher = new();
    private readonly ScriptedChatClient _writer = new();
    private readonly ScriptedChatClient _reviewer = new();

    private Task StartTeamAsync(SupervisorPattern? pattern = null) => StartAsync(b => b
        .AddAgent(Agent("supervisor", _supervisor, a => a.Pattern = pattern ?? new SupervisorPattern()))
        .AddAgent(Agent("researcher", _researcher))
        .AddAgent(Agent("writer", _writer))
        .AddAgent(Agent("reviewer", _reviewer)));

    [Fact]
    public async Task EachDelegationIsASubRun_AndARejectionSendsTheDraftBackToTheWriter()
    {
        await StartTeamAsync();
        _supervisor.Then(_ => Json(new { delegate_to = "researcher", task = "find facts" }))
            .Then(_ => Json(new { delegate_to = "writer", task = "write it" }))
            .Then(_ => Json(new { delegate_to = "reviewer", task = "review it" }))
            .Then(_ => Json(new { delegate_to = "reviewer", task = "review again" }))
            .Then(_ => Json(new { delegate_to = "finish", task = "done" }));
        _researcher.ThenAnswer("FACT-1 (https://example.org/fact)");
        _writer.ThenAnswer("DRAFT-1").ThenAnswer("DRAFT-2 with sources");
        _reviewer.ThenAnswer("REJECTED: add the sources").ThenAnswer("APPROVED");

        var id = await Host.Runs.StartRunAsync("supervisor", "Write a note on facts", "team-1");
        var result = await ResultAsync(id);

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("DRAFT-2 with sources", result.Answer);
        var ids = await Host.InstanceIdsAsync();
        foreach (var sub in new[] { "r1-researcher", "r2-writer", "r3-reviewer", "r4-writer", "r5-reviewer" })
        {
            Assert.Contains($"team-1:{sub}", ids);
        }

        // The revision round needed no supervisor call: five decisions for six rounds.
        Assert.Equal(5, _supervisor.Calls.Count);
        var revision = _writer.Calls[1].UserTexts.First();
        Assert.Contains("REJECTED: add the sources", revision, StringComparison.Ordinal);
        Assert.Contains("DRAFT-1", revision, StringComparison.Ordinal);
        Assert.Contains("FACT-1", _writer.Calls[0].UserTexts.First(), StringComparison.Ordinal);
        var status = (await Host.Runs.GetRunAsync(id))!.Status!;
        Assert.Equal(["team-1:r1-researcher", "team-1:r2-writer", "team-1:r3-reviewer", "team-1:r4-writer", "team-1:r5-reviewer"], status.SubRuns!.Select(s => s.RunId));
        Assert.All(status.SubRuns!, s => Assert.Equal(AgentRunOutcome.Completed, s.Outcome));
    }

    [Fact]
    public async Task InvalidDecisions_AreFedBackWithTheProblems_AndCountAgainstTheRetryBudget()
    {
        await StartTeamAsync(new SupervisorPattern { DecisionRetries = 2 });
        _supervisor.ThenAnswer("I think the researcher should go first.")
            .Then(_ => Json(new { delegate_to = "janitor", task = "sweep" }))
            .Then(_ => Json(new { delegate_to = "finish", task = "nothing to do" }));

        var result = await ResultAsync(await Host.Runs.StartRunAsync("supervisor", "Nothing", "team-2"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var feedback = _supervisor.Calls.Skip(1).Select(c => c.UserTexts.Last()).ToList();
        Assert.Contains("The reply holds no JSON object.", feedback[0], StringComparison.Ordinal);
        Assert.Contains("answer.delegate_to must be one of", feedback[1], StringComparison.Ordinal);
        Assert.Contains("\"janitor\"", feedback[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionsThatNeverFit_EndTheRunWithRetryBudget()
    {
        await StartTeamAsync(new SupervisorPattern { DecisionRetries = 2 });
        _supervisor.Fallback = _ => Reply.Text("{\"delegate_to\": 3}");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("supervisor", "Loop", "team-3"));

        Assert.Equal(AgentRunOutcome.RetryBudget, result.Outcome);
        Assert.Equal(3, _supervisor.Calls.Count);
        Assert.Contains("retries 2 of 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rounds_AreBounded()
    {
        await StartTeamAsync(new SupervisorPattern { MaxRounds = 3 });
        _supervisor.Fallback = _ => Json(new { delegate_to = "researcher", task = "more" });
        _researcher.Fallback = _ => Reply.Text("more facts");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("supervisor", "Never stop", "team-4"));

        Assert.Equal(AgentRunOutcome.StepLimit, result.Outcome);
        Assert.Equal(3, _researcher.Calls.Count);
        Assert.Contains("3 rounds", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnregisteredWorker_IsRefusedWhenTheCatalogIsBuilt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Agents.AgentCatalog([Agent("boss", _supervisor, a => a.Pattern = new SupervisorPattern())]));

        Assert.Contains("'researcher', 'writer', 'reviewer', which are not registered", error.Message, StringComparison.Ordinal);
    }
}
