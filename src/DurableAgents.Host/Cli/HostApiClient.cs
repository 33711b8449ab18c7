using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using DurableAgents.Api.Runs;
using DurableAgents.Api.Sessions;
using DurableAgents.Host.Api.Runs;

namespace DurableAgents.Host.Cli;

/// <summary>The host's HTTP API as the CLI and the demo use it, read into the API's own contract types.</summary>
public sealed class HostApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http;
    private readonly HostConnection _connection;

    /// <summary>A client for the host at <paramref name="connection"/>; <paramref name="handler"/> for tests.</summary>
    public HostApiClient(HostConnection connection, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = connection.BaseUrl;
        _http.Timeout = TimeSpan.FromSeconds(30);
        if (connection.Key is { } key)
        {
            _http.DefaultRequestHeaders.Add("x-api-key", key);
        }
    }

    /// <summary>One page of runs (the API's order: oldest first).</summary>
    public Task<RunListResponse> ListRunsAsync(string query, CancellationToken cancellationToken) =>
        SendAsync<RunListResponse>(HttpMethod.Get, "/api/runs" + query, null, cancellationToken);

    /// <summary>A run (its status, tool calls and output).</summary>
    public Task<RunResponse> GetRunAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<RunResponse>(HttpMethod.Get, RunPath(id), null, cancellationToken);

    /// <summary>A run's history (this generation), values cut as the host cuts them.</summary>
    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<HistoryEntry>>(HttpMethod.Get, RunPath(id) + "/history", null, cancellationToken);

    /// <summary>Starts a run of <paramref name="agent"/>.</summary>
    public Task<RunUris> StartRunAsync(string agent, string goal, string? runId, CancellationToken cancellationToken) =>
        SendAsync<RunUris>(HttpMethod.Post, $"/api/agents/{Uri.EscapeDataString(agent)}/runs", new { input = goal, runId }, cancellationToken);

    /// <summary>Approves or rejects calls of a waiting run (all pending ones when <paramref name="request"/> names none).</summary>
    public Task<CommandAccepted> SubmitApprovalAsync(string id, ApprovalRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, RunPath(id) + "/approval", request, cancellationToken);

    /// <summary>The sessions, newest first, without their turns.</summary>
    public Task<IReadOnlyList<SessionResponse>> ListSessionsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<SessionResponse>>(HttpMethod.Get, "/api/sessions", null, cancellationToken);

    /// <summary>A session with its latest turns.</summary>
    public Task<SessionResponse> GetSessionAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<SessionResponse>(HttpMethod.Get, "/api/sessions/" + Uri.EscapeDataString(id), null, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string RunPath(string id) => "/api/runs/" + Uri.EscapeDataString(id);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"The host at {_connection.BaseUrl} is not reachable ({Reason(e)}). Start it with "
                + $"'dotnet run --project src/DurableAgents.Host', or point --url / {HostConnection.UrlVariable} at a running one.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The host at {_connection.BaseUrl} did not answer {method} {path} within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(Problem(response.StatusCode, text, method, path));
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("null");
            }
            catch (JsonException)
            {
                throw new CliException($"{method} {path} answered {(int)response.StatusCode} with a body that is not what a DurableAgents host sends; is {_connection.BaseUrl} one?");
            }
        }
    }

    private string Problem(HttpStatusCode status, string body, HttpMethod method, string path)
    {
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException)
        {
        }

        return status switch
        {
            HttpStatusCode.Unauthorized when _connection.Key is null =>
                $"The host needs an API key: set {HostConnection.KeyVariable} (or pass --key). {detail}".TrimEnd(),
            HttpStatusCode.Unauthorized => $"The host refused the key: {detail ?? "401"}. Check {HostConnection.KeyVariable} / --key.",
            _ => $"{method} {path} failed with {(int)status} {status}: {detail ?? "no detail given"}",
        };
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException s => s.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : s.Message,
        { } inner => inner.Message,
        null => e.Message,
    };
}
