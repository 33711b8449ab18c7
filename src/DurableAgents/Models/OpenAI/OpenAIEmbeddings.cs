using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Models;

/// <summary>OpenAI (or Azure OpenAI / compatible) embeddings through Microsoft.Extensions.AI.OpenAI, for agent memory.</summary>
public static class OpenAIEmbeddings
{
    /// <summary>The embedding model used when none is named.</summary>
    public const string DefaultModel = "text-embedding-3-small";

    /// <summary>The setting that names the embedding model.</summary>
    public const string ModelSetting = "OPENAI_EMBEDDING_MODEL";

    /// <summary>
    /// The embedding generator for the endpoint and key of <paramref name="options"/> and the embedding model <paramref name="model"/>,
    /// with the OpenAI client's own retries off (an activity that embeds fails once and the run decides), GenAI telemetry and logs.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(OpenAIModelOptions options, string? model = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var name = string.IsNullOrWhiteSpace(model) ? DefaultModel : model.Trim();
        var generator = OpenAIModels.CreateOpenAIClient(options, httpClient: null).GetEmbeddingClient(name).AsIEmbeddingGenerator();
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(generator);
        if (loggerFactory is not null)
        {
            builder.UseLogging(loggerFactory);
        }

        return builder.UseOpenTelemetry(loggerFactory, OpenAIModels.TelemetrySourceName).Build();
    }
}
