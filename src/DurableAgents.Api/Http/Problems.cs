using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Http;

/// <summary>Problem-details results with a title per status and a detail that says how to fix it.</summary>
public static class Problems
{
    /// <summary>400.</summary>
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: 400, title: "The request is not valid.");

    /// <summary>401.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(detail, statusCode: 401, title: "Not authorized.");

    /// <summary>403.</summary>
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: 403, title: "Forbidden.");

    /// <summary>404.</summary>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: 404, title: "Not found.");

    /// <summary>409.</summary>
    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: 409, title: "Conflict with the current state.");

    /// <summary>404 for a run id.</summary>
    public static ProblemHttpResult RunNotFound(string id) => NotFound($"No agent run with id '{id}' exists. GET /api/runs lists the runs.");
}
