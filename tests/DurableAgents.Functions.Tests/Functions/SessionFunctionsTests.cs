using DurableAgents.Functions.Http;
using DurableAgents.Functions.Tests.Infrastructure;
using DurableAgents.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>A multi-turn session through the app's session functions, answered by the app's AgentRun and AgentSession functions.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class SessionFunctionsTests(FunctionsApp app)
{
    [Fact]
    public async Task SessionCreatedOverHttp_AnswersTwoMessages_InOrder_ThenIsDeleted()
    {
        var sessions = app.Create<SessionFunctions>(out var scope);
        using var _ = scope;
        var services = scope.ServiceProvider;
        var create = FunctionHttp.Request(services, "POST", $"/api/agents/{SampleAgents.Background}/sessions", "{\"sessionId\": \"fn-session-1\"}");
        var created = await (await sessions.CreateAsync(create, SampleAgents.Background, app.Client, default)).ExecuteAsync(create);
        Assert.Equal(201, created.Status);
        Assert.Equal("http://localhost:7071/api/sessions/fn-session-1", created.Headers.Location.ToString());

        var first = FunctionHttp.Request(services, "POST", "/api/sessions/fn-session-1/messages", "{\"input\": \"What is 6 * 7?\", \"messageId\": \"q1\"}");
        var queued = await (await sessions.SendAsync(first, "fn-session-1", app.Client, default)).ExecuteAsync(first);
        Assert.Equal(202, queued.Status);
        Assert.Equal("session-turn:fn-session-1:q1", queued.Body.GetProperty("runId").GetString());
        var second = FunctionHttp.Request(services, "POST", "/api/sessions/fn-session-1/messages?wait=60", "{\"input\": \"And 7 * 8?\", \"messageId\": \"q2\"}");
        var answered = await (await sessions.SendAsync(second, "fn-session-1", app.Client, default)).ExecuteAsync(second);
        Assert.Equal(200, answered.Status);
        Assert.Equal("Completed", answered.Body.GetProperty("outcome").GetString());

        var turns = (await ReadAsync(sessions, services, "GET", "/api/sessions/fn-session-1")).Body.GetProperty("turns");
        Assert.Equal(["q1", "q2"], turns.EnumerateArray().Select(t => t.GetProperty("messageId").GetString()));
        Assert.Equal([1, 2], turns.EnumerateArray().Select(t => t.GetProperty("turn").GetInt32()));
        Assert.All(turns.EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("answer").GetString()), t.ToString()));
        Assert.True(turns[0].GetProperty("endedAt").GetDateTime() <= turns[1].GetProperty("startedAt").GetDateTime(), "one turn at a time");
        var list = await ReadAsync(sessions, services, "GET", "/api/sessions");
        Assert.Contains(list.Body.EnumerateArray(), s => s.GetProperty("sessionId").GetString() == "fn-session-1");

        Assert.Equal(204, (await ReadAsync(sessions, services, "DELETE", "/api/sessions/fn-session-1")).Status);
        Assert.Equal(404, (await ReadAsync(sessions, services, "GET", "/api/sessions/fn-session-1")).Status);
    }

    [Fact]
    public async Task ARunAndASessionForAUser_CarryTheUser_IntoWhatTheAppShows()
    {
        var sessions = app.Create<SessionFunctions>(out var scope);
        using var _ = scope;
        var services = scope.ServiceProvider;
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(services);
        var start = FunctionHttp.Request(services, "POST", $"/api/agents/{SampleAgents.Background}/runs", "{\"input\": \"What is 6 * 7?\", \"runId\": \"fn-user-run\", \"user\": \"ana@contoso.com\"}");
        Assert.Equal(202, (await (await runs.StartAsync(start, SampleAgents.Background, app.Client, default)).ExecuteAsync(start)).Status);
        var run = await runs.WaitForRunAsync(services, app.Client, "fn-user-run", r => r.Body.GetProperty("runtimeStatus").GetString() == "Completed", "the user's run completes");

        var create = FunctionHttp.Request(services, "POST", $"/api/agents/{SampleAgents.Background}/sessions", "{\"sessionId\": \"fn-user-session\", \"user\": \"ana@contoso.com\"}");
        var created = await (await sessions.CreateAsync(create, SampleAgents.Background, app.Client, default)).ExecuteAsync(create);

        Assert.Equal("ana@contoso.com", run.Body.GetProperty("user").GetString());
        Assert.Equal(201, created.Status);
        Assert.Equal("ana@contoso.com", created.Body.GetProperty("user").GetString());
        Assert.Equal(204, (await ReadAsync(sessions, services, "DELETE", "/api/sessions/fn-user-session")).Status);
    }

    [Fact]
    public void SessionFunctions_AreBuiltFromTheAppsOwnRegistration_WithoutADurableClientInDi()
    {
        // As in Azure: the app's services alone, where resolving a DurableTaskClient (so a SessionClient) throws "no valid client
        // target"; the functions take the factory, and the client comes with each invocation.
        var services = new ServiceCollection();
        services.AddDurableAgentsFunctionsApp(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var functions = ActivatorUtilities.CreateInstance<SessionFunctions>(provider);

        Assert.NotNull(functions);
        Assert.NotNull(provider.GetService<DurableAgents.Sessions.SessionOptions>());
    }

    private async Task<FunctionHttp.Answer> ReadAsync(SessionFunctions sessions, IServiceProvider services, string method, string url)
    {
        var request = FunctionHttp.Request(services, method, url);
        var id = url.Split('/').Last();
        var result = (method, id) switch
        {
            ("GET", "sessions") => await sessions.ListAsync(request, app.Client, default),
            ("GET", _) => await sessions.GetAsync(request, id, app.Client, default),
            _ => await sessions.DeleteAsync(request, id, app.Client, default),
        };
        return await result.ExecuteAsync(request);
    }
}
