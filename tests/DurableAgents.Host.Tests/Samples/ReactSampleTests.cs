using DurableAgents.Samples;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>Issue 14, part 6 over HTTP: the ReAct agent searches the configured JSON endpoint (a loopback fake SearXNG here).</summary>
public sealed class ReactSampleTests
{
    [Fact]
    public async Task React_SearchesTheConfiguredEndpoint_AndComputes_AndTellsTheTime()
    {
        await using var search = await FakeSearchServer.StartAsync();
        using var factory = SampleHost.Create(new()
        {
            ["DurableAgents:Search:Endpoint"] = search.Url("/search"),
            ["DurableAgents:Search:ApiKey"] = FakeSearchServer.Key,
            ["DurableAgents:Search:Http:AllowedHosts:0"] = "127.0.0.1", // the loopback engine is allowed by address, as the docs say
        });
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.React, "Search for durable execution, compute (2+3)*4 ^ 2 / sqrt(16), and tell me the time in Europe/Paris.", "react-1");
        var run = await http.FinishedAsync("react-1");

        Assert.Equal("Completed", run.Outcome());
        Assert.Contains("durable execution explained: A plain account of durable execution, with examples. (https://docs.example.org/durable%20execution)", run.Answer(), StringComparison.Ordinal);
        Assert.Contains("(2+3)*4 ^ 2 / sqrt(16) = 20.", run.Answer(), StringComparison.Ordinal);
        Assert.Contains("In Europe/Paris it is", run.Answer(), StringComparison.Ordinal);
        Assert.Equal([("/search", "durable execution", "Bearer " + FakeSearchServer.Key)], search.Requests.ToList());
    }

    [Fact]
    public async Task WithoutAnEndpoint_TheBundledLibraryAnswers()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.React, "Search for volcanoes.", "react-2");
        var run = await http.FinishedAsync("react-2");

        Assert.Contains("Volcanoes: A volcano is an opening in the crust", run.Answer(), StringComparison.Ordinal);
        Assert.Contains("(https://library.example/volcanoes)", run.Answer(), StringComparison.Ordinal);
    }
}
