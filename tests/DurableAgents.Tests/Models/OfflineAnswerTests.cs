using System.ComponentModel;
using System.Text.Json;
using DurableAgents.Models;
using DurableAgents.Runs.Loop;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.Tests.Models;

/// <summary>Issue 14: the offline model takes whole expressions and time zones from the goal and answers in sentences.</summary>
public sealed class OfflineAnswerTests
{
    [Fact]
    public async Task WholeExpression_GoesToTheCalculator_AndTheAnswerQuotesIt()
    {
        using var client = new OfflineChatClient();

        var (history, final) = await OfflineLoop.RunAsync(client, "What is (2+3)*4 ^ 2 / sqrt(16)?", new ChatOptions { Tools = [BuiltInTools.Calculator()] });

        var call = Assert.Single(history.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("(2+3)*4 ^ 2 / sqrt(16)", ((JsonElement)call.Arguments!["expression"]!).GetString());
        Assert.Equal(OfflineChatClient.Label + "(2+3)*4 ^ 2 / sqrt(16) = 20.", final.Text);
    }

    [Fact]
    public async Task TimeZone_GoesToCurrentTime_AndTheAnswerGivesTheLocalTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 5, 9, TimeSpan.Zero));
        using var client = new OfflineChatClient();

        var (history, final) = await OfflineLoop.RunAsync(client, "What time is it in Europe/Paris?", new ChatOptions { Tools = [BuiltInTools.CurrentTime(clock)] });

        var call = Assert.Single(history.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Europe/Paris", ((JsonElement)call.Arguments!["timeZone"]!).GetString());
        Assert.Contains("In Europe/Paris it is 2026-12-01 15:05 (Tuesday, UTC+01:00); in UTC it is 2026-12-01T14:05:09Z.", final.Text);
        Assert.DoesNotContain("<tool_result", final.Text);
    }

    [Theory]
    [InlineData("Search for Paris, calculate 12 * 7 and save it", "12 * 7")]
    [InlineData("What is 1.07 ^ 10? Write it down.", "1.07 ^ 10")]
    [InlineData("compute min(3, 4) + 2 please", "min(3, 4) + 2")]
    [InlineData("Is (1 + 2) * pi more than 9?", "(1 + 2) * pi")]
    [InlineData("What happened on 2026-12-01 in Oslo?", null)]
    [InlineData("Version 2 of the plan has 3 steps.", null)]
    public void Expression_IsTheLongestParsableRun(string goal, string? expected) => Assert.Equal(expected, GoalText.Expression(goal));

    [Fact]
    public async Task SearchHits_AreQuotedWithTheirSources()
    {
        var hits = new WebSearchResult("durable agents", [new SearchResult("Durable agents", "https://example.com/a", "Agents whose steps survive crashes.")]);
        var search = AIFunctionFactory.Create(([Description("What to search for")] string query) => hits, "web_search", "Searches the web");
        using var client = new OfflineChatClient();

        var (_, final) = await OfflineLoop.RunAsync(client, "Search the web for durable agents", new ChatOptions { Tools = [search] });

        Assert.Contains("Searching for \"durable agents\" found 1 result(s):\n1. Durable agents: Agents whose steps survive crashes. (https://example.com/a)", final.Text);
    }

    [Fact]
    public async Task ASearchQuery_IsTheTasksFirstLine_NotTheContextBelowIt()
    {
        var queries = new List<string>();
        var search = AIFunctionFactory.Create(([Description("What to search for")] string query) =>
        {
            queries.Add(query);
            return "no hits";
        }, "web_search", "Searches the web");
        using var client = new OfflineChatClient();

        await OfflineLoop.RunAsync(client, "Search for volcanoes\nYou carry out step 1 of 2 of a plan.\nGoal: a lesson", new ChatOptions { Tools = [search] });

        Assert.Equal(["volcanoes"], queries);
    }

    [Fact]
    public async Task ToolFailures_AreNamedWithTheirReason()
    {
        using var client = new OfflineChatClient();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "What is 2 + 2?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "calculator", new Dictionary<string, object?> { ["expression"] = "2 + 2" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", ToolResultFormatter.Format("calculator", "refused", "not allowed here", 1000))]),
        ];

        var final = await client.GetResponseAsync(history, new ChatOptions { Tools = [BuiltInTools.Calculator()] });

        Assert.Equal(OfflineChatClient.Label + "calculator could not be used (refused): not allowed here", final.Text);
    }

    [Fact]
    public async Task MaterialWithoutTools_BecomesADraft_WithSourcesOnlyWhenAskedFor()
    {
        const string Notes = "Research notes:\n1. Photosynthesis: plants turn light into sugar. (https://example.com/p)\n2. Chlorophyll absorbs red and blue light. (https://example.com/c)";
        using var client = new OfflineChatClient();

        var plain = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Write a short lesson on photosynthesis\n" + Notes)]);
        var cited = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Write a short lesson on photosynthesis and cite the sources\n" + Notes)]);

        Assert.Equal(OfflineChatClient.Label + "# Photosynthesis\n\n- Photosynthesis: plants turn light into sugar.\n- Chlorophyll absorbs red and blue light.\n", plain.Text);
        Assert.EndsWith("\nSources: https://example.com/p, https://example.com/c\n", cited.Text);
    }

    [Fact]
    public async Task ArgumentsOutsideTheSchemaBounds_AreFittedAfterTheRuntimeRefusesThem()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"room":{"type":"string","enum":["A","B","C"]},"hours":{"type":"integer","minimum":1,"maximum":8}},"required":["room","hours"]}""");
        var book = AIFunctionFactory.CreateDeclaration("book_room", "Books a meeting room", schema.RootElement.Clone());
        using var client = new OfflineChatClient();
        List<ChatMessage> history = [new(ChatRole.User, "Book room B for 12 hours.")];

        var first = OfflineLoop.Calls(await client.GetResponseAsync(history, new ChatOptions { Tools = [book] })).Single();
        history.Add(new ChatMessage(ChatRole.Assistant, [first]));
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(first.CallId, ToolResultFormatter.Format("book_room", "invalid-arguments", "arguments.hours must be at most 8.", 1000))]));
        var second = OfflineLoop.Calls(await client.GetResponseAsync(history, new ChatOptions { Tools = [book] })).Single();

        Assert.Equal(("B", 12), (((JsonElement)first.Arguments!["room"]!).GetString(), ((JsonElement)first.Arguments["hours"]!).GetInt32()));
        Assert.Equal(8, ((JsonElement)second.Arguments!["hours"]!).GetInt32());
    }

    [Fact]
    public async Task AfterACallToAToolThatDoesNotExist_TheRealToolsAreUsed_AndTheSlipIsLeftOutOfTheAnswer()
    {
        var calculator = DurableAgents.Tools.BuiltIn.BuiltInTools.Calculator();
        using var client = new OfflineChatClient();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "What is 12 * 12?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "search_the_internet", new Dictionary<string, object?>())]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", ToolResultFormatter.Format("search_the_internet", "unknown-tool", "There is no tool named 'search_the_internet'.", 1000))]),
        ];

        var next = OfflineLoop.Calls(await client.GetResponseAsync(history, new ChatOptions { Tools = [calculator] })).Single();
        history.Add(new ChatMessage(ChatRole.Assistant, [next]));
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(next.CallId, ToolResultFormatter.Format("calculator", "ok", "144", 1000))]));
        var answer = await client.GetResponseAsync(history, new ChatOptions { Tools = [calculator] });

        Assert.Equal("calculator", next.Name);
        Assert.Equal(OfflineChatClient.Label + "12 * 12 = 144.", answer.Text);
    }

    [Fact]
    public async Task AfterAFailure_AnEscalationToolIsCalledWithWhatFailed()
    {
        var escalate = AIFunctionFactory.CreateDeclaration("escalate_to_human", "Hands the run to a human",
            JsonDocument.Parse("""{"type":"object","properties":{"reason":{"type":"string"},"tried":{"type":"string"}},"required":["reason"]}""").RootElement.Clone());
        var lookup = AIFunctionFactory.Create((string query) => "x", "lookup_records", "Looks up records");
        using var client = new OfflineChatClient();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Look up the records of customer 7."),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "lookup_records", new Dictionary<string, object?> { ["query"] = "customer 7" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", ToolResultFormatter.Format("lookup_records", "error", "the records store is down", 1000))]),
        ];

        var first = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Look up the records of customer 7.")], new ChatOptions { Tools = [escalate, lookup] });
        var next = await client.GetResponseAsync(history, new ChatOptions { Tools = [escalate, lookup] });

        Assert.Equal(["lookup_records"], OfflineLoop.Calls(first).Select(c => c.Name));
        var call = Assert.Single(OfflineLoop.Calls(next));
        Assert.Equal("escalate_to_human", call.Name);
        Assert.Contains("the records store is down", ((JsonElement)call.Arguments!["reason"]!).GetString());
        Assert.Equal("lookup_records (error)", ((JsonElement)call.Arguments["tried"]!).GetString());
    }
}
