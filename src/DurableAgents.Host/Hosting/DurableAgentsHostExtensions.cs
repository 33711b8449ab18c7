using DurableAgents.Hosting;
using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using DurableAgents.Api.Models;
using DurableAgents.Samples;
using DurableAgents.Host.Security;
using Microsoft.DurableTask.Client;
using DurableAgents.Schedules;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DurableAgents host: backend, model, samples, schedules, security, problem details, OpenAPI, health.</summary>
public static class DurableAgentsHostExtensions
{
    /// <summary>Adds everything the host needs; returns the agents builder for more agents and schedules.</summary>
    public static DurableAgentsBuilder AddDurableAgentsHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DurableAgentsHostOptions.Section);
        var options = new DurableAgentsHostOptions();
        section.Bind(options);
        services.AddOptions<DurableAgentsHostOptions>().Bind(section);
        services.AddDurableAgentsApi(configuration, approvalKeyRequired: false); // no key: LoopbackOnlyMiddleware keeps others out

        // First, so a host that must not start stops before anything else starts.
        services.AddHostedService<ListenAddressGuard>();

        var agents = services.AddDurableAgents();
        var backend = BackendSelection.Apply(agents, configuration, options);
        var model = ModelSelection.Apply(services, configuration);
        services.AddSingleton(new HostDescription(backend.Description, model)
        {
            Summary = new HostSummary("DurableAgents", backend.Kind, model.StartsWith("offline", StringComparison.Ordinal) ? "offline" : "openai-compatible"),
        });
        agents.AddSchedules();
        services.AddAgentQueueTrigger(configuration);
        services.Configure<ScheduleOptions>(o => o.Schedules.AddRange(
            ScheduleConfigurationReader.Read(configuration.GetSection(ScheduleOptions.Section))));
        if (options.Samples)
        {
            agents.AddSampleAgents(options.SampleSettings.ForHost(options.FullDataPath, options.ResearchAllowedHosts, options.Search));
        }

        services.AddDurableAgentsOpenTelemetry(configuration);
        services.AddDurableAgentsMcpServer();

        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblems>();
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<BackendHealthCheck>("backend");
        return agents;
    }

    /// <summary>Adds the error handling, the loopback rule and the body limit to the pipeline.</summary>
    public static WebApplication UseDurableAgentsHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<LoopbackOnlyMiddleware>();
        return app;
    }

    /// <summary>Maps <c>/health</c> and <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapHostEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        // The summary, not the description: no paths or endpoints for whoever asks.
        app.MapGet("/", (HostDescription host) => TypedResults.Ok(host.Summary)).AddEndpointFilter<ApiKeyFilter>().ExcludeFromDescription();
        return app;
    }

    private sealed class BackendHealthCheck(DurableTaskClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var pages = client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().GetAsyncEnumerator(cancellationToken);
                await pages.MoveNextAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The orchestration backend did not answer a query.");
            }
        }
    }
}

/// <summary>What this host runs on, shown at <c>/</c> and in the start-up log.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Model">The model.</param>
public sealed record HostDescription(string Backend, string Model)
{
    /// <summary>What <c>GET /</c> shows: kinds only, no paths or endpoints.</summary>
    public required HostSummary Summary { get; init; }
}

/// <summary>What <c>GET /</c> shows.</summary>
/// <param name="Service">The product.</param>
/// <param name="Backend">sqlite, memory or azure.</param>
/// <param name="Model">offline or openai-compatible.</param>
public sealed record HostSummary(string Service, string Backend, string Model);
