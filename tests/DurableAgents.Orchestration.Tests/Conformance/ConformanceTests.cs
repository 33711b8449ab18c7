using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Orchestration.Worker;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.Conformance;

/// <summary>
/// The behaviour every backend must have. Each backend's test class derives from this and says how to open its storage;
/// <see cref="RestartAsync"/> stops the worker (and, for durable backends, the backend) and starts them again on the same storage.
/// </summary>
public abstract partial class ConformanceTests : IAsyncLifetime
{
    private WorkerHost? _host;
    private Action<DurableTaskRegistry> _tasks = _ => { };
    private Action<DurableTaskWorkerOptions>? _configure;

    protected IOrchestrationService Backend { get; private set; } = null!;

    protected DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("Call StartAsync first.");

    protected DurableTaskWorker Worker => _host!.Worker;

    protected TimeProvider? Clock { get; set; }

    /// <summary>Opens the backend on this test's storage (called again after a restart).</summary>
    protected abstract Task<IOrchestrationService> OpenBackendAsync();

    /// <summary>Closes a backend opened by <see cref="OpenBackendAsync"/>; in-memory backends keep their state.</summary>
    protected abstract Task CloseBackendAsync(IOrchestrationService backend, bool restarting);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            await CloseBackendAsync(Backend, restarting: false);
        }
    }

    protected async Task StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableTaskWorkerOptions>? configure = null)
    {
        _tasks = tasks;
        _configure = configure;
        Backend = await OpenBackendAsync();
        _host = await WorkerHost.StartAsync(Backend, _tasks, _configure, Clock);
    }

    /// <summary>Stops the worker and backend and starts them again; optionally with other task registrations.</summary>
    protected async Task RestartAsync(Action<DurableTaskRegistry>? tasks = null)
    {
        await _host!.DisposeAsync();
        await CloseBackendAsync(Backend, restarting: true);
        _tasks = tasks ?? _tasks;
        Backend = await OpenBackendAsync();
        _host = await WorkerHost.StartAsync(Backend, _tasks, _configure, Clock);
    }

    protected async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
    }

    protected Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestDeadline.Token());

    protected Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        Client.WaitForAsync(instanceId, s => s == status, false, TestDeadline.Token());

    /// <summary>Waits until the instance's custom status equals <paramref name="expected"/>.</summary>
    protected Task WaitForCustomStatusAsync(string instanceId, string expected) =>
        TestDeadline.WaitUntilAsync(
            async () => (await Client.GetInstanceAsync(instanceId, true))?.ReadCustomStatusAs<string>() == expected,
            $"custom status '{expected}' on {instanceId}");

    protected static void AssertCompleted(OrchestrationMetadata metadata)
    {
        Assert.True(
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Expected Completed but was {metadata.RuntimeStatus}: {metadata.FailureDetails}");
    }
}
