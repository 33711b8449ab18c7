using System.ComponentModel;
using System.Text.Json;
using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Models;

public sealed class OfflineChatClientTests
{
    private const string Goal = "Search for the population of Paris, calculate 12 * 7 and save a report to paris.md";

    private static readonly AIFunction Calculator = AIFunctionFactory.Create(
        ([Description("An arithmetic expression")] string expression) => expression == "12 * 7" ? "84" : "unknown",
        "calculator", "Evaluates an arithmetic expression");

    private static readonly AIFunction Search = AIFunctionFactory.Create(
        ([Description("What to search for")] string query) => $"Paris has about 2.1 million inhabitants (query: {query}).",
        "web_search", "Searches the web and returns snippets");

    private static readonly List<string> Written = [];

    private static readonly AIFunction WriteFile = AIFunctionFactory.Create(
        (string path, string content) =>
        {
            lock (Written)
            {
                Written.Add(path + "\n" + content);
            }

            return $"wrote {content.Length} characters to {path}";
        },
        "write_file", "Writes content to a file in the workspace");

    private static ChatOptions Options() => new() { Tools = [WriteFile, Calculator, Search] };

    [Fact]
    public async Task FirstStep_CallsMatchingReadOnlyToolsInParallel_WithArgumentsFromTheGoal()
    {
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Goal)], Options());

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = Calls(response);
        Assert.Equal(["calculator", "web_search"], calls.Select(c => c.Name));
        Assert.Equal("12 * 7", Arg(calls[0], "expression"));
        Assert.Equal("the population of Paris", Arg(calls[1], "query"));
        Assert.All(calls, c => Assert.StartsWith("call_", c.CallId));
        Assert.StartsWith(OfflineChatClient.Label, response.Text);
    }

    [Fact]
    public async Task FullRun_GathersThenWritesReportThenAnswersWithResults()
    {
        using var client = new OfflineChatClient();

        var (history, final) = await RunLoopAsync(client, Goal, Options());

        var steps = history.Where(m => m.Role == ChatRole.Assistant).Select(m => m.Contents.OfType<FunctionCallContent>().Select(c => c.Name).ToList()).ToList();
        Assert.Equal(["calculator", "web_search"], steps[0]);
        Assert.Equal(["write_file"], steps[1]);
        var write = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single(c => c.Name == "write_file");
        Assert.Equal("paris.md", Arg(write, "path"));
        Assert.Contains("84", Arg(write, "content"));
        Assert.Contains("2.1 million", Arg(write, "content"));
        Assert.Contains("not a language model", Arg(write, "content"));

        Assert.Equal(ChatFinishReason.Stop, final.FinishReason);
        Assert.StartsWith(OfflineChatClient.Label, final.Text);
        Assert.Contains("12 * 7 = 84.", final.Text);
        Assert.Contains("write_file returned: wrote", final.Text);
        Assert.DoesNotContain("<tool_result", final.Text);
    }

    [Fact]
    public async Task SameInput_GivesIdenticalOutput()
    {
        using var first = new OfflineChatClient();
        using var second = new OfflineChatClient();

        var (historyA, finalA) = await RunLoopAsync(first, Goal, Options());
        var (historyB, finalB) = await RunLoopAsync(second, Goal, Options());

        Assert.Equal(Serialize(historyA), Serialize(historyB));
        Assert.Equal(JsonSerializer.Serialize(finalA, AIJsonUtilities.DefaultOptions), JsonSerializer.Serialize(finalB, AIJsonUtilities.DefaultOptions));
    }

    [Fact]
    public async Task NeverRepeatsACall_EvenWhenTheSameGoalIsAskedAgain()
    {
        using var client = new OfflineChatClient();
        var (history, _) = await RunLoopAsync(client, Goal, Options());
        history.Add(new ChatMessage(ChatRole.User, Goal));

        var again = await client.GetResponseAsync(history, Options());

        var previous = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => ConversationView.Signature(c.Name, c.Arguments)).ToHashSet();
        Assert.All(Calls(again), c => Assert.DoesNotContain(ConversationView.Signature(c.Name, c.Arguments), previous));
    }

    [Fact]
    public async Task Loop_AlwaysEndsWithAnAnswer_AndNoDuplicateCalls()
    {
        using var client = new OfflineChatClient();

        var (history, final) = await RunLoopAsync(client, "Look up the weather and also the weather, then calculate 2+2 twice", Options());

        var signatures = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => ConversationView.Signature(c.Name, c.Arguments)).ToList();
        Assert.Equal(signatures.Count, signatures.Distinct().Count());
        Assert.Equal(ChatFinishReason.Stop, final.FinishReason);
    }

    [Fact]
    public async Task NoMatchingTool_FallsBackToFirstReadOnlyLookingTool()
    {
        using var client = new OfflineChatClient();
        var options = new ChatOptions { Tools = [WriteFile, AIFunctionFactory.Create(() => "12:00", "get_time", "Current time")] };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello!")], options);

        Assert.Equal("get_time", Assert.Single(Calls(response)).Name);
    }

    [Fact]
    public async Task Fallback_SkipsToolsWhoseRequiredArgumentsCannotBeFilled()
    {
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello!")], Options());

        var call = Assert.Single(Calls(response));
        Assert.Equal("web_search", call.Name);
    }

    [Fact]
    public async Task Arguments_TakeEmailAddressesAndPlaceNamesFromTheGoal()
    {
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Gets the current weather for a city");
        var email = AIFunctionFactory.Create((string to, string body) => "sent", "send_email", "Sends an email");
        using var client = new OfflineChatClient();

        var (history, _) = await RunLoopAsync(client, "Check the weather in Oslo and email it to bob@example.com", new ChatOptions { Tools = [email, weather] });

        var calls = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_weather", "send_email"], calls.Select(c => c.Name));
        Assert.Equal("Oslo", Arg(calls[0], "city"));
        Assert.Equal("bob@example.com", Arg(calls[1], "to"));
        Assert.Contains("get_weather returned: sunny", Arg(calls[1], "body"));
    }

    [Fact]
    public async Task ToolModeNone_AnswersWithoutCalls()
    {
        using var client = new OfflineChatClient();
        var options = Options();
        options.ToolMode = ChatToolMode.None;

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Goal)], options);

        Assert.Empty(Calls(response));
        Assert.StartsWith(OfflineChatClient.Label, response.Text);
    }

    [Fact]
    public async Task NoTools_AnswersWithLabel()
    {
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What is love?")]);

        Assert.Empty(Calls(response));
        Assert.StartsWith(OfflineChatClient.Label, response.Text);
        Assert.Equal(OfflineChatClient.ModelName, response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Arguments_FollowTheSchema_NumbersBooleansEnumsAndUrls()
    {
        using var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "url":{"type":"string"},"max_pages":{"type":"integer"},"render":{"type":"boolean"},
              "format":{"type":"string","enum":["markdown","html"]}},
             "required":["url","max_pages","render","format"]}
            """);
        var fetch = AIFunctionFactory.CreateDeclaration("fetch_page", "Fetches a page", schema.RootElement.Clone());
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Fetch 3 pages from https://example.com/docs.")], new ChatOptions { Tools = [fetch] });

        var call = Assert.Single(Calls(response));
        Assert.Equal("https://example.com/docs", Arg(call, "url"));
        Assert.Equal(3, ((JsonElement)call.Arguments!["max_pages"]!).GetInt32());
        Assert.False(((JsonElement)call.Arguments!["render"]!).GetBoolean());
        Assert.Equal("markdown", Arg(call, "format"));
    }

    [Fact]
    public async Task Usage_CountsCharactersDeterministically_AndGrowsWithInput()
    {
        using var client = new OfflineChatClient();

        var small = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);
        var large = await client.GetResponseAsync([new ChatMessage(ChatRole.User, new string('x', 400))]);

        Assert.Equal(1, small.Usage!.InputTokenCount);
        Assert.Equal(100, large.Usage!.InputTokenCount);
        Assert.Equal(large.Usage.InputTokenCount + large.Usage.OutputTokenCount, large.Usage.TotalTokenCount);
    }

    [Fact]
    public void GetService_ReportsOfflineProvider()
    {
        using var client = new OfflineChatClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("offline", metadata?.ProviderName);
        Assert.Equal(OfflineChatClient.ModelName, metadata?.DefaultModelId);
    }

    private static Task<(List<ChatMessage> History, ChatResponse Final)> RunLoopAsync(IChatClient client, string goal, ChatOptions options) =>
        OfflineLoop.RunAsync(client, goal, options, delimited: false);

    private static List<FunctionCallContent> Calls(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();

    private static string Arg(FunctionCallContent call, string name) =>
        call.Arguments![name] is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString()! : call.Arguments[name]?.ToString() ?? string.Empty;

    private static string Serialize(List<ChatMessage> history) => JsonSerializer.Serialize(history, AIJsonUtilities.DefaultOptions);
}
