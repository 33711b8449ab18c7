using System.Globalization;
using System.Text.Json;
using DurableAgents.Api.Http;
using DurableAgents.Runs;
using RunMapper = DurableAgents.Api.Runs.RunMapper;
using DurableAgents.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Sessions;

/// <summary>The body of <c>POST /api/agents/{agent}/sessions</c>.</summary>
/// <param name="SessionId">An id for the session; a new one when omitted.</param>
/// <param name="User">The user the session is for (each turn's run is for that user); none when omitted.</param>
public sealed record CreateSessionRequest(string? SessionId, string? User = null);

/// <summary>The body of <c>POST /api/sessions/{id}/messages</c>.</summary>
public sealed record SessionMessageRequest(JsonElement? Input, string? MessageId);

/// <summary>What a sent message became: its turn's run and where to read it; the answer when the request waited for it.</summary>
public sealed record SessionMessageResponse(string SessionId, string MessageId, string RunId, bool Resent, string StatusQueryGetUri, string SessionUri)
{
    /// <summary>The run's outcome, when it ended within the wait.</summary>
    public string? Outcome { get; init; }

    /// <summary>The answer, when the run ended within the wait.</summary>
    public string? Answer { get; init; }
}

/// <summary>The sessions API, one implementation for both hosts: create, send a message, list, read, delete.</summary>
public static partial class SessionHandlers
{
    /// <summary>The longest wait a message request may ask for.</summary>
    public const int MaxWaitSeconds = 120;

    private const string MessageShape = "{\"input\": \"the message\", \"messageId\": \"optional-id (a resend with the same id is not a second turn)\"}";

    /// <summary><c>POST /api/agents/{agent}/sessions</c> (body optional: <c>{"sessionId": "..."}</c>): 201 with the session's URL.</summary>
    public static async Task<Results<Created<SessionResponse>, ProblemHttpResult>> CreateAsync(
        string agent, HttpRequest request, SessionClient sessions, DurableAgentsApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        string? requested = null;
        string? user = null;
        if (request.ContentLength is not 0 && request.HasJsonContentType())
        {
            var (body, problem) = await RequestBody.ReadJsonAsync<CreateSessionRequest>(request, options.MaxRequestBodyBytes, "{\"sessionId\": \"optional-id\", \"user\": \"optional-user-key\"}");
            if (problem is not null)
            {
                return problem;
            }

            (requested, user) = (body!.SessionId, body.User);
        }

        if (!UserKeys.IsValid(user, out var userError))
        {
            return Problems.BadRequest($"'user' is not usable: {userError}");
        }

        try
        {
            var id = await sessions.CreateAsync(agent, requested, user, cancellationToken);
            var view = await sessions.GetAsync(id, cancellationToken);
            return TypedResults.Created(SessionUri(request, id), ToResponse(view!));
        }
        catch (AgentNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
        catch (SessionConflictException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    /// <summary><c>POST /api/sessions/{id}/messages[?wait=SECONDS]</c>: 202 with the turn's run URL, or 200 with the answer within the wait.</summary>
    public static async Task<Results<Ok<SessionMessageResponse>, Accepted<SessionMessageResponse>, ProblemHttpResult>> SendAsync(
        string id, HttpRequest request, SessionClient sessions, DurableAgentsApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        var waitText = request.Query["wait"].ToString();
        var wait = 0;
        if (waitText.Length > 0 && (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out wait) || wait > MaxWaitSeconds))
        {
            return Problems.BadRequest($"'wait' is '{waitText}'; use a whole number of seconds from 0 to {MaxWaitSeconds}.");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<SessionMessageRequest>(request, options.MaxRequestBodyBytes, MessageShape);
        if (problem is not null)
        {
            return problem;
        }

        if (RequestBody.InputText(body!.Input) is not { } text)
        {
            return Problems.BadRequest($"The body needs an 'input': the message as a string, or an object. Send: {MessageShape}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.BadRequest("The 'input' is empty; say something to the agent.");
        }

        try
        {
            var receipt = await sessions.SendAsync(id, text, body.MessageId, cancellationToken);
            var response = new SessionMessageResponse(receipt.SessionId, receipt.MessageId, receipt.RunId, receipt.Resent,
                RunMapper.Uris(request, receipt.RunId).StatusQueryGetUri, SessionUri(request, id));
            if (wait > 0 && await sessions.WaitForTurnAsync(receipt.RunId, TimeSpan.FromSeconds(wait), cancellationToken) is { } run)
            {
                return TypedResults.Ok(response with { Outcome = run.Result?.Outcome.ToString() ?? run.RuntimeStatus.ToString(), Answer = run.Result?.Answer });
            }

            request.HttpContext.Response.Headers.RetryAfter = "2";
            return TypedResults.Accepted(response.StatusQueryGetUri, response);
        }
        catch (SessionNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (SessionConflictException e)
        {
            return Problems.Conflict(e.Message);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    private static string SessionUri(HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/sessions/{Uri.EscapeDataString(id)}";
}
