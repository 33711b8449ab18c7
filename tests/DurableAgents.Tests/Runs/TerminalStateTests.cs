using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Runs;

/// <summary>Every way a run can end, with everything gathered so far in the result.</summary>
public sealed class TerminalStateTests : RunTestBase
{
    [Fact]
    public async Task StepLimit_EndsWithGatheredToolCalls()
    {
        await StartAsync(FastPolicy with { MaxSteps = 2 });
        Model.ThenCall(("c1", "lookup", """{"query":"1"}""")).ThenCall(("c2", "lookup", """{"query":"2"}"""));

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.StepLimit, result.Outcome);
        Assert.Equal(2, result.Steps);
        Assert.Equal(2, result.ToolCalls.Count);
        Assert.Contains("result for 2", result.ToolCalls[1].Result);
    }

    [Fact]
    public async Task TokenBudget_EndsBeforeRunningMoreTools()
    {
        await StartAsync(FastPolicy with { MaxTotalTokens = 1500 });
        Model.Then(_ => Reply.CallsWithUsage(1000, 100, ("c1", "lookup", """{"query":"1"}""")))
            .Then(_ => Reply.CallsWithUsage(1000, 100, ("c2", "lookup", """{"query":"2"}""")));

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.TokenBudget, result.Outcome);
        Assert.Equal(2200, result.Usage.InputTokens + result.Usage.OutputTokens);
        Assert.Equal(["lookup:1"], Tools.Invocations);
    }

    [Fact]
    public async Task CostBudget_EndsWhenThePriceTableSaysSo()
    {
        await StartAsync(FastPolicy with { MaxCostUsd = 0.001m },
            more: b => b.Services.AddSingleton(DurableAgents.Runs.Pricing.ModelPriceTable.CreateDefault()
                .Set("scripted-model", new DurableAgents.Runs.Pricing.ModelPrice(1m, 1m))));
        Model.Then(_ => Reply.CallsWithUsage(600, 0, ("c1", "lookup", """{"query":"1"}""")))
            .Then(_ => Reply.CallsWithUsage(600, 0, ("c2", "lookup", """{"query":"2"}""")));

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.CostBudget, result.Outcome);
        Assert.Equal(0.0012m, result.Usage.CostUsd);
    }

    [Fact]
    public async Task TransientModelFailures_AreRetriedDurably()
    {
        await StartAsync();
        Model.ThenThrow(new ModelCallException("rate limited", isTransient: true, statusCode: 429, retryAfter: TimeSpan.FromMilliseconds(50)))
            .ThenThrow(new ModelCallException("server error", isTransient: true, statusCode: 500))
            .ThenAnswer("made it");

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("made it", result.Answer);
        Assert.Equal(3, Model.Calls.Count);
        Assert.Equal(1, result.Steps);
    }

    [Fact]
    public async Task RetryBudget_EndsWhenTransientFailuresUseItUp()
    {
        await StartAsync(FastPolicy with { RetryBudget = 1, ModelCallAttempts = 5 });
        Model.Fallback = _ => throw new ModelCallException("overloaded", isTransient: true, statusCode: 503);

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.RetryBudget, result.Outcome);
        Assert.Equal(2, Model.Calls.Count);
        Assert.Contains("overloaded", result.Reason);
    }

    [Fact]
    public async Task Failed_NonTransientModelErrorEndsTheRunWithTheReason()
    {
        await StartAsync();
        Model.ThenCall(("c1", "lookup", """{"query":"1"}""")).ThenThrow(new ModelCallException("invalid api key", isTransient: false, statusCode: 401));

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Contains("invalid api key", result.Reason);
        Assert.Single(result.ToolCalls);
        Assert.Equal(2, Model.Calls.Count);
    }

    [Fact]
    public async Task Failed_ModelAttemptsExhausted()
    {
        await StartAsync(FastPolicy with { ModelCallAttempts = 2 });
        Model.Fallback = _ => throw new ModelCallException("timeout", isTransient: true);

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Contains("failed 2 times", result.Reason);
    }
}
