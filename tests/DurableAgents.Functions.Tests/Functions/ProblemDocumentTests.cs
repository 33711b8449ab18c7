using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableAgents.Functions.Http;
using DurableAgents.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>Bad input gets the same problem document from the Functions app as from the self-hosted host (one handler, two hosts).</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class ProblemDocumentTests(FunctionsApp app) : IDisposable
{
    private readonly SelfHostedHost _selfHosted = new();

    public static TheoryData<string, string, string?> BadRequests => new()
    {
        { "POST", "/api/agents/background/runs", "" },
        { "POST", "/api/agents/background/runs", "[1,2]" },
        { "POST", "/api/agents/background/runs", "{\"input\":" },
        { "POST", "/api/agents/background/runs", "{\"runId\":\"a\"}" },
        { "POST", "/api/agents/background/runs", "{\"input\":\"x\",\"runId\":\"bad id!\"}" },
        { "POST", "/api/agents/background/runs", "{\"input\":\"x\",\"ifExists\":\"overwrite\"}" },
        { "POST", "/api/agents/background/runs", "{\"input\":\"x\",\"user\":\"two words\"}" },
        { "POST", "/api/agents/ghost/runs", "{\"input\":\"x\"}" },
        { "GET", "/api/runs?createdFrom=yesterday", null },
        { "GET", "/api/runs?top=0", null },
        { "GET", "/api/runs?runtimeStatus=Sleeping", null },
        { "GET", "/api/runs/no-such-run", null },
        { "GET", "/api/runs/no-such-run?showHistory=maybe", null },
        { "GET", "/api/runs/no-such-run/history", null },
        { "POST", "/api/runs/no-such-run/events/approval", "{}" },
        { "POST", "/api/runs/no-such-run/events/go", "{}" },
        { "POST", "/api/runs/no-such-run/terminate", null },
        { "POST", "/api/runs/no-such-run/suspend", null },
        { "POST", "/api/runs/no-such-run/resume", null },
        { "DELETE", "/api/runs/no-such-run", null },
        { "GET", "/api/agents/ghost", null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_GetsTheSelfHostedProblemDocument(string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var selfHosted = await _selfHosted.CreateClient().SendAsync(request);
        var expected = JsonDocument.Parse(await selfHosted.Content.ReadAsStringAsync()).RootElement;
        var functions = await InvokeAsync(method, url, body);

        Assert.True((int)selfHosted.StatusCode >= 400, $"the self-hosted host refuses {method} {url}");
        Assert.Equal((int)selfHosted.StatusCode, functions.Status);
        Assert.Equal(selfHosted.Content.Headers.ContentType?.MediaType, functions.ContentType?.Split(';')[0]);
        foreach (var field in new[] { "type", "title", "status", "detail" })
        {
            Assert.Equal(expected.GetProperty(field).ToString(), functions.Body.GetProperty(field).ToString());
        }
    }

    public void Dispose() => _selfHosted.Dispose();

    // The function the Functions host would route the request to, with the route values it would bind.
    private async Task<FunctionHttp.Answer> InvokeAsync(string method, string url, string? body)
    {
        using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var request = FunctionHttp.Request(services, method, url, body);
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(services);
        var control = ActivatorUtilities.CreateInstance<RunControlFunctions>(services);
        var agents = ActivatorUtilities.CreateInstance<AgentFunctions>(services);
        var segments = url.Split('?')[0].Trim('/').Split('/');
        var client = app.Client;
        IResult result = (method, segments) switch
        {
            ("POST", ["api", "agents", var agent, "runs"]) => await runs.StartAsync(request, agent, client, default),
            ("GET", ["api", "agents", var name]) => agents.Get(request, name),
            ("GET", ["api", "runs"]) => await runs.ListAsync(request, client, default),
            ("GET", ["api", "runs", var id]) => await runs.GetAsync(request, id, client, default),
            ("GET", ["api", "runs", var id, "history"]) => await runs.HistoryAsync(request, id, client, default),
            ("POST", ["api", "runs", var id, "events", var name]) => await control.RaiseEventAsync(request, id, name, client, default),
            ("POST", ["api", "runs", var id, "terminate"]) => await control.TerminateAsync(request, id, client, default),
            ("POST", ["api", "runs", var id, "suspend"]) => await control.SuspendAsync(request, id, client, default),
            ("POST", ["api", "runs", var id, "resume"]) => await control.ResumeAsync(request, id, client, default),
            ("DELETE", ["api", "runs", var id]) => await control.PurgeAsync(request, id, client, default),
            _ => throw new InvalidOperationException($"No function serves {method} {url}."),
        };
        return await result.ExecuteAsync(request);
    }
}
