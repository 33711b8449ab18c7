using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableAgents.Testing;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>
/// What every DTFx provider must do under our worker and client. A provider's test class derives from this and says how to
/// open it; <see cref="RestartAsync"/> stops the host (and, for durable providers, the provider) and starts both again on
/// the same store.
/// </summary>
public abstract partial class ConformanceTests : IAsyncLifetime
{
    private TestHost? _host;
    private Action<DurableTaskRegistry> _tasks = _ => { };
    private Action<DurableTaskWorkerOptions>? _configure;

    /// <summary>The provider object (service and client side) the current host runs on.</summary>
    protected IOrchestrationService Provider { get; private set; } = null!;

    protected DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Opens the provider on this test's store (called again after a restart).</summary>
    protected abstract Task<IOrchestrationService> OpenProviderAsync();

    /// <summary>Closes a provider opened by <see cref="OpenProviderAsync"/>; an in-memory provider keeps its state on restart.</summary>
    protected abstract Task CloseProviderAsync(IOrchestrationService provider, bool restarting);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            await CloseProviderAsync(Provider, restarting: false);
        }
    }

    protected async Task StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableTaskWorkerOptions>? configure = null)
    {
        _tasks = tasks;
        _configure = configure;
        Provider = await OpenProviderAsync();
        _host = await TestHost.StartAsync(Provider, _tasks, _configure);
    }

    /// <summary>Stops the host and provider and starts them again on the same store, optionally with other registrations.</summary>
    protected async Task RestartAsync(Action<DurableTaskRegistry>? tasks = null)
    {
        await _host!.DisposeAsync();
        await CloseProviderAsync(Provider, restarting: true);
        _tasks = tasks ?? _tasks;
        Provider = await OpenProviderAsync();
        _host = await TestHost.StartAsync(Provider, _tasks, _configure);
    }

    /// <summary>A unique instance id, so tests on a shared store never collide.</summary>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await WaitForCompletionAsync(id);
    }

    protected Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, int seconds = 60) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestDeadline.Token(seconds));

    protected Task<OrchestrationMetadata> WaitForStartAsync(string instanceId) =>
        Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, TestDeadline.Token());

    protected Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        TestDeadline.WaitUntilAsync(async () => (await Client.GetInstanceAsync(instanceId))?.RuntimeStatus == status, $"{instanceId} {status}");

    protected Task WaitForCustomStatusAsync(string instanceId, string expected) =>
        TestDeadline.WaitUntilAsync(
            async () => (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.ReadCustomStatusAs<string>() == expected,
            $"custom status '{expected}' on {instanceId}");

    protected static void AssertCompleted(OrchestrationMetadata metadata) =>
        Assert.True(
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Expected Completed but was {metadata.RuntimeStatus}: {metadata.FailureDetails}");

    protected static T Throw<T>(Exception ex) => throw ex;
}
