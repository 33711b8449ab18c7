using System.Net;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>The host with a key, the real agent runs and the offline model, for the sample systems over HTTP.</summary>
public static class SampleHost
{
    public static HostFactory Create(Dictionary<string, string?>? settings = null) => HostFactory.WithKey(settings, standIn: false);

    /// <summary>Starts a run of <paramref name="agent"/> with this input (a string or an object) and id.</summary>
    public static async Task<string> StartSampleAsync(this HttpClient http, string agent, object input, string runId)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/api/agents/{agent}/runs", new { input, runId }, HostFactory.Key);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return runId;
    }

    /// <summary>Waits until the run's orchestration has finished and returns the run.</summary>
    public static Task<JsonElement> FinishedAsync(this HttpClient http, string runId) =>
        http.WaitForRunAsync(runId, r => r.Status() is "Completed" or "Failed" or "Terminated", $"{runId} finishes", HostFactory.Key);

    /// <summary>Waits until the run is in <paramref name="phase"/>.</summary>
    public static Task<JsonElement> InPhaseAsync(this HttpClient http, string runId, string phase) =>
        http.WaitForRunAsync(runId, r => r.Phase() == phase, $"{runId} in phase {phase}", HostFactory.Key);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Get, url, key: HostFactory.Key);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static string Outcome(this JsonElement run) => run.GetProperty("output").GetProperty("outcome").GetString()!;

    public static string Answer(this JsonElement run) => run.GetProperty("output").GetProperty("answer").GetString()!;

    public static IReadOnlyList<string> SubRunIds(this JsonElement run) =>
        run.GetProperty("customStatus").GetProperty("subRuns").EnumerateArray().Select(s => s.GetProperty("runId").GetString()!).ToList();

    /// <summary>The id of the run's first sub-run of <paramref name="agent"/>, or null while there is none.</summary>
    public static string? SubRunOf(this JsonElement run, string agent) =>
        run.TryGetProperty("customStatus", out var status) && status.ValueKind == JsonValueKind.Object
            && status.GetProperty("subRuns") is { ValueKind: JsonValueKind.Array } subRuns
            ? subRuns.EnumerateArray().Where(s => s.GetProperty("agent").GetString() == agent).Select(s => s.GetProperty("runId").GetString()).FirstOrDefault()
            : null;
}
