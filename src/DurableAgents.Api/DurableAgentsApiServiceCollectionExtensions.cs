using DurableAgents.Api;
using DurableAgents.Api.Security;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of what the HTTP API needs in either host.</summary>
public static class DurableAgentsApiServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DurableAgentsApiOptions"/> from the <c>DurableAgents</c> section (validated at start) and adds the replay
    /// cache and the <see cref="ApprovalGate"/>; <paramref name="approvalKeyRequired"/> as in <see cref="ApprovalGate"/>.
    /// </summary>
    public static IServiceCollection AddDurableAgentsApi(this IServiceCollection services, IConfiguration configuration, bool approvalKeyRequired)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DurableAgentsApiOptions>().Bind(configuration.GetSection(DurableAgentsApiOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0, "DurableAgents:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.WebhookTolerance > TimeSpan.Zero, "DurableAgents:WebhookTolerance must be positive.")
            .Validate(o => o.HistoryValueMaxChars > 0, "DurableAgents:HistoryValueMaxChars must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ReplayCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ApprovalGate(
            sp.GetRequiredService<IOptions<DurableAgentsApiOptions>>().Value,
            sp.GetRequiredService<ReplayCache>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            approvalKeyRequired));
        return services;
    }
}
