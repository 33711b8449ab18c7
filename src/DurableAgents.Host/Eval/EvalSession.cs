using DurableAgents.Api.Models;
using DurableAgents.Host.Cli;
using DurableAgents.Host.Demo;
using DurableAgents.Host.Hosting;
using DurableAgents.Runs;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DurableAgents.Host.Eval;

/// <summary>How the eval runs: cases at once, and whether the offline model is forced.</summary>
/// <param name="Parallelism">Cases at once.</param>
/// <param name="Offline">The offline model even when a real one is configured.</param>
internal sealed record EvalSessionOptions(int Parallelism, bool Offline);

/// <summary>
/// One eval: a host of its own (the configured backend and model, the samples and the failure-mode agents, a fresh data folder that
/// is removed afterwards, a free loopback port), the cases run on it with a progress bar, and the host stopped.
/// </summary>
internal static class EvalSession
{
    public static async Task<IReadOnlyList<EvalResult>> RunAsync(IReadOnlyList<EvalCase> cases, EvalSessionOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddDurableAgentsHostSettings([]);
        using var data = DemoTour.UseOwnDataAndPort(builder.Configuration, "durableagents-eval");
        if (options.Offline)
        {
            builder.Configuration["OPENAI_API_KEY"] = "";
            builder.Configuration["OPENAI_BASE_URL"] = "";
        }

        // The eval's table is its output: the host's own logs only for errors.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Error);
        builder.WebHost.UseUrls(HostSettingsConfiguration.ListenUrls(builder.Configuration));
        var agents = builder.Services.AddDurableAgentsHost(builder.Configuration);
        agents.AddEvalAgents(ModelSelection.Create(builder.Configuration), Path.Combine(builder.Configuration["DurableAgents:DataPath"]!, "sandbox"));
        await using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        try
        {
            var host = app.Services.GetRequiredService<HostDescription>();
            context.Console.Write(new Text($"Evaluating {cases.Count} case(s) with the {host.Model}, on {host.Backend}.\n"));
            var runner = new EvalRunner(app.Services.GetRequiredService<AgentRunClient>(), app.Services.GetService<TimeProvider>() ?? TimeProvider.System)
            {
                Parallelism = options.Parallelism,
            };
            IReadOnlyList<EvalResult> results = [];
            await context.Console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var bar = progress.AddTask("cases", maxValue: cases.Count);
                results = await runner.RunAsync(cases, result => bar.Increment(1), cancellationToken);
                progress.Refresh();
            });
            return cases.Select(c => results.First(r => r.Case == c)).ToList();
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
