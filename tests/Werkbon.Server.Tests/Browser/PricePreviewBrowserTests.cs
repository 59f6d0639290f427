using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Core.Pricing;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.Browser;

/// <summary>Scenario V6 of pricing.md on the office's price preview screen, from a work order, through a Gold contract.</summary>
public class PricePreviewBrowserTests
{
    [Fact]
    public async Task The_office_prices_a_work_order_under_the_gold_contract_and_sees_each_line_explained()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var orderId = await app.InCompany(companyId, async (db, _) =>
        {
            var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            var customer = new Customer { Kind = CustomerKind.Business, Name = "Goud Klant BV", EnterpriseNumber = "0403170701", BillingAddress = new Address("Meir 1", "2000", "Antwerpen") };
            db.Customers.Add(customer);
            var site = new Site { CustomerId = customer.Id, Name = "Kantoor", Address = new Address("Meir 1", "2000", "Antwerpen"), DistanceKm = 9m };
            db.Sites.Add(site);
            db.Contracts.Add(new ServiceContract
            {
                CustomerId = customer.Id,
                Name = "Gold",
                Kind = ContractKind.MaintenanceSubscription,
                StartsOn = new DateOnly(2026, 1, 1),
                Terms = new ContractTerms("Gold")
                {
                    HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
                    MinimumMinutes = 0,
                    RoundingMinutes = 15,
                    Travel = TravelPolicy.Flat(25.00m),
                    PartsDiscountPercent = 10m,
                },
            });
            var brussels = TimeSpan.FromHours(1);
            var order = new WorkOrder
            {
                Number = "WO-TEST-V6",
                CustomerId = customer.Id,
                SiteId = site.Id,
                Description = "V6",
                ScheduledStart = new DateTimeOffset(2026, 3, 13, 14, 5, 0, brussels).UtcDateTime,
                ScheduledEnd = new DateTimeOffset(2026, 3, 13, 14, 50, 0, brussels).UtcDateTime,
                Technicians = [new WorkOrderTechnician { UserId = technician }],
            };
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync(ct);
            return order.Id;
        });
        var ptfe = await app.InCompany(companyId, (db, _) => db.Articles.Where(a => a.ListPrice == 2.10m && a.Code.Contains("PTFE")).Select(a => a.Code).FirstAsync(ct));
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        ILocator Field(string id) => page.Locator($"input[data-testid='{id}'], [data-testid='{id}'] input").First;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, $"/price-preview?workOrderId={orderId}");
            await Assertions.Expect(page.Locator("[data-testid='time-entry']")).ToHaveCountAsync(1);
            await Field("distanceKm").FillAsync("9");
            await page.Locator("[data-testid=add-material]").ClickAsync();
            await Field("materials[0].articleCode").FillAsync(ptfe);
            await page.Locator("[data-testid=article-option]").First.ClickAsync();
            await Field("materials[0].quantity").FillAsync("3");
            await page.Locator("[data-testid=price-button]").ClickAsync();

            await Assertions.Expect(page.Locator("[data-testid=total]")).ToContainTextAsync("87,02");
            await Assertions.Expect(page.Locator("[data-testid=net]")).ToContainTextAsync("71,92");
            await Assertions.Expect(page.Locator("[data-testid=pricing-source]")).ToContainTextAsync("Gold");
            await Assertions.Expect(page.Locator("[data-testid=priced-line]")).ToHaveCountAsync(3);
            var explanations = await page.Locator("[data-testid=line-explanation]").AllInnerTextsAsync();
            Assert.Contains(explanations, e => e.Contains("Gold", StringComparison.Ordinal));
            Assert.All(explanations, e => Assert.False(string.IsNullOrWhiteSpace(e)));
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_prices_a_work_order_under_the_gold_contract_and_sees_each_line_explained));
            throw;
        }
    }
}
