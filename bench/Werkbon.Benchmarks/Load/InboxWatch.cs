using System.Text.Json;
using Microsoft.Playwright;

namespace Werkbon.Benchmarks.Load;

/// <summary>
/// An office person's open inbox in a real headless Chromium (Debian's <c>/usr/bin/chromium</c>, no browser download):
/// a MutationObserver notes the epoch milliseconds at which each report row first appears (a row added, or a row whose
/// report id changed in place).
/// </summary>
public sealed class InboxWatch : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string Observer = """
        () => {
            window.__seen = {};
            const note = () => {
                const now = Date.now();
                for (const row of document.querySelectorAll('tr[data-testid=report-row]')) {
                    const id = row.getAttribute('data-id');
                    if (id && !(id in window.__seen)) window.__seen[id] = now;
                }
            };
            note();
            new MutationObserver(note).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-id'] });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private InboxWatch(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    public static async Task<InboxWatch> OpenAsync(Uri server, string email, string password)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = server.ToString(), Locale = "nl-BE", ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inbox");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/inbox", StringComparison.Ordinal));
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=inbox-list], [data-testid=inbox-empty]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync(Observer);
        return new InboxWatch(playwright, browser, page);
    }

    /// <summary>Report id → epoch ms of the row's first appearance in the open inbox.</summary>
    public async Task<Dictionary<Guid, long>> SeenAsync()
    {
        var seen = await _page.EvaluateAsync<JsonElement>("() => window.__seen");
        var rows = new Dictionary<Guid, long>();
        foreach (var row in seen.EnumerateObject())
        {
            if (Guid.TryParse(row.Name, out var id))
            {
                rows[id] = (long)row.Value.GetDouble();
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
