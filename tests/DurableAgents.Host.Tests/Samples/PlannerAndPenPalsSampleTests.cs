using DurableAgents.Samples;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>Issue 14, parts 3 and 4 over HTTP: the planner replans after a failed step; the pen pals exchange their messages.</summary>
public sealed class PlannerAndPenPalsSampleTests
{
    [Fact]
    public async Task Planner_ReplansAfterTheRefusedFetch_AndFinishesTheRest()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.Planner, "Fetch http://127.0.0.1:9/status, compute 17 * 23, and tell me the time in Asia/Tokyo.", "plan-1");
        var run = await http.FinishedAsync("plan-1");

        Assert.Equal("Completed", run.Outcome());
        var detail = run.GetProperty("customStatus").GetProperty("detail");
        Assert.Equal(1, detail.GetProperty("replans").GetInt32());
        var steps = detail.GetProperty("plan").EnumerateArray().Select(s => (s.GetProperty("executor").GetString(), s.GetProperty("state").GetString())).ToList();
        Assert.True(steps.SequenceEqual([("researcher", "done"), ("calculator", "done"), ("current_time", "done")]), run.ToString());
        Assert.Contains("17 * 23 = 391.", run.Answer(), StringComparison.Ordinal);
        var audit = await http.GetJsonAsync("/api/runs/plan-1/audit");
        var own = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("runId").GetString() == "plan-1")
            .Select(e => (e.GetProperty("tool").GetString(), e.GetProperty("outcome").GetString())).ToList();
        Assert.Equal([("http_get", "error"), ("researcher", "ok"), ("calculator", "ok"), ("current_time", "ok")], own);
    }

    [Fact]
    public async Task PenPals_WriteToEachOther_UntilTheLastMessage()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.PenPals, new { opening = "Hi Alice! What time is it in Asia/Tokyo, and what is 6 * 7?", messages = 4 }, "pals-1");
        var run = await http.FinishedAsync("pals-1");

        Assert.Equal("Completed", run.Outcome());
        var lines = run.Answer().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("#1 user: Hi Alice!", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("#2 pen-pal-alice: [offline model: deterministic planner, not a language model] In Asia/Tokyo it is", lines[1], StringComparison.Ordinal);
        Assert.Contains("#3 pen-pal-bob: [offline model: deterministic planner, not a language model] 6 * 7 = 42.", lines[2], StringComparison.Ordinal);
        var alice = await http.GetJsonAsync("/api/runs/pals-1:a");
        Assert.Equal("pen-pal-alice", alice.GetProperty("agent").GetString());
        Assert.Equal(0, alice.GetProperty("customStatus").GetProperty("detail").GetProperty("duplicates").GetInt32());
    }
}
