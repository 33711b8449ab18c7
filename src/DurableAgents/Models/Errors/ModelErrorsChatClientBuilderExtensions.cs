using DurableAgents.Models;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="ModelErrorsChatClient"/> to a chat client pipeline.</summary>
public static class ModelErrorsChatClientBuilderExtensions
{
    /// <summary>
    /// Maps the inner client's failures to <see cref="ModelCallException"/>s that say whether a retry can help and what to fix.
    /// Add it last (innermost), so logging and telemetry above it see only the mapped, key-free errors.
    /// </summary>
    public static ChatClientBuilder UseModelErrors(this ChatClientBuilder builder, ModelErrorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ModelErrorsChatClient(inner, options ?? new ModelErrorsOptions()));
    }
}
