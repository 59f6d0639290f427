using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The invoice page offers a Peppol UBL exactly when one exists: for a business, not for a private customer.</summary>
public class PeppolBrowserTests
{
    [Fact]
    public async Task A_private_customers_invoice_offers_its_PDF_and_says_why_there_is_no_UBL_a_business_invoice_offers_both()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/invoices");
            // A draft for one of the demo's private customers and one for a Belgian business.
            var (consumer, business) = await app.InCompany(companyId, async (db, services) =>
            {
                var customers = await db.Customers.AsNoTracking().ToListAsync(ct);
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                Invoice Draft(Customer customer) => new(
                    InvoiceKind.Invoice, customer.Id, $"test:{Guid.NewGuid()}", [new InvoiceLine("Onderhoud ketel", 1, "C62", 100m, 100m, VatCategory.S, 21m)], now);
                var consumer = Draft(customers.First(c => c.Kind == CustomerKind.Private && c.EnterpriseNumber == "" && c.PeppolEndpoint == ""));
                var business = Draft(customers.First(c => c.Kind == CustomerKind.Business && c.EnterpriseNumber != ""));
                db.Invoices.AddRange(consumer, business);
                await db.SaveChangesAsync(ct);
                return (consumer.Id, business.Id);
            });
            Assert.Equal(200, (await page.Context.APIRequest.PostAsync("/api/invoices/issue", new()
            {
                DataObject = new { ids = new[] { consumer, business } },
                Headers = new Dictionary<string, string> { [CrossSite.Header] = "1" }, // a script of this site, signed in by the cookie
            })).Status);

            await browser.OpenAsync($"/invoices/{consumer}");
            await Assertions.Expect(page.Locator("[data-testid=pdf-link]")).ToHaveAttributeAsync("href", $"/api/invoices/{consumer}/pdf");
            await Assertions.Expect(page.Locator("[data-testid=no-ubl]")).ToContainTextAsync("Geen Peppol-UBL");
            await Assertions.Expect(page.Locator("[data-testid=ubl-link]")).ToHaveCountAsync(0);
            Assert.Equal(200, (await page.Context.APIRequest.GetAsync($"/api/invoices/{consumer}/pdf")).Status);
            Assert.Equal(404, (await page.Context.APIRequest.GetAsync($"/api/invoices/{consumer}/ubl")).Status);

            await browser.OpenAsync($"/invoices/{business}");
            await Assertions.Expect(page.Locator("[data-testid=ubl-link]")).ToHaveAttributeAsync("href", $"/api/invoices/{business}/ubl");
            await Assertions.Expect(page.Locator("[data-testid=no-ubl]")).ToHaveCountAsync(0);
            var ubl = await page.Context.APIRequest.GetAsync($"/api/invoices/{business}/ubl");
            Assert.Equal(200, ubl.Status);
            Assert.Empty(Core.Invoicing.PeppolRules.Check(System.Xml.Linq.XDocument.Parse(await ubl.TextAsync())));
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(A_private_customers_invoice_offers_its_PDF_and_says_why_there_is_no_UBL_a_business_invoice_offers_both));
            throw;
        }
    }
}
