using DurableAgents.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task WithoutTheKey_ThePageAsksForIt_AndShowsNoData()
    {
        await using var tab = await fixture.NewPageAsync();
        await tab.Page.GotoAsync("/dashboard/");

        await Assertions.Expect(tab.Page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("#login h1")).ToHaveTextAsync("This host needs an API key");
        await Assertions.Expect(tab.Page.Locator("#nav")).ToBeHiddenAsync();
        Assert.Equal(0, await tab.Page.Locator("table.runs").CountAsync());

        await tab.Page.FillAsync("#api-key", "not-the-key");
        await tab.Page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(tab.Page.Locator("#login-error")).ToContainTextAsync("The host refused the key");
        await Assertions.Expect(tab.Page.Locator("#nav")).ToBeHiddenAsync();

        await tab.Page.FillAsync("#api-key", DashboardHost.Key);
        await tab.Page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(tab.Page.Locator("#nav")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Runs");

        // The key travels in the header only: never in a URL, and every API call after signing in carries it.
        var api = tab.Requests.Where(r => r.Url.Contains("/api/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(tab.Requests, r => r.Url.Contains(DashboardHost.Key, StringComparison.Ordinal) || r.Url.Contains("code=", StringComparison.Ordinal));
        Assert.Contains(api, r => r.Headers.GetValueOrDefault("x-api-key") == DashboardHost.Key);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task SignOut_ForgetsTheKey()
    {
        await using var tab = await fixture.NewPageAsync();
        await tab.OpenAsync();
        await tab.Page.ClickAsync("#sign-out");
        await Assertions.Expect(tab.Page.Locator("#login")).ToBeVisibleAsync();
        Assert.Null(await tab.Page.EvaluateAsync<string?>("sessionStorage.getItem('durableagents.apiKey')"));
    }
}
