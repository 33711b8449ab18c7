using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Samples;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ApprovalTests(BrowserFixture fixture)
{
    private HttpClient Api => fixture.Host.Http;

    [Fact]
    public async Task AnApprovalMadeInThePage_CompletesTheRun()
    {
        var id = await StartWaitingRunAsync("approve-");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync("#/approvals");

        var card = tab.Page.Locator($"article.approval[data-run-id='{id}']");
        await Assertions.Expect(card).ToContainTextAsync(SampleAgents.ApprovalGoal);
        await Assertions.Expect(card.Locator(".pending-call .tool-name")).ToHaveTextAsync("delete_records");
        await Assertions.Expect(card.Locator(".pending-call .reason")).ToContainTextAsync("destructive");
        await Assertions.Expect(card).ToContainTextAsync("inactive customers"); // the call's arguments
        await Assertions.Expect(card).ToContainTextAsync("list_records (ok)"); // what was gathered
        await tab.Page.FillAsync("#approver", "Dana Reviewer");
        await tab.Page.Locator("#approver").DispatchEventAsync("change");
        await card.Locator("textarea.comment").FillAsync("Inactive for two years; fine to delete.");
        await tab.ScreenshotAsync("dashboard-approvals.png");

        await card.Locator("button.approve").ClickAsync();
        await Assertions.Expect(card.Locator(".decision-result")).ToContainTextAsync("Applied: approved");
        var run = await Api.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        Assert.Equal("Completed", run.Outcome());
        var decision = run.GetProperty("customStatus").GetProperty("decisions")[0];
        Assert.Equal("Dana Reviewer", decision.GetProperty("approver").GetString());
        Assert.Contains(run.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("tool").GetString() == "delete_records" && c.GetProperty("status").GetString() == "ok");

        // The run page tells the story: the approval in the timeline with who and why, the deletion after it.
        await tab.OpenAsync($"#/runs/{id}");
        var approval = tab.Page.Locator("ol.timeline li.ev-approval");
        await Assertions.Expect(approval).ToContainTextAsync("approved by Dana Reviewer");
        await Assertions.Expect(approval).ToContainTextAsync("Inactive for two years; fine to delete.");
        await Assertions.Expect(tab.Page.Locator("ol.timeline li.ev-tool").Last).ToContainTextAsync("delete_records");
        await Assertions.Expect(tab.Page.Locator("#run-outcome")).ToHaveTextAsync("Completed");
        await tab.ScreenshotAsync("dashboard-run.png", maxHeight: 2700);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ARejectionWithAComment_ShowsInTheRunsOutcome()
    {
        var id = await StartWaitingRunAsync("reject-");
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync($"#/runs/{id}");

        var pending = tab.Page.Locator("article.approval .pending-call");
        await Assertions.Expect(pending.Locator(".tool-name")).ToHaveTextAsync("delete_records");
        await pending.Locator("textarea.comment").FillAsync("Legal hold on these accounts until March.");
        await pending.Locator("button.reject").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("#run-outcome")).ToHaveTextAsync("Rejected");
        await Assertions.Expect(tab.Page.Locator("#run-output .reason")).ToContainTextAsync("Legal hold on these accounts until March.");
        await Assertions.Expect(tab.Page.Locator("#decisions")).ToContainTextAsync("rejected by");
        var run = await Api.GetRunAsync(id);
        Assert.Equal("Rejected", run.Outcome());
        Assert.Empty(tab.Errors);
    }

    private async Task<string> StartWaitingRunAsync(string prefix)
    {
        var id = await Api.StartRunAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal, prefix + Guid.NewGuid().ToString("N")[..8]);
        await Api.WaitForRunAsync(id, r => r.IsWaitingForApproval(), "awaits approval");
        return id;
    }
}
