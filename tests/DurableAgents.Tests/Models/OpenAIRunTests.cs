using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Models;

/// <summary>Agent runs whose model is the OpenAI client through Microsoft.Extensions.AI, against the loopback server.</summary>
public sealed class OpenAIRunTests : RunTestBase, IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task StartWithOpenAIAsync() => StartAsync(
        tools: [Tools.Lookup(), Tools.Lookup("weather")],
        configure: a => a.Model = OpenAIModels.CreateChatClient(new OpenAIModelOptions { ApiKey = "sk-run-test-key", BaseUrl = _server.BaseUrl, Model = "gpt-4o-mini" }));

    [Fact]
    public async Task RateLimitThenParallelCalls_RunWaitsRetryAfterDurably_RunsBothToolsAndAnswers()
    {
        _server.Enqueue(
            ScriptedReply.Error(429, "rate_limit_exceeded", "Slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            ScriptedReply.ToolCalls(("call_a", "lookup", """{"query":"paris"}"""), ("call_b", "weather", """{"query":"rome"}""")),
            ScriptedReply.Text("Paris and Rome.", promptTokens: 30, completionTokens: 4));
        await StartWithOpenAIAsync();

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal("Paris and Rome.", result.Answer);
        Assert.Equal(["lookup:paris", "weather:rome"], Tools.Invocations.Order());
        var requests = _server.Requests;
        Assert.Equal(3, requests.Count);
        // The retry waited on a durable timer for at least the server's Retry-After (a lower bound, not a speed claim).
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95));
        var sentResults = requests[2].Body["messages"]!.AsArray().Where(m => (string?)m!["role"] == "tool").ToList();
        Assert.Equal(["call_a", "call_b"], sentResults.Select(m => (string?)m!["tool_call_id"]));
        Assert.Contains("result for paris", (string?)sentResults[0]!["content"]);
        Assert.Equal(20 + 30, result.Usage.InputTokens);
    }

    [Fact]
    public async Task MalformedArguments_ModelIsToldAndCorrectsTheCall()
    {
        _server.Enqueue(
            ScriptedReply.ToolCalls(("call_bad", "lookup", """{"query": "paris",""")),
            ScriptedReply.ToolCalls(("call_good", "lookup", """{"query":"paris"}""")),
            ScriptedReply.Text("Paris."));
        await StartWithOpenAIAsync();

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Equal(["lookup:paris"], Tools.Invocations);
        var second = _server.Requests[1].Body["messages"]!.AsArray();
        var assistant = second.Single(m => (string?)m!["role"] == "assistant");
        Assert.Equal("""{"query": "paris",""", (string?)assistant!["tool_calls"]![0]!["function"]!["arguments"]);
        var told = (string?)second.Single(m => (string?)m!["role"] == "tool")!["content"];
        Assert.Contains("not a valid JSON object", told);
    }

    [Fact]
    public async Task WrongKey_RunFailsAtOnceWithTheFix_AndWithoutTheKey()
    {
        _server.Enqueue(ScriptedReply.Error(401, "invalid_api_key", "Incorrect API key provided: sk-run-test-key."));
        await StartWithOpenAIAsync();

        var result = await RunAsync();

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Single(_server.Requests);
        Assert.Contains("OPENAI_API_KEY", result.Reason);
        Assert.DoesNotContain("sk-run-test-key", result.Reason);
    }
}
