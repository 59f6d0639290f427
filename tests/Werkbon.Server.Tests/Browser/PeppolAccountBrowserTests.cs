using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Delivery;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The Peppol settings page at 1366×768: the admin connects the access point and tests it; the office has no access.</summary>
public class PeppolAccountBrowserTests
{
    [Fact]
    public async Task The_admin_connects_the_access_point_and_tests_it_the_secret_never_shows_and_the_office_has_no_access()
    {
        await using var fake = await FakeAccessPoint.StartAsync();
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var participant = await app.InCompany(companyId, (db, _) => PeppolAccounts.DefaultParticipantIdAsync(db, ct));
        fake.Registered[participant] = (true, true);
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Admin, DemoLogins.Password, "/settings/peppol");
            await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync("Facturen verzenden via Peppol");
            await Assertions.Expect(page.Locator("a[href='/settings/peppol']")).ToBeVisibleAsync();
            await Assertions.Expect(Field(page, "participantId")).ToHaveValueAsync(participant);

            // Nothing entered: the form names what is missing and nothing is stored.
            await page.Locator("[data-testid=save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToBeVisibleAsync();
            Assert.False(await app.InCompany(companyId, (db, _) => db.Set<PeppolAccount>().AnyAsync(ct)));

            await Field(page, "baseUrl").FillAsync(fake.BaseUrl);
            await Field(page, "accountId").FillAsync(FakeAccessPoint.CompanyId);
            await Field(page, "apiKey").FillAsync(FakeAccessPoint.ApiKey);
            await Field(page, "secret").FillAsync(FakeAccessPoint.Secret);
            await page.Locator("[data-testid=save]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Peppol-account opgeslagen." })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Er is een geheim bewaard. Laat leeg om het te houden.")).ToBeVisibleAsync();
            await Assertions.Expect(Field(page, "secret")).ToHaveValueAsync("");

            await page.Locator("[data-testid=test]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=test-result]")).ToContainTextAsync($"Verbonden: {participant} is geregistreerd op Peppol");
            Assert.DoesNotContain(FakeAccessPoint.Secret, await page.ContentAsync(), StringComparison.Ordinal);

            var stored = await app.InCompany(companyId, (db, _) => db.Set<PeppolAccount>().AsNoTracking().SingleAsync(ct));
            Assert.Equal(fake.BaseUrl.TrimEnd('/'), stored.BaseUrl);
            Assert.True(stored.Enabled);
            Assert.DoesNotContain(FakeAccessPoint.Secret, stored.ProtectedSecret, StringComparison.Ordinal);

            // The page box fits the office screen: no sideways scrolling.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

            var office = await browser.NewPersonAsync(url);
            await BrowserSession.SignInAsync(office, DemoLogins.Office, DemoLogins.Password, "/");
            await Assertions.Expect(office.Locator("a[href='/settings/invoicing']")).ToBeVisibleAsync();
            await Assertions.Expect(office.Locator("a[href='/settings/peppol']")).ToHaveCountAsync(0);
            await office.GotoAsync("/settings/peppol");
            await office.WaitForURLAsync("**/account/access-denied**");
            Assert.DoesNotContain(FakeAccessPoint.ApiKey, await office.ContentAsync(), StringComparison.Ordinal);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_admin_connects_the_access_point_and_tests_it_the_secret_never_shows_and_the_office_has_no_access));
            throw;
        }
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;
}
