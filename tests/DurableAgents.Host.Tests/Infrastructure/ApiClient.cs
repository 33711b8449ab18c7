using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>Small helpers over HttpClient for the API tests.</summary>
public static class ApiClient
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        this HttpClient http, HttpMethod method, string url, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone();
        return (response, json);
    }

    public static async Task<string> StartAsync(this HttpClient http, string agent, string goal, string? runId = null, string? key = null)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/api/agents/{agent}/runs", new { input = goal, runId }, key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> WaitForRunAsync(
        this HttpClient http, string id, Func<JsonElement, bool> condition, string what, string? key = null, int seconds = 60)
    {
        JsonElement last = default;
        await TestDeadline.WaitUntilAsync(async () =>
        {
            var (response, body) = await http.SendAsync(HttpMethod.Get, $"/api/runs/{id}", key: key);
            last = body;
            return response.StatusCode == HttpStatusCode.OK && condition(body);
        }, what, seconds);
        return last;
    }

    public static string Status(this JsonElement run) => run.GetProperty("runtimeStatus").GetString()!;

    public static string? Phase(this JsonElement run) =>
        run.TryGetProperty("customStatus", out var s) && s.ValueKind == JsonValueKind.Object ? s.GetProperty("phase").GetString() : null;
}
