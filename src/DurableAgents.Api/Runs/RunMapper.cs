using DurableAgents.Runs;

namespace DurableAgents.Api.Runs;

/// <summary>Builds API shapes from runs.</summary>
public static class RunMapper
{
    /// <summary>The response for a run.</summary>
    public static RunResponse ToResponse(AgentRunView run, IReadOnlyList<HistoryEntry>? history = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var usage = run.Result?.Usage ?? run.Status?.Usage ?? RunUsage.Zero;
        return new RunResponse
        {
            Id = run.RunId,
            Agent = run.Agent,
            RuntimeStatus = run.RuntimeStatus.ToString(),
            CustomStatus = run.Status,
            Input = run.Goal,
            User = run.User,
            Session = run.Session,
            Output = run.Result is { } r ? new RunOutput(r.Outcome, r.Answer, r.Reason, r.Steps, r.Usage) { Lessons = r.Lessons, Episode = r.Episode } : null,
            Failure = run.Failure is { } f ? new FailureResponse(f.ErrorType, f.ErrorMessage) : null,
            CreatedTime = run.CreatedAt,
            LastUpdatedTime = run.LastUpdatedAt,
            Usage = new UsageResponse(usage.InputTokens, usage.OutputTokens, usage.CostUsd),
            Steps = run.Result?.Steps ?? run.Status?.Step ?? 0,
            ToolCalls = run.ToolCalls,
            History = history,
        };
    }

    /// <summary>The management URLs of a run, absolute, from the request's scheme and host.</summary>
    public static RunUris Uris(HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = $"{request.Scheme}://{request.Host}{request.PathBase}/api/runs/{Uri.EscapeDataString(id)}";
        return new RunUris(
            id,
            run,
            run + "/events/{eventName}",
            run + "/approval",
            run + "/terminate?reason={text}",
            run + "/suspend?reason={text}",
            run + "/resume?reason={text}",
            run);
    }
}
