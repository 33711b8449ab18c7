using System.Net;
using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Samples;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RunControlTests(BrowserFixture fixture)
{
    private HttpClient Api => fixture.Host.Http;

    [Fact]
    public async Task SuspendResumeTerminateAndPurge_EachAskForConfirmation()
    {
        var id = await Api.StartRunAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal, "control-" + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.IsWaitingForApproval(), "awaits approval");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        // Cancelled: nothing is sent.
        await tab.Page.ClickAsync("button[data-control=terminate]");
        await Assertions.Expect(tab.Page.Locator("#confirm")).ToBeVisibleAsync();
        await tab.Page.ClickAsync("#confirm button[value=cancel]");
        Assert.Equal("Running", (await Api.GetRunAsync(id)).Status());

        await ConfirmAsync(tab, "suspend", "Pausing for the audit.");
        await Api.WaitForRunAsync(id, r => r.Status() == "Suspended", "suspended");
        await ConfirmAsync(tab, "resume", null);
        await Api.WaitForRunAsync(id, r => r.Status() == "Running", "resumed");
        await ConfirmAsync(tab, "terminate", "Not needed any more.");
        await Api.WaitForRunAsync(id, r => r.Status() == "Terminated", "terminated");
        await Assertions.Expect(tab.Page.Locator("ol.timeline")).ToContainTextAsync("Not needed any more.");

        await ConfirmAsync(tab, "purge", null, expectMessage: false);
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Runs");
        using var gone = await Api.GetAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Schedules_ShowTheNextOccurrence_AndPauseAndResume()
    {
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync("#/schedules");
        var row = tab.Page.Locator($"tr[data-schedule='{SampleAgents.ResearchSchedule}']");
        await Assertions.Expect(row).ToContainTextAsync("0 0 7 * * *");
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("active");
        await Assertions.Expect(row.Locator("td").Nth(4).Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex("T07:00:00"));

        await row.Locator("button[data-action=pause]").ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("paused");
        await row.Locator("button[data-action=resume]").ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("active");
        Assert.Empty(tab.Errors);
    }

    private static async Task ConfirmAsync(DashboardPage tab, string control, string? reason, bool expectMessage = true)
    {
        await tab.Page.ClickAsync($"button[data-control={control}]");
        await Assertions.Expect(tab.Page.Locator("#confirm")).ToBeVisibleAsync();
        if (reason is not null)
        {
            await tab.Page.FillAsync("#confirm-reason", reason);
        }

        await tab.Page.ClickAsync("#confirm-ok");
        if (expectMessage)
        {
            await Assertions.Expect(tab.Page.Locator("#run-message")).ToContainTextAsync("sent");
        }
    }
}
