using DurableAgents.Host.Api.Agents;
using DurableAgents.Host.Api.Runs;
using DurableAgents.Host.Api.Schedules;
using DurableAgents.Host.CustomHandler;
using DurableAgents.Host.Demo;
using DurableAgents.Host.Hosting;

return await StartupGuard.RunAsync(async () =>
{
    var demo = args.Contains("demo");
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddDurableAgentsHostSettings(args);
    using var demoData = demo ? DemoTour.UseOwnDataAndPort(builder.Configuration) : null;
    builder.WebHost.UseUrls(HostSettingsConfiguration.ListenUrls(builder.Configuration));
    builder.Services.AddDurableAgentsHost(builder.Configuration);

    var app = builder.Build(); // not disposed here: RunAsync disposes it, and WebApplicationFactory keeps using it
    app.UseDurableAgentsHost();
    app.MapRunsApi();
    app.MapAgentsApi();
    app.MapSchedulesApi();
    app.MapCustomHandler();
    app.MapHostEndpoints();
    app.MapDurableAgentsMcp();

    if (demo)
    {
        return await DemoTour.RunAsync(app);
    }

    await app.RunAsync();
    return 0;
});

/// <summary>The entry point (public so tests can use WebApplicationFactory).</summary>
public partial class Program;
