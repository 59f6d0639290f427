using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The dashboard opens on the headline: signature → invoice delivered, this week against last week.</summary>
public class HeadlineBrowserTests
{
    [Fact]
    public async Task The_dashboard_opens_on_the_signature_to_delivered_headline_for_this_week_and_last_week()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;

        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/dashboard");
        var headline = page.Locator("[data-testid=headline]");
        await Assertions.Expect(headline).ToContainTextAsync("Handtekening → factuur afgeleverd");
        await Assertions.Expect(page.Locator("[data-testid=headline-week]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=headline-week][data-week=this-week]")).ToContainTextAsync("Rechtstreeks binnen 60 s");
        var top = await headline.BoundingBoxAsync();
        var leadTimes = await page.Locator("[data-testid=lead-times]").BoundingBoxAsync();
        Assert.True(top!.Y < leadTimes!.Y, "The headline is above the lead times.");
        await browser.ScreenshotAsync(nameof(The_dashboard_opens_on_the_signature_to_delivered_headline_for_this_week_and_last_week));
    }
}
