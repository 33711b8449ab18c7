using DurableAgents.Host.Api.Agents;
using DurableAgents.Host.Api.Conversations;
using DurableAgents.Host.Api.Memory;
using DurableAgents.Host.Api.Runs;
using DurableAgents.Host.Api.Schedules;
using DurableAgents.Host.Api.Sessions;
using DurableAgents.Host.Cli;
using DurableAgents.Host.Dashboard;
using DurableAgents.Host.Demo;
using DurableAgents.Host.Hosting;

if (HostCli.Handles(args))
{
    return await HostCli.RunAsync(args); // runs list|show|approve|reject against a running host: Cli/
}

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
    app.MapConversationsApi();
    app.MapAgentsApi();
    app.MapMemoriesApi();
    app.MapSessionsApi();
    app.MapSchedulesApi();
    app.MapHostEndpoints();
    app.MapDashboard();
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
