using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>
    /// Schedules an instance. An id that exists in any state is refused with <c>OrchestrationAlreadyExistsException</c>
    /// unless <see cref="StartOrchestrationOptions.DedupeStatuses"/> says which states still refuse it; an existing instance
    /// in a reusable non-terminal state is terminated first, as the SDK documents.
    /// </summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(orchestratorName.Name))
        {
            throw new ArgumentException("The orchestrator name must not be empty.", nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId is { } id ? InstanceIds.Validate(id, nameof(options)) : Guid.NewGuid().ToString("N");
        var dedupe = DedupeStatuses(options?.DedupeStatuses);
        await PrepareInstanceIdAsync(instanceId, dedupe, cancellation);
        var message = StartMessage(instanceId, orchestratorName.Name, options?.Version?.Version, _converter.Serialize(input), options?.StartAt, options?.Tags);
        await _client.CreateTaskOrchestrationAsync(message, dedupe).WaitAsync(cancellation);
        return instanceId;
    }

    private static Core.TaskMessage StartMessage(
        string instanceId, string name, string? version, string? input, DateTimeOffset? startAt, IReadOnlyDictionary<string, string>? tags)
    {
        var instance = new Core.OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var allTags = tags?.ToDictionary(t => t.Key, t => t.Value) ?? [];
        allTags[Core.OrchestrationTags.CreateTraceForNewOrchestration] = "true";
        allTags[Core.OrchestrationTags.RequestTime] = DateTimeOffset.UtcNow.ToString(CultureInfo.InvariantCulture);
        return new Core.TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new CoreHistory.ExecutionStartedEvent(-1, input)
            {
                Name = name,
                Version = version ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = startAt is { } at && at > DateTimeOffset.UtcNow ? at.UtcDateTime : null,
                Tags = allTags,
            },
        };
    }

    // Null means our default: an id that exists in any state is refused. A list names the states that still refuse it.
    private static Core.OrchestrationStatus[] DedupeStatuses(IReadOnlyList<string>? requested)
    {
        if (requested is null)
        {
            return CoreConversions.AllStatuses;
        }

        var statuses = requested.Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status)
            ? status.ToCore()
            : throw new ArgumentException(
                $"'{s}' in DedupeStatuses is not an orchestration status; use {string.Join(", ", StartOrchestrationOptionsExtensions.ValidDedupeStatuses)}.",
                nameof(requested))).Distinct().ToArray();
        var reusableRunning = new[] { Core.OrchestrationStatus.Pending, Core.OrchestrationStatus.Running, Core.OrchestrationStatus.Suspended }
            .Where(s => !statuses.Contains(s));
        if (statuses.Contains(Core.OrchestrationStatus.Terminated) && reusableRunning.Any())
        {
            throw new ArgumentException(
                "DedupeStatuses refuses Terminated but lets a running status be reused: the running instance would be terminated and the " +
                "start would then be refused. Add Pending, Running and Suspended, or remove Terminated.", nameof(requested));
        }

        return statuses;
    }

    // Checked here as well as by the provider: some providers (Azure Storage by default) ignore a refused start silently.
    private async Task PrepareInstanceIdAsync(string instanceId, Core.OrchestrationStatus[] dedupe, CancellationToken cancellation)
    {
        if (await GetStateAsync(instanceId, cancellation) is not { } existing)
        {
            return;
        }

        var status = existing.OrchestrationStatus;
        if (dedupe.Contains(status))
        {
            throw new Core.Exceptions.OrchestrationAlreadyExistsException(
                $"An orchestration instance with id '{instanceId}' already exists ({status.ToSdk()}). Choose another id, or start it anew " +
                $"with options.WithDedupeStatuses(...) listing only the states that should still refuse the start.");
        }

        if (!status.IsTerminal())
        {
            await _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize("Replaced by a new instance with the same id."))
                .WaitAsync(cancellation);
            await WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellation);
        }
    }
}
