using DurableAgents.Host.Triggers.Queue;
using Azure.Storage.Queues;
using DurableAgents.Api.Queue;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the queue trigger.</summary>
public static class QueueTriggerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the queue trigger when a storage connection is configured (DurableAgents:QueueTrigger:ConnectionString, else
    /// AzureWebJobsStorage); the message handler is always registered so a Functions queueTrigger can use it.
    /// </summary>
    public static IServiceCollection AddAgentQueueTrigger(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("DurableAgents:QueueTrigger");
        services.AddOptions<QueueTriggerOptions>()
            .Bind(section)
            .PostConfigure(o => o.ConnectionString ??= configuration["AzureWebJobsStorage"])
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        services.AddSingleton<QueueRunStarter>();
        var connectionString = section["ConnectionString"] ?? configuration["AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton(_ => new QueueServiceClient(connectionString));
        if (section.GetValue("Poll", true))
        {
            services.AddHostedService<QueueTriggerService>();
        }

        return services;
    }
}
