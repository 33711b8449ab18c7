using DurableAgents.Functions.Http;
using DurableAgents.Functions.Tests.Infrastructure;
using DurableAgents.Samples;
using DurableAgents.Testing;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>The real agent run, started and approved through the app's HTTP functions with a real Durable client.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class ApprovalOverHttpTests(FunctionsApp app)
{
    [Fact]
    public async Task RunStartedOverHttp_WaitsForApproval_IsApprovedBySignedWebhook_AndCompletes()
    {
        var runs = app.Create<RunFunctions>(out var scope);
        using var _ = scope;
        var start = FunctionHttp.Request(scope.ServiceProvider, "POST", $"/api/agents/{SampleAgents.Approval}/runs",
            $"{{\"input\": \"{SampleAgents.ApprovalGoal}\", \"runId\": \"fn-approval-1\"}}");
        var started = await (await runs.StartAsync(start, SampleAgents.Approval, app.Client, default)).ExecuteAsync(start);

        Assert.Equal(202, started.Status);
        Assert.Equal("http://localhost:7071/api/runs/fn-approval-1", started.Headers.Location.ToString());
        Assert.Equal("http://localhost:7071/api/runs/fn-approval-1", started.Body.GetProperty("statusQueryGetUri").GetString());
        Assert.EndsWith("/api/runs/fn-approval-1/events/{eventName}", started.Body.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/api/runs/fn-approval-1/terminate?reason={text}", started.Body.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);

        var waiting = await WaitForAsync(runs, scope.ServiceProvider, "fn-approval-1", r => r.Phase == "awaiting-approval", "run awaits approval");
        Assert.Equal("delete_records", waiting.Body.GetProperty("customStatus").GetProperty("pendingApprovals")[0].GetProperty("tool").GetString());

        var control = app.Create<RunControlFunctions>(out var controlScope);
        using var __ = controlScope;
        var body = "{\"approved\":true,\"approver\":\"webhook\"}";
        var unsigned = FunctionHttp.Request(controlScope.ServiceProvider, "POST", "/api/runs/fn-approval-1/approval", body);
        var refused = await (await control.ApproveAsync(unsigned, "fn-approval-1", app.Client, default)).ExecuteAsync(unsigned);
        Assert.Equal(401, refused.Status); // anonymous route, no key configured: a signature is the only way in

        var headers = FunctionHttp.Signed("/api/runs/fn-approval-1/approval", body);
        var signed = FunctionHttp.Request(controlScope.ServiceProvider, "POST", "/api/runs/fn-approval-1/approval", body, headers);
        var applied = await (await control.ApproveAsync(signed, "fn-approval-1", app.Client, default)).ExecuteAsync(signed);
        Assert.Equal(202, applied.Status);
        Assert.Equal("applied", applied.Body.GetProperty("status").GetString());
        Assert.Equal("webhook", applied.Body.GetProperty("decision").GetProperty("approver").GetString());

        var replay = FunctionHttp.Request(controlScope.ServiceProvider, "POST", "/api/runs/fn-approval-1/approval", body, headers);
        Assert.Equal(401, (await (await control.ApproveAsync(replay, "fn-approval-1", app.Client, default)).ExecuteAsync(replay)).Status);

        var done = await WaitForAsync(runs, scope.ServiceProvider, "fn-approval-1", r => r.RuntimeStatus == "Completed", "run completes");
        Assert.Equal("Completed", done.Body.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Contains(done.Body.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records" && c.GetProperty("status").GetString() == "ok");
    }

    private Task<FunctionHttp.Answer> WaitForAsync(RunFunctions runs, IServiceProvider services, string id, Func<FunctionHttp.Answer, bool> condition, string what) =>
        runs.WaitForRunAsync(services, app.Client, id, condition, what);
}
