using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DurableAgents.Testing;

namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>Starts and reads runs over the host's API, for setting up and checking what a page shows.</summary>
public static class RunsClient
{
    public static async Task<string> StartRunAsync(this HttpClient http, string agent, string goal, string runId, string? user = null)
    {
        using var response = await http.PostAsJsonAsync($"/api/agents/{agent}/runs", new { input = goal, runId, user });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return runId;
    }

    public static async Task<JsonElement> GetRunAsync(this HttpClient http, string runId)
    {
        using var response = await http.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the run until <paramref name="condition"/> holds; returns it.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this HttpClient http, string runId, Func<JsonElement, bool> condition, string what)
    {
        JsonElement last = default;
        await TestDeadline.WaitUntilAsync(async () => condition(last = await http.GetRunAsync(runId)), $"{runId}: {what}");
        return last;
    }

    public static string Status(this JsonElement run) => run.GetProperty("runtimeStatus").GetString()!;

    public static bool IsWaitingForApproval(this JsonElement run) =>
        run.TryGetProperty("customStatus", out var s) && s.ValueKind == JsonValueKind.Object
        && s.TryGetProperty("pendingApprovals", out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() > 0;

    public static string? Outcome(this JsonElement run) =>
        run.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Object ? o.GetProperty("outcome").GetString() : null;
}
