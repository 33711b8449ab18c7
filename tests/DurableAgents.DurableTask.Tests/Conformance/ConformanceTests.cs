using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Conformance;

/// <summary>
/// What every DTFx provider must do under our worker and client. A provider's test class derives from this and says which
/// provider the worker and client use; <see cref="RestartAsync"/> stops the host and starts a new one on the same store.
/// </summary>
public abstract partial class ConformanceTests : IAsyncLifetime
{
    private TestHost? _host;
    private Action<DurableTaskRegistry> _tasks = _ => { };
    private Action<DurableTaskWorkerOptions>? _configure;

    protected DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Points a host's worker at this test's store (called for every host, so again after a restart).</summary>
    protected abstract void UseProvider(IDurableTaskWorkerBuilder worker);

    /// <summary>Points a host's client at this test's store.</summary>
    protected abstract void UseProvider(IDurableTaskClientBuilder client);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected async Task StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableTaskWorkerOptions>? configure = null)
    {
        _tasks = tasks;
        _configure = configure;
        _host = await StartHostAsync();
    }

    /// <summary>Stops the host and starts a new one on the same store, optionally with other registrations.</summary>
    protected async Task RestartAsync(Action<DurableTaskRegistry>? tasks = null)
    {
        await _host!.DisposeAsync();
        _host = null;
        _tasks = tasks ?? _tasks;
        _host = await StartHostAsync();
    }

    private Task<TestHost> StartHostAsync() => TestHost.StartAsync(UseProvider, UseProvider, _tasks, _configure);

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
