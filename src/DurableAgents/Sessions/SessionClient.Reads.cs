using DurableAgents.Durability;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Sessions;

/// <summary>Reading, listing and deleting sessions.</summary>
public sealed partial class SessionClient
{
    /// <summary>The session, or null when there is none with this id.</summary>
    public async Task<SessionView?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!SessionNames.IsValidId(sessionId, "session id", out _))
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(SessionNames.InstanceId(sessionId), getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : ToView(metadata);
    }

    /// <summary>Sessions, newest first (at most <paramref name="top"/>).</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(int top = 100, CancellationToken cancellationToken = default)
    {
        var sessions = new List<SessionView>();
        var query = new OrchestrationQuery { InstanceIdPrefix = SessionNames.InstanceIdPrefix, FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (ToView(metadata) is { } view)
            {
                sessions.Add(view);
            }
        }

        return sessions.OrderByDescending(s => s.CreatedAt).Take(top).ToList();
    }

    /// <summary>
    /// Deletes a session: ends it (and the turn in progress, if any) and removes its record; the turns' runs stay, as runs.
    /// False when there was no such session.
    /// </summary>
    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(sessionId, cancellationToken) is not { } session)
        {
            return false;
        }

        var instanceId = SessionNames.InstanceId(sessionId);
        if (!session.RuntimeStatus.IsTerminal())
        {
            await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = "deleted" }, cancellationToken);
            foreach (var turn in session.Status.Turns.Where(t => t.Status == "running"))
            {
                await TerminateRunAsync(turn.RunId, cancellationToken);
            }

            await client.WaitForInstanceCompletionAsync(instanceId, cancellationToken);
        }

        await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return true;
    }

    private async Task TerminateRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(runId, cancellationToken) is { } run && !run.RuntimeStatus.IsTerminal())
        {
            await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = "session deleted" }, cancellationToken);
        }
    }

    private static SessionView? ToView(OrchestrationMetadata metadata)
    {
        if (!string.Equals(metadata.Name, SessionNames.Orchestrator, StringComparison.OrdinalIgnoreCase)
            || TryRead<SessionInput>(metadata.SerializedInput) is not { } input)
        {
            return null;
        }

        // Right after a continue-as-new the new generation has set no status yet: its carried state says the same.
        var status = TryRead<SessionStatus>(metadata.SerializedCustomStatus) ?? new SessionStatus
        {
            Phase = metadata.RuntimeStatus.IsTerminal() ? "closed" : "idle",
            Agent = input.Agent,
            TurnCount = input.Carry?.TurnCount ?? 0,
            Turns = input.Carry?.Turns ?? [],
            Conversation = input.Carry?.Head,
            CreatedAt = input.Carry?.CreatedAt ?? metadata.CreatedAt.UtcDateTime,
        };
        if (metadata.RuntimeStatus.IsTerminal())
        {
            status = status with { Phase = "closed" };
        }

        return new SessionView(input.SessionId, input.Agent, metadata.RuntimeStatus, status, metadata.CreatedAt.UtcDateTime, metadata.LastUpdatedAt.UtcDateTime)
        {
            User = input.User,
        };
    }

    private static T? TryRead<T>(string? json) where T : class
    {
        try
        {
            return json is null ? null : AgentDataConverter.Default.Deserialize<T>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
