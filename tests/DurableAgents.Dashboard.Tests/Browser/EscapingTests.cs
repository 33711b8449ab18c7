using DurableAgents.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EscapingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AScriptInAToolResult_IsShownAsText_AndDoesNotRun()
    {
        var id = await fixture.Host.Http.StartRunAsync(TestAgents.PageReader, "Fetch the page about durable agents.", "xss-" + Guid.NewGuid().ToString("N")[..8]);
        await fixture.Host.Http.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");
        await tab.Page.ClickAsync("details[data-key=conversation] summary");

        // The markup is on the page as text, in the timeline, the tool calls and the conversation...
        var tool = tab.Page.Locator("ol.timeline li.ev-tool").First;
        await Assertions.Expect(tool.Locator(".result")).ToContainTextAsync("<script>window.__pwned = 'script';</script>");
        await Assertions.Expect(tab.Page.Locator("table.tool-calls")).ToContainTextAsync("<img src=x onerror=");
        await Assertions.Expect(tab.Page.Locator("#conversation li.msg-tool")).ToContainTextAsync("<script>");

        // ...and none of it became an element or ran.
        Assert.Equal(0, await tab.Page.Locator("main script, main img").CountAsync());
        Assert.Equal("undefined", await tab.Page.EvaluateAsync<string>("typeof window.__pwned"));
        Assert.Empty(tab.Errors);
    }
}
