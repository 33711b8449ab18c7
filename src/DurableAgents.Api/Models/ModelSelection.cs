using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Api.Models;

/// <summary>Picks the model: OpenAI (or a compatible endpoint) when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline model.</summary>
public static class ModelSelection
{
    /// <summary>Registers the DI <see cref="IChatClient"/>; returns a one-line description for the start-up log.</summary>
    public static string Apply(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = OpenAIModelOptions.FromEnvironment(name => configuration[name]);
        if (options is null)
        {
            services.AddSingleton<IChatClient, OfflineChatClient>();
            return "offline model (deterministic planner, not a language model; set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)";
        }

        services.AddOpenAIChatClient(options);
        return $"OpenAI-compatible model {options.Model} at {options.Endpoint}";
    }
}
