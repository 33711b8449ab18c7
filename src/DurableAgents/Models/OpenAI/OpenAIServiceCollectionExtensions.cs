using DurableAgents.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the OpenAI (or OpenAI-compatible) model.</summary>
public static class OpenAIServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IChatClient"/> built by <see cref="OpenAIModels.CreateChatClient"/> as the agents' default model,
    /// with the <see cref="ILoggerFactory"/> and <see cref="TimeProvider"/> from DI when they are registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid (checked now, not at the first call).</exception>
    public static IServiceCollection AddOpenAIChatClient(this IServiceCollection services, OpenAIModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(sp => OpenAIModels.CreateChatClient(
            options, sp.GetService<ILoggerFactory>(), timeProvider: sp.GetService<TimeProvider>()));
        return services;
    }
}
