using Microsoft.Playwright;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>
/// A real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, without any browser
/// download. Skipped with the reason when Chromium is not installed (failed under CI).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The office works on laptops: the back office is tried at 1366×768, a common laptop screen.</summary>
    public static readonly ViewportSize OfficeViewport = new() { Width = 1366, Height = 768 };

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync(string baseAddress)
    {
        if (!File.Exists(ChromiumPath))
        {
            Prerequisite.Missing($"Chromium is not installed at {ChromiumPath}: apt-get install chromium");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress, Locale = "nl-BE", ViewportSize = OfficeViewport });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(playwright, browser, context, page);
    }

    /// <summary>A page in a fresh browser context: another person at another desk, with cookies of their own.</summary>
    public async Task<IPage> NewPersonAsync(string baseAddress)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = baseAddress, Locale = "nl-BE", ViewportSize = OfficeViewport });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password, string returnPath)
    {
        await page.GotoAsync(returnPath);
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task SignInAsync(string email, string password, string returnPath = "/")
    {
        await Page.GotoAsync(returnPath);
        await Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Opens a back-office page and waits until its circuit is live, so input is not lost to the prerendered copy.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// Chooses files on a Blazor <c>InputFile</c> once its script has taken the element over (it marks the element when it
    /// does, right after the component's first interactive render): files chosen before that fire no change the circuit sees.
    /// </summary>
    public static async Task ChooseFilesAsync(ILocator input, params FilePayload[] files)
    {
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(files);
    }

    public Task WaitUntilInteractiveAsync() =>
        Page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Saves a screenshot next to the test output, for a person to look at when a test fails.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
