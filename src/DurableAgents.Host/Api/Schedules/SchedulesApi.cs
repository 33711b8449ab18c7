using DurableAgents.Api.Http;
using DurableAgents.Host.Security;
using DurableAgents.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Host.Api.Schedules;

/// <summary>A schedule as the API shows it.</summary>
/// <param name="Name">The name.</param>
/// <param name="Definition">The definition.</param>
/// <param name="InstanceId">The schedule's orchestration.</param>
/// <param name="RuntimeStatus">The orchestration's status; null when it does not exist.</param>
/// <param name="Status">The live status (state, next occurrence, last run, counts).</param>
public sealed record ScheduleResponse(string Name, ScheduleDefinition Definition, string InstanceId, string? RuntimeStatus, ScheduleStatus? Status);

/// <summary>The schedules API.</summary>
public static class SchedulesApi
{
    /// <summary>Maps <c>GET /api/schedules</c>, <c>GET /api/schedules/{name}</c> and <c>POST /api/schedules/{name}/pause|resume|trigger</c>.</summary>
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/schedules").WithTags("Schedules").AddEndpointFilter<ApiKeyFilter>();
        group.MapGet("", async (ScheduleClient schedules, CancellationToken ct) =>
            TypedResults.Ok((await schedules.ListAsync(ct)).Select(ToResponse).ToList())).WithName("ListSchedules");
        group.MapGet("/{name}", async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> (string name, ScheduleClient schedules, CancellationToken ct) =>
            await schedules.GetAsync(name, ct) is { } view ? TypedResults.Ok(ToResponse(view)) : NotFound(name)).WithName("GetSchedule");
        foreach (var action in new[] { ScheduleControl.Pause, ScheduleControl.Resume, ScheduleControl.Trigger })
        {
            group.MapPost($"/{{name}}/{action}", (string name, ScheduleClient schedules, CancellationToken ct) => SendAsync(name, action, schedules, ct))
                .WithName($"{char.ToUpperInvariant(action[0])}{action[1..]}Schedule");
        }

        return app;
    }

    private static async Task<Results<Accepted<ScheduleCommand>, ProblemHttpResult>> SendAsync(
        string name, string action, ScheduleClient schedules, CancellationToken cancellationToken) =>
        await schedules.SendAsync(name, action, cancellationToken) switch
        {
            ScheduleCommandResult.Accepted => TypedResults.Accepted($"/api/schedules/{name}", new ScheduleCommand(name, action)),
            ScheduleCommandResult.NotFound => NotFound(name),
            _ => Problems.Conflict($"Schedule '{name}' is not running (disabled in configuration, or not started yet)."),
        };

    private static ProblemHttpResult NotFound(string name) => Problems.NotFound($"No schedule named '{name}'. GET /api/schedules lists the schedules.");

    private static ScheduleResponse ToResponse(ScheduleView view) =>
        new(view.Definition.Name, view.Definition, view.Definition.InstanceId, view.RuntimeStatus?.ToString(), view.Status);
}

/// <summary>An accepted schedule command.</summary>
/// <param name="Name">The schedule.</param>
/// <param name="Action">pause, resume or trigger.</param>
public sealed record ScheduleCommand(string Name, string Action);
