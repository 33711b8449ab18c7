using DurableAgents.Memory;
using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Api.Models;

/// <summary>
/// Picks the model: OpenAI (or a compatible endpoint) when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline model; and the
/// memory's embeddings: OpenAI's (OPENAI_EMBEDDING_MODEL, text-embedding-3-small by default) when a key is set, else the offline one.
/// </summary>
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
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, OfflineEmbeddingGenerator>();
            return "offline model (deterministic planner, not a language model; set OPENAI_API_KEY or OPENAI_BASE_URL for a real one); "
                + "offline embeddings (word hashing, not a language model)";
        }

        services.AddOpenAIChatClient(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            // A keyless compatible server may serve no embeddings: memory then keeps the offline embedding.
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, OfflineEmbeddingGenerator>();
            return $"OpenAI-compatible model {options.Model} at {options.Endpoint}; offline embeddings (no OPENAI_API_KEY)";
        }

        var embeddingModel = configuration[OpenAIEmbeddings.ModelSetting];
        services.AddSingleton(sp => OpenAIEmbeddings.CreateGenerator(options, embeddingModel, sp.GetService<ILoggerFactory>()));
        return $"OpenAI-compatible model {options.Model} at {options.Endpoint}; embeddings {(string.IsNullOrWhiteSpace(embeddingModel) ? OpenAIEmbeddings.DefaultModel : embeddingModel)}";
    }

    /// <summary>The model <see cref="Apply"/> would register, as an instance, for code that wraps it (the host's eval command).</summary>
    public static IChatClient Create(IConfiguration configuration, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return OpenAIModelOptions.FromEnvironment(name => configuration[name]) is { } options
            ? OpenAIModels.CreateChatClient(options, loggerFactory)
            : new OfflineChatClient();
    }
}
