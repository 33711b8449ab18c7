using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Models;

public sealed class OpenAIChatClientTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-key-1234567890";
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly ChatOptions WithAddTool = new() { Tools = [AIFunctionFactory.Create(Add, "add", "Adds two numbers").AsDeclarationOnly()] };

    private IChatClient CreateClient(string model = "gpt-4o-mini") =>
        OpenAIModels.CreateChatClient(new OpenAIModelOptions { ApiKey = ApiKey, BaseUrl = _server.BaseUrl, Model = model, NetworkTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task GetResponse_PlainTextAnswer_ReturnsTextUsageFinishReasonAndModelId()
    {
        _server.Enqueue(ScriptedReply.Text("Hello there.", promptTokens: 12, completionTokens: 3));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("Hello there.", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ScriptedReply.Model, response.ModelId);
        Assert.StartsWith("chatcmpl-fake-", response.ResponseId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(ScriptedReply.Created), response.CreatedAt);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Equal(15, response.Usage?.TotalTokenCount);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.Equal("gpt-4o-mini", (string?)request.Body["model"]);
    }

    [Fact]
    public async Task GetResponse_BaseUrlWithoutV1Prefix_PostsToChatCompletions()
    {
        _server.Enqueue(ScriptedReply.Text("ok"));
        using var client = OpenAIModels.CreateChatClient(new OpenAIModelOptions { BaseUrl = new Uri(_server.RootUrl.AbsoluteUri.TrimEnd('/')), Model = "m" });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/chat/completions", request.Path);
        Assert.Equal($"Bearer {OpenAIModelOptions.PlaceholderApiKey}", request.Authorization);
    }

    [Fact]
    public async Task GetResponse_ApiKeyHeaderOption_SendsKeyInThatHeaderOnly()
    {
        _server.Enqueue(ScriptedReply.Text("ok"));
        using var client = OpenAIModels.CreateChatClient(new OpenAIModelOptions { ApiKey = ApiKey, BaseUrl = _server.BaseUrl, ApiKeyHeader = "api-key" });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(ApiKey, request.ApiKey);
        Assert.Equal(string.Empty, request.Authorization);
    }

    [Fact]
    public async Task GetResponse_WithTools_SendsFunctionDefinitionsAndOptions()
    {
        _server.Enqueue(ScriptedReply.Text("done"));
        using var client = CreateClient();
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(Add, "add", "Adds two numbers")],
            ToolMode = ChatToolMode.RequireAny,
            AllowMultipleToolCalls = false,
            Temperature = 0.25f,
            TopP = 0.5f,
            MaxOutputTokens = 64,
            StopSequences = ["END"],
            Instructions = "Be brief.",
        };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What is 2+3?")], options);

        var body = Assert.Single(_server.Requests).Body;
        var tool = body["tools"]![0]!;
        Assert.Equal("function", (string?)tool["type"]);
        Assert.Equal("add", (string?)tool["function"]!["name"]);
        Assert.Equal("Adds two numbers", (string?)tool["function"]!["description"]);
        var parameters = tool["function"]!["parameters"]!;
        Assert.Equal("object", (string?)parameters["type"]);
        Assert.Equal("integer", (string?)parameters["properties"]!["a"]!["type"]);
        Assert.Equal("required", (string?)body["tool_choice"]);
        Assert.False((bool)body["parallel_tool_calls"]!);
        Assert.Equal(0.25, (double)body["temperature"]!, 3);
        Assert.Equal(0.5, (double)body["top_p"]!, 3);
        Assert.Equal("END", (string?)body["stop"]![0]);
        Assert.True(body["max_completion_tokens"] is not null || body["max_tokens"] is not null);
        Assert.Equal("system", (string?)body["messages"]![0]!["role"]);
        Assert.Equal("Be brief.", (string?)body["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task GetResponse_WithoutTools_OmitsToolChoiceAndParallelFlag()
    {
        _server.Enqueue(ScriptedReply.Text("ok"));
        using var client = CreateClient();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = true });

        var body = Assert.Single(_server.Requests).Body;
        Assert.Null(body["tools"]);
        Assert.Null(body["tool_choice"]);
        Assert.Null(body["parallel_tool_calls"]);
    }

    [Fact]
    public async Task GetResponse_History_MapsRolesToolCallsAndToolResults()
    {
        _server.Enqueue(ScriptedReply.Text("The sum is 5."));
        using var client = CreateClient();
        List<ChatMessage> history =
        [
            new(ChatRole.System, "You add numbers."),
            new(ChatRole.User, "Add 2 and 3."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", 5)]),
        ];

        await client.GetResponseAsync(history);

        var messages = Assert.Single(_server.Requests).Body["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool"], messages.Select(m => (string?)m!["role"]));
        var toolCall = messages[2]!["tool_calls"]![0]!;
        Assert.Equal("call_1", (string?)toolCall["id"]);
        Assert.Equal("function", (string?)toolCall["type"]);
        Assert.Equal("add", (string?)toolCall["function"]!["name"]);
        var sentArguments = JsonNode.Parse((string)toolCall["function"]!["arguments"]!)!;
        Assert.Equal(2, (int)sentArguments["a"]!);
        Assert.Equal("call_1", (string?)messages[3]!["tool_call_id"]);
        Assert.Equal("5", (string?)messages[3]!["content"]);
    }

    [Fact]
    public async Task GetResponse_HistoryWithMalformedCall_SendsTheModelsOwnTextBack()
    {
        _server.Enqueue(ScriptedReply.Text("ok"));
        using var client = CreateClient();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Add 2 and 3."),
            new(ChatRole.Assistant, [new TextContent("Adding."), ToolCallArguments.CreateCall("call_1", "add", "{not json"), ToolCallArguments.CreateCall("call_2", "add", """{"a":1}""")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Error: bad arguments"), new FunctionResultContent("call_2", "1")]),
        ];

        await client.GetResponseAsync(history, WithAddTool);

        var assistant = Assert.Single(_server.Requests).Body["messages"]!.AsArray().Single(m => (string?)m!["role"] == "assistant")!;
        Assert.Equal("{not json", (string?)assistant["tool_calls"]![0]!["function"]!["arguments"]);
        Assert.Equal(1, (int)JsonNode.Parse((string)assistant["tool_calls"]![1]!["function"]!["arguments"]!)!["a"]!);
        Assert.Contains("Adding.", assistant["content"]!.ToJsonString());
    }

    [Fact]
    public async Task GetResponse_SingleToolCall_ReturnsFunctionCallContent()
    {
        _server.Enqueue(ScriptedReply.ToolCalls(("call_abc", "add", """{"a":2,"b":3}""")));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Add 2 and 3")], WithAddTool);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc", call.CallId);
        Assert.Equal("add", call.Name);
        Assert.Equal(2, ((JsonElement)call.Arguments!["a"]!).GetInt32());
        Assert.Equal(3, ((JsonElement)call.Arguments!["b"]!).GetInt32());
        Assert.False(ToolCallArguments.TryGetMalformed(call, out _, out _));
    }

    [Fact]
    public async Task GetResponse_ParallelToolCalls_ReturnsAllCallsInOrder()
    {
        _server.Enqueue(ScriptedReply.ToolCalls(
            ("call_1", "search", """{"query":"paris"}"""),
            ("call_2", "calculator", """{"expression":"6*7"}"""),
            ("call_3", "noargs", "")));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Go")], WithAddTool);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(20, response.Usage?.InputTokenCount);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_1", "call_2", "call_3"], calls.Select(c => c.CallId));
        Assert.Equal(["search", "calculator", "noargs"], calls.Select(c => c.Name));
        var noArguments = calls[2];
        Assert.False(ToolCallArguments.TryGetMalformed(noArguments, out _, out _));
        Assert.Equal("{}", ToolCallArguments.ToJson(noArguments));
    }

    [Theory]
    [InlineData("""{"a": 2,""")]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public async Task GetResponse_MalformedArguments_KeepsRawTextWithEmptyArguments(string raw)
    {
        _server.Enqueue(ScriptedReply.ToolCalls(("call_bad", "add", raw)));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Add")], WithAddTool);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Empty(call.Arguments!);
        Assert.True(ToolCallArguments.TryGetMalformed(call, out var kept, out var error));
        Assert.Equal(raw, kept);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal(raw, call.AdditionalProperties![ToolCallArguments.RawArgumentsKey]);
    }

    [Fact]
    public async Task GetResponse_WellFormedArguments_NormalizeKeepsTheCall()
    {
        _server.Enqueue(ScriptedReply.ToolCalls(("call_ok", "add", """{"a":1,"b":2}""")));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Add")], WithAddTool);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.False(ToolCallArguments.TryGetMalformed(call, out _, out _));
        Assert.Same(call, ToolCallArguments.Normalize(call));
    }

    [Fact]
    public async Task GetResponse_ModelIdOption_OverridesModelForThatRequest()
    {
        _server.Enqueue(ScriptedReply.Text("a"), ScriptedReply.Text("b"));
        using var client = CreateClient("default-model");

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "other-model" });
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);

        Assert.Equal(["other-model", "default-model"], _server.Requests.Select(r => (string?)r.Body["model"]));
    }

    [Fact]
    public async Task GetResponse_JsonResponseFormat_SendsJsonObjectFormat()
    {
        _server.Enqueue(ScriptedReply.Text("{}"));
        using var client = CreateClient();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "json please")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal("json_object", (string?)Assert.Single(_server.Requests).Body["response_format"]!["type"]);
    }

    [Fact]
    public void GetService_ReturnsMetadataWithProviderEndpointAndModel()
    {
        using var client = CreateClient("my-model");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal(_server.BaseUrl, metadata.ProviderUri);
        Assert.Equal("my-model", metadata.DefaultModelId);
        Assert.NotNull(client.GetService<OpenAI.Chat.ChatClient>());
        Assert.NotNull(client.GetService<ModelErrorsChatClient>());
    }

    [Description("Adds two numbers")]
    private static int Add(int a, int b) => a + b;
}
