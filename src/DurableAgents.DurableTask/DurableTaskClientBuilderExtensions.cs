using DurableAgents.DurableTask.Client;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.DurableTask;

/// <summary>Points the SDK's <see cref="DurableTaskClient"/> at a DTFx provider in this process.</summary>
public static class DurableTaskClientBuilderExtensions
{
    /// <summary>Uses <paramref name="client"/>; the caller owns it (it is not disposed with the host).</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="client">A DTFx provider's client side; query and purge work when it also implements those interfaces.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder, IOrchestrationServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return builder.UseOrchestrationService(_ => client);
    }

    /// <summary>Uses the provider client <paramref name="factory"/> returns when the host builds the client.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="factory">Returns the provider's client side; called once per client.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseOrchestrationService(
        this IDurableTaskClientBuilder builder, Func<IServiceProvider, IOrchestrationServiceClient> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddOptions<ClientProviderOptions>(builder.Name).Configure(o => o.Factory = factory);
        return builder.UseBuildTarget<OrchestrationServiceDurableTaskClient>();
    }
}
