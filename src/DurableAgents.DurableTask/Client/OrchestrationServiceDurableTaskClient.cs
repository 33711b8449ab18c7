using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Core = DurableTask.Core;

namespace DurableAgents.DurableTask.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over a DTFx provider's client interfaces, in this process.
/// </summary>
/// <remarks>
/// Written here because the official OrchestrationServiceClientShim package is not available; it covers the whole client
/// API (history and restart included) and validates every input before the provider sees it.
/// </remarks>
internal sealed partial class OrchestrationServiceDurableTaskClient : DurableTaskClient
{
    private readonly Core.IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;
    private readonly bool _pollForCompletion;

    public OrchestrationServiceDurableTaskClient(
        string name,
        IOptionsMonitor<DurableTaskClientOptions> clientOptions,
        IOptionsMonitor<ClientProviderOptions> providerOptions,
        IServiceProvider services)
        : base(name)
    {
        var provider = providerOptions.Get(name);
        var factory = provider.Factory ?? throw new InvalidOperationException(
            $"The Durable Task client '{name}' has no provider. Call UseOrchestrationService(...) or UseAzureStorage(...) on its builder.");
        _client = factory(services) ?? throw new InvalidOperationException(
            $"The provider factory of the Durable Task client '{name}' returned null; it must return an IOrchestrationServiceClient.");
        _converter = clientOptions.Get(name).DataConverter;
        _pollForCompletion = provider.PollForCompletion;
    }

    /// <summary>The provider's client (for tests).</summary>
    internal Core.IOrchestrationServiceClient Provider => _client;

    /// <summary>Nothing to release: the provider belongs to whoever created it (DI disposes the ones it created).</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private T Require<T>(string operation)
        where T : class =>
        _client as T ?? throw new NotSupportedException(
            $"{operation} needs a provider that implements {typeof(T).Name}; {_client.GetType().Name} does not.");

    private async Task<Core.OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellation);
        return states?.FirstOrDefault(s => s is not null);
    }

    private async Task<Core.OrchestrationState> GetExistingStateAsync(string instanceId, CancellationToken cancellation) =>
        await GetStateAsync(instanceId, cancellation) ?? throw new ArgumentException(
            $"No orchestration instance with id '{instanceId}' exists (it was never started, or it was purged).", nameof(instanceId));
}
