using System.Net;
using System.Text.RegularExpressions;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Api;

/// <summary>What the README shows a user exists: every route it names is mapped, every sample agent and schedule it names is registered.</summary>
public sealed partial class ReadmeConsistencyTests : IClassFixture<HostFactoryFixture>
{
    private readonly HostFactory _factory;
    private readonly string _readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));

    public ReadmeConsistencyTests(HostFactoryFixture fixture) => _factory = fixture.Factory;

    [Fact]
    public void EveryRouteTheReadmeShows_IsMapped()
    {
        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => Normalize(e.RoutePattern.RawText ?? "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shown = ApiPath().Matches(_readme).Select(m => m.Value.TrimEnd('.', ',', ')')).Distinct().ToList();

        Assert.NotEmpty(shown);
        var missing = shown.Where(p => !mapped.Contains(Normalize(p)) && !mapped.Any(m => Matches(m, Normalize(p)))).ToList();
        Assert.True(missing.Count == 0, "README routes that are not mapped: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EverySampleAgentAndScheduleTheReadmeShows_IsRegistered()
    {
        var http = _factory.CreateClient();
        var agents = AgentInPath().Matches(_readme).Select(m => m.Groups[1].Value).Where(n => !n.StartsWith('{')).Distinct().ToList();
        var schedules = ScheduleInPath().Matches(_readme).Select(m => m.Groups[1].Value).Where(n => !n.StartsWith('{')).Distinct().ToList();

        Assert.NotEmpty(agents);
        foreach (var agent in agents)
        {
            Assert.True((await http.GetAsync($"/api/agents/{agent}")).StatusCode == HttpStatusCode.OK, $"README names agent '{agent}', which is not registered");
        }

        foreach (var schedule in schedules)
        {
            Assert.True((await http.GetAsync($"/api/schedules/{schedule}")).StatusCode == HttpStatusCode.OK, $"README names schedule '{schedule}', which is not registered");
        }
    }

    // "/api/runs/{id}/events/{name}" and "/api/runs/cleanup-1/approval" both become segment lists compared with placeholders.
    private static string Normalize(string path) => "/" + path.Split('?')[0].Trim('/');

    private static bool Matches(string pattern, string path)
    {
        var p = pattern.Split('/');
        var q = path.Split('/');
        return p.Length == q.Length && p.Zip(q).All(x => x.First.StartsWith('{') || x.Second.StartsWith('{') || string.Equals(x.First, x.Second, StringComparison.OrdinalIgnoreCase)
            || x.Second.Contains('|', StringComparison.Ordinal) && x.Second.Split('|').Contains(x.First, StringComparer.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"/api/[A-Za-z0-9_{}\-/.|\\]*[A-Za-z0-9_}]")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"/api/agents/([A-Za-z0-9_{}\-]+)/")]
    private static partial Regex AgentInPath();

    [GeneratedRegex(@"/api/schedules/([A-Za-z0-9_{}\-]+)")]
    private static partial Regex ScheduleInPath();
}
