using System.Net;
using System.Net.Http.Json;
using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Samples;

namespace DurableAgents.Dashboard.Tests.Cli;

/// <summary><c>sessions list|show</c> against a host: sessions newest first, a session's turns with their runs and answers.</summary>
[Collection(CliCollection.Name)]
public sealed class SessionsCliTests(CliHostFixture fixture)
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task ListAndShow_PrintTheSessionAndItsTurns()
    {
        var id = "cli-chat-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await Host.Http.PostAsJsonAsync($"/api/agents/{SampleAgents.Background}/sessions", new { sessionId = id }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var answered = await Host.Http.PostAsJsonAsync($"/api/sessions/{id}/messages?wait=60", new { input = "What is 6 * 7?", messageId = "m-1" }))
        {
            Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        }

        var list = await CliRunner.RunAsync(Host, DashboardHost.Key, "sessions", "list", "--agent", SampleAgents.Background);
        var show = await CliRunner.RunAsync(Host, DashboardHost.Key, "sessions", "show", id);
        var missing = await CliRunner.RunAsync(Host, DashboardHost.Key, "sessions", "show", "no-such-session");

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(id, list.Output, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.Output);
        Assert.Contains($"Session {id} with {SampleAgents.Background}", show.Output, StringComparison.Ordinal);
        Assert.Contains("1 turn(s)", show.Output, StringComparison.Ordinal);
        Assert.Contains("m-1", show.Output, StringComparison.Ordinal);
        Assert.Contains("42", show.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404", missing.Output, StringComparison.Ordinal);
    }
}
