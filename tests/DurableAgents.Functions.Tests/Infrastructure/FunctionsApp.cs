using DurableAgents.Agents;
using DurableAgents.Functions.Orchestration;
using DurableAgents.Memory;
using DurableAgents.Runs;
using DurableAgents.Patterns;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Audit;
using DurableAgents.Sessions;
using DurableAgents.Telemetry;
using DurableAgents.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Functions.Tests.Infrastructure;

/// <summary>
/// The Functions app's services (registered by the app's own <c>AddDurableAgentsFunctionsApp</c>) inside a
/// <see cref="DurableTaskTestHost"/> whose worker runs the app's orchestrator and activity functions, and whose client is the
/// <c>[DurableClient]</c> an invocation would get. Tests call the function classes directly, as the Functions worker would.
/// </summary>
public sealed class FunctionsApp : IAsyncLifetime
{
    public const string Secret = "functions-webhook-secret";

    private readonly TempFolder _data = new("da-functions");
    private DurableTaskTestHost? _host;

    public DurableTaskClient Client => _host!.Client;

    public IServiceProvider Services => _host!.Services;

    public IConfiguration Configuration { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableAgents:DataPath"] = _data.Path,
            ["DurableAgents:WebhookSecret"] = Secret,
            // Keeps the research sample's http_get on this machine, whatever the offline planner picks.
            ["DurableAgents:ResearchAllowedHosts:0"] = "localhost",
            ["DurableAgents:QueueTrigger:QueueName"] = "agent-runs",
            ["Schedules:DailyResearch:Cron"] = "0 0 7 * * *",
        }).Build();
        // The test host's own choice is a random port in 30000-40000, inside Linux's ephemeral range, so it collided with ports
        // other test projects running beside this one held. A port the OS just handed out is free; retried if taken meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _host = await DurableTaskTestHost.StartAsync(Register, new DurableTaskTestHostOptions
                {
                    Port = LoopbackPort.Free(),
                    ConfigureServices = services =>
                    {
                        services.AddSingleton(Configuration);
                        services.AddDurableAgentsFunctionsApp(Configuration);
                    },
                });
                return;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    /// <summary>An instance of a function class, built in a fresh invocation scope as the Functions worker does.</summary>
    public T Create<T>(out IServiceScope scope)
    {
        scope = Services.CreateScope();
        return ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _data.Dispose();
    }

    // The app's own function methods are the orchestrator and the activities: the registry only routes to them.
    private void Register(DurableTaskRegistry registry)
    {
        // Typed input, as the Functions worker's orchestration context reads it for GetInput<AgentRunInput>().
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(
            AgentRunNames.Orchestrator, (context, _) => new AgentRunFunctions(Services.GetRequiredService<IAgentCatalog>(), Services.GetRequiredService<AgentTelemetry>()).RunAgentAsync(context));
        registry.AddOrchestratorFunc<SessionInput, SessionStatus>(
            SessionNames.Orchestrator, (context, _) => new SessionOrchestratorFunctions(Services.GetRequiredService<IAgentCatalog>()).RunSessionAsync(context));
        registry.AddActivityFunc<ModelCallInput, ModelCallOutput>(ModelCallActivity.Name, (c, i) => InScope(f => f.CallModelAsync(i, c.InstanceId)));
        registry.AddActivityFunc<ToolCallInput, ToolCallOutput>(ToolCallActivity.Name, (c, i) => InScope(f => f.CallToolAsync(i, c.InstanceId)));
        registry.AddActivityFunc<CompactInput, CompactOutput>(CompactActivity.Name, (c, i) => InScope(f => f.CompactAsync(i, c.InstanceId)));
        registry.AddActivityFunc<RecentToolCallsInput, IReadOnlyList<ToolCallRecord>>(
            RecentToolCallsActivity.Name, (c, i) => InScope(f => f.RecentToolCallsAsync(i, c.InstanceId)));
        registry.AddActivityFunc<CloseConversationInput, string?>(
            CloseConversationActivity.Name, (c, i) => InScope(f => f.CloseConversationAsync(i, c.InstanceId)));
        registry.AddActivityFunc<AuditAppendInput, string>(AuditActivity.Name, (c, i) => InScope(f => f.AuditAsync(i, c.InstanceId)));
        registry.AddActivityFunc<RecallLessonsInput, RecallLessonsOutput>(RecallLessonsActivity.Name, (c, i) => InScope(f => f.RecallLessonsAsync(i, c.InstanceId)));
        registry.AddActivityFunc<RecordEpisodeInput, string>(RecordEpisodeActivity.Name, (c, i) => InScope(f => f.RecordEpisodeAsync(i, c.InstanceId)));
        RegisterPatterns(registry);
    }

    private void RegisterPatterns(DurableTaskRegistry registry)
    {
        PatternFunctions Patterns() => new(Services.GetRequiredService<IAgentCatalog>());
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(PatternNames.Supervisor, (context, _) => Patterns().SupervisorAsync(context));
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(PatternNames.ContentPipeline, (context, _) => Patterns().ContentPipelineAsync(context));
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(PatternNames.PlanExecute, (context, _) => Patterns().PlanExecuteAsync(context));
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(PatternNames.MessagePair, (context, _) => Patterns().MessagePairAsync(context));
        registry.AddOrchestratorFunc<MailboxInput, AgentRunResult>(PatternNames.Mailbox, (context, _) => Patterns().MailboxAsync(context));
        registry.AddActivityFunc<StructuredCallInput, StructuredCallOutput>(
            PatternNames.StructuredCallActivity, (c, i) => InPatternScope(f => f.StructuredCallAsync(i, c.InstanceId)));
        registry.AddActivityFunc<ReadToolResultInput, string>(
            PatternNames.ReadToolResultActivity, (c, i) => InPatternScope(f => f.ReadToolResultAsync(i, c.InstanceId)));
    }

    /// <summary>Runs an activity function in its own invocation scope, as the Functions worker does.</summary>
    private Task<TResult> InScope<TResult>(Func<AgentRunActivityFunctions, Task<TResult>> call) => InScope<AgentRunActivityFunctions, TResult>(call);

    private Task<TResult> InPatternScope<TResult>(Func<PatternActivityFunctions, Task<TResult>> call) => InScope<PatternActivityFunctions, TResult>(call);

    private async Task<TResult> InScope<TFunctions, TResult>(Func<TFunctions, Task<TResult>> call)
    {
        using var scope = Services.CreateScope();
        return await call(ActivatorUtilities.CreateInstance<TFunctions>(scope.ServiceProvider));
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionsAppCollection : ICollectionFixture<FunctionsApp>
{
    public const string Name = "Functions app on the Durable Task test host";
}
