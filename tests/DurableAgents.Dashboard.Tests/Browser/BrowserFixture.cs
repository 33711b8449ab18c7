using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>One host with a key and one headless Chromium for the browser tests; each test gets its own browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this machine's network refuses.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public DashboardHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = await ChromiumInstaller.EnsureInstalledAsync();
        Host = new DashboardHost();
        _playwright = await Playwright.CreateAsync();

        // Playwright passes --headless and a fresh --user-data-dir of its own, removed when the browser closes.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = Flags });
    }

    /// <summary>A new page in a new context (its own sessionStorage): nothing carries over from another test.</summary>
    public async Task<DashboardPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.Url,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
            TimezoneId = "UTC",
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        return new DashboardPage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Host?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
