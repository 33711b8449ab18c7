using System.Net;
using System.Text.Json;
using DurableAgents.Host.CustomHandler;
using DurableAgents.Host.Tests.Api;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.CustomHandler;

public sealed class InvocationTests : IClassFixture<HostFactoryFixture>
{
    private readonly HttpClient _http;

    public InvocationTests(HostFactoryFixture fixture) => _http = fixture.Factory.CreateClient();

    // The Functions host posts a queue message as a JSON string inside a JSON string.
    private static string QueuePayload(string message, string messageId) =>
        JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(message) },
            Metadata = new { DequeueCount = 1, Id = JsonSerializer.Serialize(messageId), sys = new { MethodName = "start-run" } },
        });

    [Fact]
    public async Task QueuePayload_StartsARun_AndAnswersOutputsLogsReturnValue()
    {
        var payload = QueuePayload("{\"agent\":\"background\",\"input\":\"from the queue\"}", "msg-0001");

        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/start-run", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Contains("Started run queue-msg-0001", body.GetProperty("Logs")[0].GetString());
        Assert.Equal("queue-msg-0001", body.GetProperty("ReturnValue").GetString());
        var run = await _http.WaitForRunAsync("queue-msg-0001", r => r.Status() == "Completed", "queued run completes");
        Assert.Equal("from the queue", run.GetProperty("input").GetString());
    }

    [Fact]
    public async Task RedeliveredMessage_DoesNotStartASecondRun()
    {
        var payload = QueuePayload("{\"agent\":\"background\",\"input\":\"once only\"}", "msg-0002");
        await _http.SendAsync(HttpMethod.Post, "/start-run", payload);
        await _http.WaitForRunAsync("queue-msg-0002", r => r.Status() == "Completed", "run completes");
        var before = StandInAgentRun.Starts.GetValueOrDefault("queue-msg-0002");

        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/start-run", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already exists", body.GetProperty("Logs")[0].GetString());
        Assert.Equal(1, before);
        Assert.Equal(1, StandInAgentRun.Starts.GetValueOrDefault("queue-msg-0002"));
    }

    [Fact]
    public async Task ObjectMessageWithRunId_IsAcceptedToo()
    {
        var payload = "{\"Data\":{\"message\":{\"agent\":\"background\",\"input\":{\"n\":1},\"runId\":\"queue-explicit-1\"}},\"Metadata\":{}}";
        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/start-run", payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("queue-explicit-1", body.GetProperty("ReturnValue").GetString());
    }

    [Theory]
    [InlineData("{\"Data\":{\"message\":\"\\\"not an object\\\"\"},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"message\":{\"agent\":\"ghost\",\"input\":\"x\"}},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"message\":{\"agent\":\"background\"}},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{},\"Metadata\":{}}")]
    public async Task BadMessages_Are400_SoTheHostRetriesAndPoisons(string payload)
    {
        var (response, body) = await _http.SendAsync(HttpMethod.Post, "/start-run", payload);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Unwrap_PeelsDoubleEncodedStrings()
    {
        using var twice = JsonDocument.Parse(JsonSerializer.Serialize(JsonSerializer.Serialize("hello")));
        using var obj = JsonDocument.Parse(JsonSerializer.Serialize("{\"a\":1}"));
        using var plain = JsonDocument.Parse("\"just text\"");

        Assert.Equal("hello", InvocationValues.Unwrap(twice.RootElement).GetString());
        Assert.Equal(1, InvocationValues.Unwrap(obj.RootElement).GetProperty("a").GetInt32());
        Assert.Equal("just text", InvocationValues.Unwrap(plain.RootElement).GetString());
    }

    [Fact]
    public void PublishLayout_HasHostJsonAndOneFolderPerFunction_BesideTheHost()
    {
        var output = AppContext.BaseDirectory;
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("DurableAgents.Host.dll", handler.GetProperty("description").GetProperty("arguments")[0].GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        foreach (var function in new[] { "api", "health", "openapi", CustomHandlerApi.StartRunFunction })
        {
            Assert.True(File.Exists(Path.Combine(output, function, "function.json")), $"{function}/function.json is in the output");
        }

        Assert.True(File.Exists(Path.Combine(output, "DurableAgents.Host.dll")));
    }
}
