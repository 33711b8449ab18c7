using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>Every event of the instance's current execution, in order.</summary>
    public override async Task<IList<CoreHistory.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = await GetExistingStateAsync(instanceId, cancellation);
        string json;
        try
        {
            json = await _client.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).WaitAsync(cancellation);
        }
        catch (NotImplementedException ex)
        {
            throw new NotSupportedException($"{_client.GetType().Name} cannot return the history of an instance.", ex);
        }

        return string.IsNullOrWhiteSpace(json) ? [] : HistoryJson.Parse(json);
    }

    /// <summary>Starts the instance again with its original name, version and input, under the same or a new id.</summary>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = await GetExistingStateAsync(instanceId, cancellation);
        if (!restartWithNewInstanceId && !state.OrchestrationStatus.IsTerminal())
        {
            throw new InvalidOperationException(
                $"The orchestration instance '{instanceId}' is {state.OrchestrationStatus.ToSdk()}; it can be restarted under the same id only once it " +
                "has finished. Wait for it, terminate it, or restart it with a new instance id.");
        }

        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var message = StartMessage(newId, state.Name, state.Version, state.Input, startAt: null, state.Tags?.AsReadOnly());
        var refuse = restartWithNewInstanceId ? CoreConversions.AllStatuses : [.. CoreConversions.AllStatuses.Where(s => !s.IsTerminal())];
        await _client.CreateTaskOrchestrationAsync(message, refuse).WaitAsync(cancellation);
        return newId;
    }
}
