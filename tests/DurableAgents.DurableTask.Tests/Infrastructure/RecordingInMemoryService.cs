using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.DurableTask.Tests.Infrastructure;

/// <summary>
/// The SDK test host's in-memory provider plus what it lacks for the suite: the history of each instance, recorded from the
/// runtime state every completed episode hands it (its own GetOrchestrationHistoryAsync throws NotImplementedException).
/// </summary>
/// <remarks>Re-implements the two interface members it needs; everything else is the provider unchanged.</remarks>
public sealed class RecordingInMemoryService : InMemoryOrchestrationService, IOrchestrationService, IOrchestrationServiceClient, IDisposable
{
    private readonly ConcurrentDictionary<string, (string? ExecutionId, IReadOnlyList<HistoryEvent> Events)> _histories = new();
    private readonly ConcurrentQueue<string> _calls = new();

    public RecordingInMemoryService()
        : base(NullLoggerFactory.Instance)
    {
    }

    /// <summary>Whether the DI container (or the test) disposed it.</summary>
    public bool IsDisposed { get; private set; }

    public void Dispose() => IsDisposed = true;

    /// <summary>The provider calls this test cares about, in order ("activity completed", "stopped").</summary>
    public IReadOnlyCollection<string> Calls => _calls;

    Task IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var state = newOrchestrationRuntimeState;
        _histories[state.OrchestrationInstance!.InstanceId] = (state.OrchestrationInstance.ExecutionId, state.Events.ToList());
        return CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    Task IOrchestrationService.CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        _calls.Enqueue("activity completed");
        return CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    Task IOrchestrationService.StopAsync(bool isForced)
    {
        _calls.Enqueue("stopped");
        return StopAsync(isForced);
    }

    Task<string> IOrchestrationServiceClient.GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        Task.FromResult(_histories.TryGetValue(instanceId, out var history) && (executionId is null || executionId == history.ExecutionId)
            ? HistoryJson.Write(history.Events)
            : "[]");
}
