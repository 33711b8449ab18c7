using System.Text.Json.Serialization;
using Azure.Core.Serialization;
using DurableAgents.Api.Conversations;
using DurableAgents.Api.Memory;
using DurableAgents.Api.Models;
using DurableAgents.Memory;
using Microsoft.Extensions.VectorData;
using DurableAgents.Durability;
using DurableAgents.Functions.Hosting;
using DurableAgents.Hosting;
using DurableAgents.Runs.Conversation;
using DurableAgents.Samples;
using DurableAgents.Schedules;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the Functions app: the same agents, models and samples as the self-hosted host.</summary>
public static class FunctionsAppServiceCollectionExtensions
{
    /// <summary>The setting that names the task hub (host.json's <c>hubName</c> reads it too); the self-hosted host's Azure Storage setting.</summary>
    public const string TaskHubSetting = "DurableAgents:AzureStorage:TaskHubName";

    /// <summary>
    /// Adds agents (no Durable Task registrations: the app's functions are the orchestrations and activities), the model, the
    /// samples, the HTTP API's options and approval gate, the conversation store and the serializer the Durable extension uses.
    /// </summary>
    public static DurableAgentsBuilder AddDurableAgentsFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new FunctionsAppOptions();
        configuration.GetSection(FunctionsAppOptions.Section).Bind(options);

        // The Durable extension builds its data converter from the worker's serializer: the agents' own JSON settings, so a task
        // hub reads the same from both hosts.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(AgentDataConverter.Options));
        services.AddDurableAgentsApi(configuration, approvalKeyRequired: true); // the approval route is anonymous to the internet
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var agents = services.AddDurableAgents(new DurableAgentsOptions { RegisterTasks = false });
        ModelSelection.Apply(services, configuration);
        agents.AddSchedules();
        if (options.Samples)
        {
            agents.AddSampleAgents(options.SampleSettings.ForHost(options.DataPath, options.ResearchAllowedHosts, options.Search));
        }

        if (StorageAccount.Blobs(configuration) is { } blobs)
        {
            // Every instance of the app reads every conversation, so they live in blobs beside the task hub.
            var hub = configuration[TaskHubSetting] is { Length: > 0 } name ? name : "DurableAgents";
            services.AddSingleton<IConversationStore>(new BlobConversationStore(blobs.GetBlobContainerClient($"{hub.ToLowerInvariant()}-conversations")));
            if (StorageAccount.Tables(configuration) is { } tables)
            {
                services.AddSingleton<VectorStoreCollection<string, MemoryRecord>>(new AzureTableMemoryCollection(tables.GetTableClient(AzureMemoryTables.NameFor(hub))));
            }
        }

        return agents;
    }
}
