using DurableAgents.Functions.Http;
using DurableAgents.Functions.Tests.Infrastructure;
using DurableAgents.Samples;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>Pattern samples run by the app's own orchestrator and activity functions, read back through its HTTP functions.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class PatternSampleTests(FunctionsApp app)
{
    [Fact]
    public async Task Planner_ReplansThroughTheAppsFunctions_AndItsAuditCoversTheSubRun()
    {
        var runs = app.Create<RunFunctions>(out var scope);
        using var _ = scope;
        var start = FunctionHttp.Request(scope.ServiceProvider, "POST", $"/api/agents/{SampleAgents.Planner}/runs",
            """{"input": "Fetch http://127.0.0.1:9/status, then compute 17 * 23.", "runId": "fn-plan-1"}""");
        Assert.Equal(202, (await (await runs.StartAsync(start, SampleAgents.Planner, app.Client, default)).ExecuteAsync(start)).Status);

        var done = await WaitForAsync(runs, scope.ServiceProvider, "fn-plan-1");
        var audit = FunctionHttp.Request(scope.ServiceProvider, "GET", "/api/runs/fn-plan-1/audit");
        var trail = await (await runs.AuditAsync(audit, "fn-plan-1", app.Client, default)).ExecuteAsync(audit);

        Assert.Equal("Completed", done.Body.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Contains("17 * 23 = 391.", done.Body.GetProperty("output").GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, done.Body.GetProperty("customStatus").GetProperty("detail").GetProperty("replans").GetInt32());
        Assert.Equal(200, trail.Status);
        var entries = trail.Body.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("runId").GetString(), e.GetProperty("tool").GetString(), e.GetProperty("outcome").GetString())).ToList();
        Assert.Contains(("fn-plan-1", "http_get", "error"), entries);
        Assert.Contains(("fn-plan-1", "researcher", "ok"), entries);
        Assert.Contains(("fn-plan-1", "calculator", "ok"), entries);
        Assert.Contains(entries, e => e.Item1!.StartsWith("fn-plan-1:", StringComparison.Ordinal) && e.Item2 == "web_search");
    }

    [Fact]
    public async Task PenPals_ExchangeMailBetweenTwoMailboxOrchestrations()
    {
        var runs = app.Create<RunFunctions>(out var scope);
        using var _ = scope;
        var start = FunctionHttp.Request(scope.ServiceProvider, "POST", $"/api/agents/{SampleAgents.PenPals}/runs",
            """{"input": {"opening": "What is 6 * 7?", "messages": 3}, "runId": "fn-pals-1"}""");
        Assert.Equal(202, (await (await runs.StartAsync(start, SampleAgents.PenPals, app.Client, default)).ExecuteAsync(start)).Status);

        var done = await WaitForAsync(runs, scope.ServiceProvider, "fn-pals-1");

        Assert.Equal("Completed", done.Body.GetProperty("output").GetProperty("outcome").GetString());
        var lines = done.Body.GetProperty("output").GetProperty("answer").GetString()!.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("#3 pen-pal-bob: ", lines[2], StringComparison.Ordinal);
        Assert.Equal(0, done.Body.GetProperty("customStatus").GetProperty("detail").GetProperty("duplicates").GetInt32());
    }

    private Task<FunctionHttp.Answer> WaitForAsync(RunFunctions runs, IServiceProvider services, string id) =>
        runs.WaitForRunAsync(services, app.Client, id, r => r.RuntimeStatus is "Completed" or "Failed", $"{id} finishes");
}
