using System.Net;
using System.Text.Json;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Approvals;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Api;

/// <summary>GET /api/runs/{id}/conversation: a run's messages from the conversation store, long values cut, keys required.</summary>
public sealed class ConversationApiTests : IClassFixture<ConversationApiTests.Host>
{
    private readonly HttpClient _http;

    public ConversationApiTests(Host host) => _http = host.Factory.CreateClient();

    [Fact]
    public async Task AFinishedRun_HasItsWholeConversation_InOrder()
    {
        var id = await CompletedRunAsync();

        var (response, body) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}/conversation", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(body.GetProperty("total").GetInt32(), messages.Count);
        Assert.Equal(["user", "assistant", "tool", "assistant"], messages.Select(m => m.GetProperty("role").GetString()!).ToArray());
        Assert.Equal("What is 6 * 7?", messages[0].GetProperty("text").GetString());
        var call = messages[1].GetProperty("toolCalls")[0];
        Assert.Equal("calculator", call.GetProperty("name").GetString());
        var result = messages[2].GetProperty("toolResults")[0];
        Assert.Equal(call.GetProperty("callId").GetString(), result.GetProperty("callId").GetString());
        Assert.Contains("42", result.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, messages.Count), messages.Select(m => m.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task LongValues_AreCutWithTheirSize_AndPagesStartWhereAsked()
    {
        var id = await CompletedRunAsync();

        var (_, page) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}/conversation?skip=3&take=1&maxChars=10", key: HostFactory.Key);
        var (_, whole) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/{id}/conversation?skip=3&take=1&maxChars=0", key: HostFactory.Key);

        var cut = Assert.Single(page.GetProperty("messages").EnumerateArray()).GetProperty("text");
        var text = Assert.Single(whole.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString()!;
        Assert.Equal(3, page.GetProperty("messages")[0].GetProperty("index").GetInt32());
        Assert.True(cut.GetProperty("truncated").GetBoolean());
        Assert.Equal(text.Length, cut.GetProperty("size").GetInt32());
        Assert.Equal(text[..10], cut.GetProperty("preview").GetString());
    }

    [Theory]
    [InlineData("skip=-1")]
    [InlineData("take=0")]
    [InlineData("take=1001")]
    [InlineData("maxChars=abc")]
    public async Task BadPaging_Is400_SayingWhatIsAllowed(string query)
    {
        var (response, body) = await _http.SendAsync(HttpMethod.Get, $"/api/runs/any-run/conversation?{query}", key: HostFactory.Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("take 1 to 1000", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRun_Is404_AndNoKey_Is401()
    {
        var (missing, _) = await _http.SendAsync(HttpMethod.Get, "/api/runs/no-such-run/conversation", key: HostFactory.Key);
        var (anonymous, _) = await _http.SendAsync(HttpMethod.Get, "/api/runs/no-such-run/conversation");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<string> CompletedRunAsync()
    {
        var id = await _http.StartAsync(SampleAgents.Background, "What is 6 * 7?", "conv-" + Guid.NewGuid().ToString("N")[..8], HostFactory.Key);
        await _http.WaitForRunAsync(id, r => r.Status() == "Completed", "completed", HostFactory.Key);
        return id;
    }

    public sealed class Host : IDisposable
    {
        public HostFactory Factory { get; } = ApprovalHost.Create();

        public void Dispose() => Factory.Dispose();
    }
}
