using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>An open back-office screen lives no longer than its session.</summary>
public class SessionBrowserTests
{
    [Fact]
    public async Task Signing_out_everywhere_at_one_desk_closes_the_screen_left_open_at_another()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        await using var browser = await BrowserSession.StartAsync(url);
        var left = browser.Page;
        var other = await browser.NewPersonAsync(url);

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/customers");
            await left.Locator("[data-testid=customer-row]").First.WaitForAsync();
            await BrowserSession.SignInAsync(other, DemoLogins.Office, DemoLogins.Password, "/customers");

            await other.Locator("[data-testid=logout-everywhere]").ClickAsync();
            await other.WaitForURLAsync(u => u.Contains("/account/login", StringComparison.Ordinal));

            // The screen left open checks its session every few seconds and goes to the sign-in page.
            await left.WaitForURLAsync(u => u.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
            await left.GotoAsync("/customers");
            await Assertions.Expect(left).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        }
        catch
        {
            await browser.ScreenshotAsync("session-everywhere");
            throw;
        }
    }

    [Fact]
    public async Task An_archived_persons_open_screen_goes_to_the_sign_in_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/customers");
            await page.Locator("[data-testid=customer-row]").First.WaitForAsync();

            await app.InCompany(Guid.Empty, async (db, services) =>
            {
                var users = services.GetRequiredService<UserManager<AppUser>>();
                var office = (await users.FindByEmailAsync(DemoLogins.Office))!;
                services.GetRequiredService<CurrentCompany>().Set(office.CompanyId);
                return await InviteUser.Archive(office.Id, true, db, services.GetRequiredService<TimeProvider>(), users, services.GetRequiredService<Sessions>(), ct);
            });

            await page.WaitForURLAsync(u => u.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        }
        catch
        {
            await browser.ScreenshotAsync("session-archived");
            throw;
        }
    }
}
