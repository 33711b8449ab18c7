using System.Globalization;
using DurableAgents.Api.Http;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Api.Runs;

/// <summary><c>GET /api/runs</c>: list and page.</summary>
public static partial class RunHandlers
{
    /// <summary><c>GET /api/runs?runtimeStatus=&amp;agent=&amp;user=&amp;session=&amp;createdFrom=&amp;top=&amp;continuationToken=</c>.</summary>
    public static async Task<Results<Ok<RunListResponse>, ProblemHttpResult>> ListAsync(
        HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        var (query, filter, problem) = ReadQuery(request.Query);
        if (problem is not null)
        {
            return problem;
        }

        // The SDK's query has no name filter: the page is read whole and what is not an agent run (schedules, receipts) is
        // skipped, so a page can hold fewer than `top` runs; the continuation token still leads to the next one.
        var page = await FirstPageAsync(runs.Orchestrations, query!, cancellationToken);
        var items = new List<RunResponse>();
        foreach (var instance in page.Values)
        {
            if (await runs.GetRunAsync(instance.InstanceId, includeToolCalls: false, cancellationToken) is { } run
                && filter!.Matches(run))
            {
                items.Add(RunMapper.ToResponse(run));
            }
        }

        if (page.ContinuationToken is { } next)
        {
            request.HttpContext.Response.Headers["x-ms-continuation-token"] = next;
        }

        return TypedResults.Ok(new RunListResponse(items, page.ContinuationToken));
    }

    private static (OrchestrationQuery? Query, RunFilter? Filter, ProblemHttpResult? Problem) ReadQuery(IQueryCollection parameters)
    {
        var top = parameters["top"].FirstOrDefault();
        var pageSize = 50;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return (null, null, Problems.BadRequest($"top is '{top}'; use a whole number from 1 to 1000."));
        }

        DateTimeOffset? from = null;
        if (parameters["createdFrom"].FirstOrDefault() is { } createdFrom)
        {
            if (!DateTimeOffset.TryParse(createdFrom, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, null, Problems.BadRequest($"createdFrom '{createdFrom}' is not a date; use ISO 8601, for example 2026-12-01T09:00:00Z."));
            }

            from = parsed.ToUniversalTime();
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in (parameters["runtimeStatus"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(part, out _))
            {
                return (null, null, Problems.BadRequest($"runtimeStatus '{part}' is not known; use Pending, Running, Completed, Failed, Terminated or Suspended (comma-separated)."));
            }

            statuses.Add(status);
        }

        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = from,
            PageSize = pageSize,
            ContinuationToken = parameters["continuationToken"].FirstOrDefault(),
            FetchInputsAndOutputs = false,
        };
        var user = parameters["user"].FirstOrDefault();
        if (!UserKeys.IsValid(user, out var userError))
        {
            return (null, null, Problems.BadRequest($"user is not usable: {userError}"));
        }

        return (query, new RunFilter(parameters["agent"].FirstOrDefault(), user, parameters["session"].FirstOrDefault()), null);
    }

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(
        DurableTaskClient client, OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            return page;
        }

        return new Page<OrchestrationMetadata>([], null);
    }

    // Filters the query cannot express (they live in the run's input); each given one must match.
    private sealed record RunFilter(string? Agent, string? User, string? Session)
    {
        public bool Matches(AgentRunView run) =>
            (Agent is null || string.Equals(run.Agent, Agent, StringComparison.OrdinalIgnoreCase))
            && (User is null || string.Equals(run.User, User, StringComparison.Ordinal))
            && (Session is null || string.Equals(run.Session, Session, StringComparison.Ordinal));
    }
}
