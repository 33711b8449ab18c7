using Microsoft.Extensions.Time.Testing;
using DurableAgents.Models;
using DurableAgents.Testing;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Models;

public sealed class OpenAIChatClientErrorTests : IAsyncLifetime
{
    private const string ApiKey = "sk-secret-abcdefghijklmnop";
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IChatClient CreateClient(TimeSpan? timeout = null, Uri? baseUrl = null) => OpenAIModels.CreateChatClient(new OpenAIModelOptions
    {
        ApiKey = ApiKey,
        BaseUrl = baseUrl ?? _server.BaseUrl,
        Model = "gpt-4o-mini",
        NetworkTimeout = timeout ?? TimeSpan.FromSeconds(30),
    }, timeProvider: new FakeTimeProvider(Now));

    private static Task<ModelCallException> CallAsync(IChatClient client, CancellationToken cancellationToken = default) =>
        Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: cancellationToken));

    [Fact]
    public async Task RateLimited_WithRetryAfterSeconds_IsTransientWithRetryAfter()
    {
        _server.Enqueue(ScriptedReply.Error(429, "rate_limit_exceeded", "Slow down", new Dictionary<string, string> { ["Retry-After"] = "7" }));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("Slow down", ex.Message);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterMs_PrefersMilliseconds()
    {
        _server.Enqueue(ScriptedReply.Error(429, "rate_limit_exceeded", "Slow down",
            new Dictionary<string, string> { ["Retry-After"] = "2", ["retry-after-ms"] = "1500" }));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), ex.RetryAfter);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        _server.Enqueue(ScriptedReply.Error(429, "rate_limit_exceeded", "Slow down",
            new Dictionary<string, string> { ["Retry-After"] = Now.AddSeconds(42).ToString("r", System.Globalization.CultureInfo.InvariantCulture) }));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(42), ex.RetryAfter);
    }

    [Fact]
    public async Task RateLimited_InsufficientQuota_IsNotTransient()
    {
        _server.Enqueue(ScriptedReply.Error(429, "insufficient_quota", "You exceeded your current quota"));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.False(ex.IsTransient);
        Assert.Contains("quota", ex.Message);
    }

    [Fact]
    public async Task ServerError_IsTransient_AndNotRetriedByThePackage()
    {
        _server.Enqueue(ScriptedReply.Error(500, "server_error", "Boom"), ScriptedReply.Text("should not be reached"));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.True(ex.IsTransient);
        Assert.Equal(500, ex.StatusCode);
        Assert.Null(ex.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Unauthorized_IsNotTransient_SaysHowToFix_AndHidesTheKey()
    {
        _server.Enqueue(ScriptedReply.Error(401, "invalid_api_key", $"Incorrect API key provided: {ApiKey}. Also sk-abc***mnop."));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("OPENAI_API_KEY", ex.Message);
        Assert.DoesNotContain(ApiKey, ex.ToString());
        Assert.DoesNotContain("sk-abc", ex.ToString());
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(408, true)]
    [InlineData(503, true)]
    public async Task StatusCodes_AreClassified(int status, bool transient)
    {
        _server.Enqueue(ScriptedReply.Error(status, "some_code", "msg"));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task EchoedKey_NeverAppearsInTheExceptionOrItsInnerExceptions(int status)
    {
        _server.Enqueue(ScriptedReply.Error(status, "some_code", $"Your key {ApiKey} was seen."));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.DoesNotContain(ApiKey, ex.ToString());
        Assert.DoesNotContain(ApiKey, ex.Message);
        Assert.Contains("[redacted]", ex.Message);
    }

    [Fact]
    public async Task NotFound_MentionsTheModelSetting()
    {
        _server.Enqueue(ScriptedReply.Error(404, "model_not_found", "The model does not exist"));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.False(ex.IsTransient);
        Assert.Contains("OPENAI_MODEL", ex.Message);
        Assert.Contains("OPENAI_BASE_URL", ex.Message);
    }

    [Fact]
    public async Task Cancellation_ThrowsOperationCanceled()
    {
        _server.Enqueue(ScriptedReply.Hang());
        using var client = CreateClient();
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: cts.Token);
        await _server.WaitForRequestsAsync(1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Timeout_IsTransient()
    {
        _server.Enqueue(ScriptedReply.Hang());
        using var client = CreateClient(TimeSpan.FromMilliseconds(300));

        var ex = await CallAsync(client);

        Assert.True(ex.IsTransient);
        Assert.Equal("timeout", ex.ErrorCode);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransient()
    {
        var port = LoopbackPort.Free();
        using var client = CreateClient(baseUrl: new Uri($"http://127.0.0.1:{port}/v1/"));

        var ex = await CallAsync(client);

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
        Assert.DoesNotContain(ApiKey, ex.Message);
    }

    [Fact]
    public async Task ResponseWithoutChoices_IsNotTransient()
    {
        _server.Enqueue(new ScriptedReply(200, """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}""", new Dictionary<string, string>()));
        using var client = CreateClient();

        var ex = await CallAsync(client);

        Assert.False(ex.IsTransient);
        Assert.Equal("invalid_response", ex.ErrorCode);
    }
}
