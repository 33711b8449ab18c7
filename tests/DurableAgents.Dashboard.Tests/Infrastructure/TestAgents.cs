using System.Collections.Concurrent;
using DurableAgents.Agents;
using DurableAgents.Samples;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>Agents and endpoints the dashboard tests add to the host.</summary>
public static class TestAgents
{
    /// <summary>An agent whose one tool returns markup, as a hostile web page would.</summary>
    public const string PageReader = "page-reader";

    /// <summary>What the page reader's tool returns: a script and an image whose error handler runs script, if either were parsed.</summary>
    public const string HostileText = "<script>window.__pwned = 'script';</script><img src=x onerror=\"window.__pwned = 'img'\"> The durable agents page.";

    /// <summary>An agent that hands its work to the background sample as a sub-agent.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>An agent whose one (idempotent) tool fails the first attempt of every call, so the run retries it durably.</summary>
    public const string FlakyReader = "flaky-reader";

    /// <summary>The first attempt's error.</summary>
    public const string FlakyError = "The page server answered 503.";

    private static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    /// <summary>Runs whose id starts with this have a stand-in audit whose values hold markup.</summary>
    public const string AuditedPrefix = "audited-";

    /// <summary>Runs whose id starts with this answer 404 for their audit, as a host without the endpoint does.</summary>
    public const string UnauditedPrefix = "unaudited-";

    public static void Register(IServiceCollection services)
    {
        var reader = new AgentDefinition(PageReader) { Description = "Reads pages.", Instructions = "Fetch the page, then answer." };
        reader.Tools.Add(new AgentTool(AIFunctionFactory.Create((string topic) => HostileText, "fetch_page", "Fetches the web page about a topic.")));
        services.AddSingleton(reader);

        var coordinator = new AgentDefinition(Coordinator) { Description = "Delegates.", Instructions = "Hand the work to the background agent." };
        coordinator.SubAgents.Add(SampleAgents.Background);
        services.AddSingleton(coordinator);

        var flaky = new AgentDefinition(FlakyReader) { Description = "Reads flaky pages.", Instructions = "Read the page, then answer." };
        flaky.Tools.Add(new AgentTool(AIFunctionFactory.Create(ReadFlakyPage, "read_flaky_page", "Reads the flaky web page about a topic.")) { IsIdempotent = true });
        services.AddSingleton(flaky);

        services.AddSingleton<IStartupFilter, AuditStandIn>();
    }

    private static string ReadFlakyPage(string topic)
    {
        // Keyed by the call (the same for every attempt of it): the first attempt fails, the retry succeeds.
        var attempt = Attempts.AddOrUpdate(AgentCallContext.Current!.IdempotencyKey, 1, (_, n) => n + 1);
        return attempt == 1 ? throw new InvalidOperationException(FlakyError) : $"The page about {topic}, on attempt {attempt}.";
    }

    /// <summary>Answers <c>GET /api/runs/audited-*/audit</c> with a trail whose values hold markup, and 404 for <c>unaudited-*</c>.</summary>
    private sealed class AuditStandIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, proceed) =>
            {
                var path = http.Request.Path.Value ?? "";
                var audit = HttpMethods.IsGet(http.Request.Method) && path.EndsWith("/audit", StringComparison.Ordinal);
                if (audit && path.StartsWith("/api/runs/" + AuditedPrefix, StringComparison.Ordinal))
                {
                    var id = path.Split('/')[3];
                    var entry = new
                    {
                        runId = id, agent = "auditor", step = 1, callId = "c1", tool = "<b>inspected</b>", kind = "tool", argumentDigest = "sha256:00",
                        permission = "read", approval = "approved", approver = "<i>someone</i>", outcome = "ok", requestedAt = "2026-12-01T10:00:00Z",
                    };
                    await http.Response.WriteAsJsonAsync(new { runId = id, runs = new[] { id }, entries = new[] { entry } });
                    return;
                }

                if (audit && path.StartsWith("/api/runs/" + UnauditedPrefix, StringComparison.Ordinal))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await proceed();
            });
            next(app);
        };
    }
}
