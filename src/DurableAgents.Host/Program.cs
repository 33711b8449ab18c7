using DurableAgents.Host.Api.Agents;
using DurableAgents.Host.Api.Runs;
using DurableAgents.Host.Api.Schedules;
using DurableAgents.Host.CustomHandler;
using DurableAgents.Host.Demo;
using DurableAgents.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddDurableAgentsHostSettings(args);
builder.WebHost.UseUrls(HostSettingsConfiguration.ListenUrls(builder.Configuration));
builder.Services.AddDurableAgentsHost(builder.Configuration);

var app = builder.Build();
app.UseDurableAgentsHost();
app.MapRunsApi();
app.MapAgentsApi();
app.MapSchedulesApi();
app.MapCustomHandler();
app.MapEngineTriggers();
app.MapHostEndpoints();

return args.Contains("demo") ? await DemoTour.RunAsync(app) : await RunHostAsync(app);

static async Task<int> RunHostAsync(WebApplication app)
{
    await app.RunAsync();
    return 0;
}

/// <summary>The entry point (public so tests can use WebApplicationFactory).</summary>
public partial class Program;
