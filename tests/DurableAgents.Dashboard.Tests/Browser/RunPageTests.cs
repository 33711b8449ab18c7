using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Samples;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RunPageTests(BrowserFixture fixture)
{
    private HttpClient Api => fixture.Host.Http;

    [Fact]
    public async Task TheList_ShowsAStartedRun()
    {
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 6 * 7?", "list-" + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync("#/runs");

        var row = tab.Page.Locator($"table.runs tr[data-run-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync(SampleAgents.Background);
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("Completed");
        await Assertions.Expect(row.Locator("td.outcome")).ToHaveTextAsync("Completed");

        // The id prefix filter keeps it, another prefix drops it.
        await tab.Page.FillAsync("#filter-prefix", id[..9]);
        await tab.Page.ClickAsync("#run-filters button[type=submit]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await tab.Page.FillAsync("#filter-prefix", "no-such-prefix");
        await tab.Page.ClickAsync("#run-filters button[type=submit]");
        await Assertions.Expect(tab.Page.Locator("#runs-table")).ToContainTextAsync("No runs match these filters.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TheRunPage_SaysWhoseRunItIs()
    {
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 6 * 7?", "whose-" + Guid.NewGuid().ToString("N")[..8], user: "grace@example.com");
        await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        var facts = tab.Page.Locator("header.run-head dl.facts");
        await Assertions.Expect(facts).ToContainTextAsync("User");
        await Assertions.Expect(facts).ToContainTextAsync("grace@example.com");
        await Assertions.Expect(facts).Not.ToContainTextAsync("Session"); // shown only for a session's turn
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ANewRun_AppearsInTheOpenList()
    {
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync("#/runs");
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Runs");
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 2 + 3?", "live-" + Guid.NewGuid().ToString("N")[..8]);

        await Assertions.Expect(tab.Page.Locator($"table.runs tr[data-run-id='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheTimeline_ShowsTheModelAndToolSteps()
    {
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 6 * 7?", "timeline-" + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        var timeline = tab.Page.Locator("ol.timeline").First;
        var model = timeline.Locator("li.ev-model").First;
        await Assertions.Expect(model).ToContainTextAsync("Model call · step 1");
        await Assertions.Expect(model).ToContainTextAsync("offline-planner");
        await Assertions.Expect(model.Locator(".call .tool-name")).ToHaveTextAsync("calculator");
        var tool = timeline.Locator("li.ev-tool").First;
        await Assertions.Expect(tool).ToContainTextAsync("Tool call · calculator");
        await Assertions.Expect(tool.Locator(".args")).ToContainTextAsync("6 * 7");
        await Assertions.Expect(tool.Locator(".result")).ToContainTextAsync("42");
        await Assertions.Expect(timeline.Locator("li.ev-end")).ToContainTextAsync("Run finished · Completed");
        await Assertions.Expect(tab.Page.Locator("#run-outcome")).ToHaveTextAsync("Completed");

        // The conversation is read when opened, and so is the audit: one row per tool call.
        await tab.Page.ClickAsync("details[data-key=conversation] summary");
        await Assertions.Expect(tab.Page.Locator("#conversation li.msg-tool")).ToContainTextAsync("42");
        await tab.Page.ClickAsync("details[data-key=audit] summary");
        var audit = tab.Page.Locator("#audit table.audit tbody tr");
        await Assertions.Expect(audit).ToHaveCountAsync(1);
        await Assertions.Expect(audit.First).ToContainTextAsync("calculator");
        await Assertions.Expect(audit.First).ToContainTextAsync("read");
        await Assertions.Expect(audit.First.Locator(".badge")).ToHaveTextAsync("ok");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ASubRun_OpensAsANestedTimeline()
    {
        var id = await Api.StartRunAsync(TestAgents.Coordinator, "Ask the background agent: what is 6 * 7?", "coord-" + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        var sub = tab.Page.Locator("ol.timeline li.ev-sub").First;
        await Assertions.Expect(sub).ToContainTextAsync($"{id}:s1.0");
        await sub.GetByRole(AriaRole.Button, new() { Name = "Show its timeline" }).ClickAsync();
        await Assertions.Expect(sub.Locator(".nested li.ev-tool")).ToContainTextAsync("calculator");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ARetriedToolCall_ShowsTheFailedAttempt_TheBackOff_AndTheRetry()
    {
        var id = await Api.StartRunAsync(TestAgents.FlakyReader, "Read the flaky page about durable timers.", "flaky-" + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        var tools = tab.Page.Locator("ol.timeline li.ev-tool");
        await Assertions.Expect(tools).ToHaveCountAsync(2);
        await Assertions.Expect(tools.Nth(0)).ToContainTextAsync("Tool call · read_flaky_page");
        await Assertions.Expect(tools.Nth(0)).ToContainTextAsync($"This attempt failed: {TestAgents.FlakyError}");
        await Assertions.Expect(tab.Page.Locator("ol.timeline li.ev-retry")).ToContainTextAsync("The call to read_flaky_page failed");
        await Assertions.Expect(tools.Nth(1)).ToContainTextAsync("attempt 2");
        await Assertions.Expect(tools.Nth(1).Locator(".result")).ToContainTextAsync("on attempt 2");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TheAuditsValues_AreShownAsText()
    {
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 1 + 1?", TestAgents.AuditedPrefix + Guid.NewGuid().ToString("N")[..8]);
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");
        await tab.Page.ClickAsync("details[data-key=audit] summary");

        await Assertions.Expect(tab.Page.Locator("#audit")).ToContainTextAsync("<b>inspected</b>");
        await Assertions.Expect(tab.Page.Locator("#audit")).ToContainTextAsync("by <i>someone</i>");
        Assert.Equal(0, await tab.Page.Locator("#audit b, #audit i").CountAsync());
    }

    [Fact]
    public async Task OnAHostWithoutTheAuditEndpoint_ThePageSaysSo()
    {
        var id = await Api.StartRunAsync(SampleAgents.Background, "What is 1 + 1?", TestAgents.UnauditedPrefix + Guid.NewGuid().ToString("N")[..8]);
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");
        await tab.Page.ClickAsync("details[data-key=audit] summary");

        await Assertions.Expect(tab.Page.Locator("details[data-key=audit]")).ToContainTextAsync("Audit: not available");
    }
}
