using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The back office in a real Chromium against the app on Kestrel with the demo company.</summary>
public class BackOfficeBrowserTests
{
    [Fact]
    public async Task The_office_signs_in_finds_a_demo_customer_is_told_what_is_wrong_and_switches_to_french()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var demo = await app.InCompany(Guid.Empty, async (db, _) =>
        {
            var company = await db.Companies.SingleAsync(TestContext.Current.CancellationToken);
            var names = await db.Customers.IgnoreQueryFilters().Where(c => c.CompanyId == company.Id).Select(c => c.Name).ToListAsync(TestContext.Current.CancellationToken);
            return (company.Id, Names: names.Order(StringComparer.Ordinal).ToList());
        });
        var other = await app.CreateCompanyAsync("Bravo");
        var hidden = await app.InCompany(other.Id, async (db, _) =>
        {
            var customer = new Customer { Name = "Bravo Geheim NV", BillingAddress = new Address("Meir 1", "2000", "Antwerpen") };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return customer.Id;
        });
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/customers");
            await page.Locator("[data-testid=customer-row]").First.WaitForAsync();
            var rows = await page.Locator("[data-testid=customer-row]").CountAsync();
            await Assertions.Expect(page.GetByText(demo.Names[0], new() { Exact = true })).ToBeVisibleAsync();

            var search = page.Locator("[data-testid=customer-search] input, input[data-testid=customer-search]").First;
            await search.FillAsync(demo.Names[^1]);
            await Assertions.Expect(page.Locator("[data-testid=customer-row]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=customer-row]")).ToContainTextAsync(demo.Names[^1]);

            await browser.OpenAsync("/customers/new");
            await page.Locator("[data-testid=save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Dit veld is verplicht.").First).ToBeVisibleAsync();
            var stored = await app.InCompany(demo.Id, (db, _) => db.Customers.CountAsync(TestContext.Current.CancellationToken));

            await browser.OpenAsync($"/customers/{hidden}");
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
            var otherCompanysPage = await page.ContentAsync();

            await browser.OpenAsync("/customers");
            await page.Locator("[data-language=fr]").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).First).ToBeVisibleAsync();

            Assert.True(rows >= 20, $"{rows} customer rows on the first page");
            Assert.Equal(demo.Names.Count, stored);
            Assert.DoesNotContain("Bravo Geheim NV", otherCompanysPage);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_signs_in_finds_a_demo_customer_is_told_what_is_wrong_and_switches_to_french));
            throw;
        }
    }
}
