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

    [Fact]
    public async Task LessonPipeline_ReviewCorrections_BecomeTheWritersLesson_GivenToTheNextSimilarLesson()
    {
        var runs = app.Create<RunFunctions>(out var scope);
        using var _ = scope;
        await StartAsync(runs, scope.ServiceProvider, SampleAgents.LessonPipeline, "speculative comets", "fn-lesson-1");
        await runs.WaitForRunAsync(scope.ServiceProvider, app.Client, "fn-lesson-1", r => r.Phase == "awaiting-approval", "fn-lesson-1 awaits review");
        Assert.Equal(202, (await ReviewAsync("fn-lesson-1", """{"approved":false,"approver":"editor","corrections":"Say that comets orbit the Sun."}""")).Status);
        Assert.Equal("Completed", (await WaitForAsync(runs, scope.ServiceProvider, "fn-lesson-1")).Body.GetProperty("output").GetProperty("outcome").GetString());

        await StartAsync(runs, scope.ServiceProvider, SampleAgents.LessonPipeline, "speculative comets", "fn-lesson-2");
        await runs.WaitForRunAsync(scope.ServiceProvider, app.Client, "fn-lesson-2", r => r.Phase == "awaiting-approval", "fn-lesson-2 awaits review");
        var writer = await WaitForAsync(runs, scope.ServiceProvider, "fn-lesson-2:write-v1.1");
        await ReviewAsync("fn-lesson-2", """{"approved":false,"approver":"editor","comment":"enough"}""");
        var memories = app.Create<MemoryFunctions>(out var memoryScope);
        using var __ = memoryScope;
        var list = FunctionHttp.Request(memoryScope.ServiceProvider, "GET", "/api/agents/lesson-writer/memories?kind=episode");
        var listed = await (await memories.ListAsync(list, "lesson-writer", default)).ExecuteAsync(list);

        var review = Assert.Single(listed.Body.EnumerateArray(), m => m.GetProperty("runId").GetString() == "fn-lesson-1");
        Assert.Equal("human", review.GetProperty("source").GetString());
        Assert.Contains("editor reviewed the work and sent it back with corrections: Say that comets orbit the Sun.", review.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(review.GetProperty("id").GetString(), writer.Body.GetProperty("output").GetProperty("lessons").EnumerateArray().Select(l => l.GetString()));
    }

    private async Task StartAsync(RunFunctions runs, IServiceProvider services, string agent, string input, string runId)
    {
        var start = FunctionHttp.Request(services, "POST", $"/api/agents/{agent}/runs", $$"""{"input": "{{input}}", "runId": "{{runId}}"}""");
        Assert.Equal(202, (await (await runs.StartAsync(start, agent, app.Client, default)).ExecuteAsync(start)).Status);
    }

    private async Task<FunctionHttp.Answer> ReviewAsync(string runId, string body)
    {
        var control = app.Create<RunControlFunctions>(out var scope);
        using var _ = scope;
        var path = $"/api/runs/{runId}/approval";
        var request = FunctionHttp.Request(scope.ServiceProvider, "POST", path, body, FunctionHttp.Signed(path, body));
        return await (await control.ApproveAsync(request, runId, app.Client, default)).ExecuteAsync(request);
    }

    private Task<FunctionHttp.Answer> WaitForAsync(RunFunctions runs, IServiceProvider services, string id) =>
        runs.WaitForRunAsync(services, app.Client, id, r => r.RuntimeStatus is "Completed" or "Failed", $"{id} finishes");
}
