using System.Net;
using System.Text.Json;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Approvals;

/// <summary>The host with a key, a webhook secret and the real agent run (offline model), for approval tests at the HTTP level.</summary>
public static class ApprovalHost
{
    public static HostFactory Create(Dictionary<string, string?>? settings = null) => HostFactory.WithKey(settings, standIn: false);

    /// <summary>Starts a run of the records sample with this id and waits until it asks for approval; returns the pending call ids.</summary>
    public static async Task<IReadOnlyList<string>> StartWaitingRunAsync(this HttpClient http, string runId)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Approval}/runs",
            new { input = SampleAgents.ApprovalGoal, runId }, HostFactory.Key);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        var run = await http.WaitForRunAsync(runId, r => r.Phase() == "awaiting-approval", $"{runId} awaits approval", HostFactory.Key);
        return PendingCallIds(run);
    }

    public static IReadOnlyList<string> PendingCallIds(JsonElement run) =>
        run.GetProperty("customStatus").GetProperty("pendingApprovals").EnumerateArray().Select(p => p.GetProperty("callId").GetString()!).ToList();

    /// <summary>The run's tool calls of <paramref name="tool"/> that ran.</summary>
    public static int RanCalls(JsonElement run, string tool) => run.TryGetProperty("toolCalls", out var calls) && calls.ValueKind == JsonValueKind.Array
        ? calls.EnumerateArray().Count(c => c.GetProperty("tool").GetString() == tool && c.GetProperty("status").GetString() == "ok")
        : 0;

    public static async Task<JsonElement> GetRunAsync(this HttpClient http, string runId)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Get, $"/api/runs/{runId}", key: HostFactory.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body;
    }
}
