using DurableAgents.DurableTask.Worker;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.DurableTask;

/// <summary>Runs the SDK worker in this process on a DTFx provider.</summary>
public static class DurableTaskWorkerBuilderExtensions
{
    /// <summary>Runs this worker on <paramref name="service"/>; the caller owns it (it is not disposed with the host).</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="service">A DTFx provider, for example one that also serves this process's client.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder, IOrchestrationService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return builder.UseOrchestrationService(_ => service);
    }

    /// <summary>Runs this worker on the provider <paramref name="factory"/> returns when the host builds the worker.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="factory">Returns the provider; called once per worker. Share one instance with the client through DI.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>
    /// The worker calls <c>CreateIfNotExistsAsync</c> and <c>StartAsync</c> on the provider at host start and
    /// <c>StopAsync</c> at host stop; a provider shared with a client must keep serving client calls outside that window.
    /// </remarks>
    public static IDurableTaskWorkerBuilder UseOrchestrationService(
        this IDurableTaskWorkerBuilder builder, Func<IServiceProvider, IOrchestrationService> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddOptions<WorkerProviderOptions>(builder.Name).Configure(o => o.Factory = factory);
        return builder.UseBuildTarget<OrchestrationServiceWorker>();
    }

    /// <summary>
    /// Makes orchestration time (<c>CurrentUtcDateTime</c>) follow <paramref name="clock"/> instead of the machine's clock. Meant for
    /// tests with a fake clock; the provider's timers must follow the same clock (for example
    /// <c>SqliteOrchestrationServiceSettings.TimeProvider</c>), or timers and orchestration time disagree.
    /// </summary>
    public static IDurableTaskWorkerBuilder UseOrchestrationClock(this IDurableTaskWorkerBuilder builder, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clock);
        builder.Services.AddOptions<WorkerProviderOptions>(builder.Name).Configure(o => o.Clock = clock);
        return builder;
    }
}
