using System.Text.Json;
using DurableAgents.Models;
using DurableAgents.Patterns;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Patterns;

/// <summary>Structured replies: read leniently around the JSON, checked strictly against the schema; the offline model's rules.</summary>
public sealed class StructuredOutputTests
{
    private static readonly JsonElement Route = JsonDocument.Parse(
        """{"type":"object","properties":{"delegate_to":{"type":"string","enum":["researcher","writer","reviewer","finish"]},"task":{"type":"string"}},"required":["delegate_to","task"]}""").RootElement;

    [Fact]
    public void CodeFencesAndProseAroundTheObject_AreTolerated()
    {
        var value = StructuredJson.Read("Sure!\n```json\n{\"delegate_to\": \"writer\", \"task\": \"t\"}\n```", Route, out var problems);

        Assert.Empty(problems);
        Assert.Equal("writer", value!.Value.GetProperty("delegate_to").GetString());
    }

    [Fact]
    public void BoundsAndEnums_AreProblemsTheModelCanFix()
    {
        var value = StructuredJson.Read("""{"confidence": 1.7}""", ConfidenceGate.Schema, out var problems);

        Assert.Null(value);
        Assert.Equal(["answer.confidence must be at most 1 but is 1.7.", "answer.reasoning is required but missing."], problems.Order());
    }

    [Theory]
    [InlineData(null, "researcher")]
    [InlineData("researcher (Completed)", "writer")]
    [InlineData("writer (Completed)", "reviewer")]
    [InlineData("reviewer (Completed)", "finish")]
    public async Task Offline_RoutesToTheWorkerAfterTheLastDelegation(string? last, string expected)
    {
        var prompt = "Goal: Write a note\nSo far: ..." + (last is null ? "" : $"\nLast delegation: {last}");

        var value = await AskOfflineAsync(prompt, Route);

        Assert.Equal(expected, value.GetProperty("delegate_to").GetString());
        Assert.Equal("Write a note", value.GetProperty("task").GetString());
    }

    [Theory]
    [InlineData("Topic: tides\nHuman corrections: none\nDraft: tides follow the moon", 0.92)]
    [InlineData("Topic: speculative tides\nHuman corrections: none\nDraft: ...", 0.55)]
    [InlineData("Topic: tides\nFact-check report:\nSearching for \"tides\" found nothing.", 0.55)]
    [InlineData("Topic: speculative tides\nHuman corrections: say it is a theory\nDraft: ...", 0.9)]
    public async Task Offline_ScoresConfidenceByItsDocumentedRules(string prompt, double expected)
    {
        var value = await AskOfflineAsync(prompt, ConfidenceGate.Schema);

        Assert.Equal(expected, value.GetProperty("confidence").GetDouble());
        Assert.StartsWith(OfflineChatClient.Label, value.GetProperty("reasoning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_PlansOneStepPerClause_AndAvoidsAnExecutorThatFailedTheStep()
    {
        using var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"steps":{"type":"array","items":{"type":"object","properties":{
              "executor":{"type":"string","enum":["calculator","current_time","researcher"]},"task":{"type":"string"},"arguments":{"type":"object"}},
              "required":["executor","task","arguments"]}}},"required":["steps"]}
            """);
        var researcher = AIFunctionFactory.CreateDeclaration("researcher", "Delegates a task to the researcher", DurableAgents.Runs.Activities.AgentToolbox.SubAgentSchema);
        ChatOptions Options() => new() { Tools = [BuiltInTools.Calculator(), BuiltInTools.CurrentTime(), researcher], ToolMode = ChatToolMode.None };

        var plan = await AskOfflineAsync("Goal: Compute 17 * 23, and tell me the time in Asia/Tokyo", schema.RootElement, Options());
        var replan = await AskOfflineAsync("Goal: Compute 17 * 23, and tell me the time in Asia/Tokyo\nCompleted: tell me the time in Asia/Tokyo\nFailed: calculator | Compute 17 * 23 | boom", schema.RootElement, Options());

        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["calculator", "current_time"], steps.Select(s => s.GetProperty("executor").GetString()));
        Assert.Equal("17 * 23", steps[0].GetProperty("arguments").GetProperty("expression").GetString());
        Assert.Equal("Asia/Tokyo", steps[1].GetProperty("arguments").GetProperty("timeZone").GetString());
        var again = Assert.Single(replan.GetProperty("steps").EnumerateArray());
        Assert.Equal(("researcher", "Compute 17 * 23"), (again.GetProperty("executor").GetString(), again.GetProperty("task").GetString()));
    }

    private static async Task<JsonElement> AskOfflineAsync(string prompt, JsonElement schema, ChatOptions? options = null)
    {
        using var client = new OfflineChatClient();
        options ??= new ChatOptions();
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "test");
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options);
        var value = StructuredJson.Read(response.Text, schema, out var problems);
        Assert.True(value is not null, $"{response.Text}: {string.Join(" ", problems)}");
        return value!.Value;
    }
}
