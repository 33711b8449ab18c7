using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.Playwright;

namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>A dashboard tab: opening routes, signing in, and what the page reported (script errors, requests).</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly List<IRequest> _requests = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => Record(error);
        page.Console += (_, message) =>
        {
            // A refused request (the 401 before signing in) is logged as "Failed to load resource"; that one the page expects.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors and console errors the page reported.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IReadOnlyList<IRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Opens a route (e.g. "#/runs") and signs in with the host's key when the page asks for it.</summary>
    public async Task OpenAsync(string route = "#/runs", string key = DashboardHost.Key)
    {
        await Page.GotoAsync("/dashboard/" + route);
        var login = Page.Locator("#login");
        var nav = Page.Locator("#nav");
        await TestDeadline.WaitUntilAsync(async () => await login.IsVisibleAsync() || await nav.IsVisibleAsync(), "the dashboard shows its pages or the key form");
        if (await login.IsVisibleAsync())
        {
            await Page.FillAsync("#api-key", key);
            await Page.ClickAsync("#login button[type=submit]");
            await nav.WaitForAsync();
        }
    }

    /// <summary>
    /// Takes a screenshot (the whole page, or its first screens). It replaces the checked-in one in docs/images/ (shown by the
    /// README and docs/dashboard.md) only when that file is missing or DURABLEAGENTS_UPDATE_SCREENSHOTS=1, so a test run leaves
    /// the work tree clean; otherwise the image is only taken, which still proves the page renders.
    /// </summary>
    public async Task ScreenshotAsync(string name, int? maxHeight = null)
    {
        var checkedIn = Path.Combine(RepositoryRoot.Find(), "docs", "images", name);
        var update = !File.Exists(checkedIn) || Environment.GetEnvironmentVariable("DURABLEAGENTS_UPDATE_SCREENSHOTS") == "1";
        var image = await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            FullPage = true,
            Clip = maxHeight is { } height ? new Clip { X = 0, Y = 0, Width = 1280, Height = height } : null,
        });
        Assert.NotEmpty(image);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(checkedIn)!);
            await File.WriteAllBytesAsync(checkedIn, image);
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
