using System.Collections.Concurrent;
using DurableAgents.DurableTask;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Client;
using OrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using PurgeResult = DurableTask.Core.PurgeResult;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Queue;

/// <summary>
/// Wraps the host's provider on the client side and makes starts fail by instance id: <c>always-fail-*</c> never starts, and
/// <c>lost-ack-*</c> is created but its first start reports a failure (as if the host died before deleting the queue message).
/// </summary>
public sealed class FaultyStartClient(IOrchestrationServiceClient inner)
    : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public const string AlwaysFailPrefix = "always-fail-";
    public const string LostAckPrefix = "lost-ack-";

    /// <summary>Start attempts that reached the provider, by instance id.</summary>
    public ConcurrentDictionary<string, int> CreateCalls { get; } = new();

    /// <summary>Points the host's Durable Task client at a wrapper around the provider its worker uses.</summary>
    public static void Install(IServiceCollection services, Func<IServiceProvider, IOrchestrationServiceClient> provider)
    {
        services.AddSingleton(sp => new FaultyStartClient(provider(sp)));
        services.AddDurableTaskClient(b => b.UseOrchestrationService(sp => sp.GetRequiredService<FaultyStartClient>()));
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, []);

    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        var id = creationMessage.OrchestrationInstance.InstanceId;
        var calls = CreateCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (id.StartsWith(AlwaysFailPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"test fault: the provider refuses to start {id}");
        }

        await inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
        if (id.StartsWith(LostAckPrefix, StringComparison.Ordinal) && calls == 1)
        {
            throw new TimeoutException($"test fault: {id} was created but the answer was lost");
        }
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);
    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);
    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)inner).GetOrchestrationWithQueryAsync(query, cancellationToken);
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);
}
