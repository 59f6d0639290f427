using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Field;

/// <summary>
/// The total a customer signs on the phone is the total the office receives and invoices: for a private
/// customer without a contract, in a company where other customers have contracts for every site, and
/// for a customer with one. The field app on a phone (390×844), the office at 1366×768.
/// </summary>
public class ContractPriceBrowserTests
{
    private const float Boot = 60_000;

    [Fact]
    public async Task The_total_signed_on_the_phone_is_the_inbox_total_and_the_issued_invoice_total_with_and_without_a_contract()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var technicianId = await app.InCompany(companyId, (db, _) => db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct));
        var office = await app.ClientForAsync(DemoLogins.Office, DemoLogins.Password);
        var admin = await app.ClientForAsync(DemoLogins.Admin, DemoLogins.Password);

        // Every report waits for the office, so the inbox shows both.
        var rules = await admin.GetJsonAsync("/api/straight-through-rules");
        var (ruled, _) = await admin.PutJsonAsync("/api/straight-through-rules", new
        {
            rules = new { enabled = false, requireContract = true, extrasThreshold = 0m, maxTotal = 1000m, maxSurchargedMinutes = 0 },
            version = rules.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, ruled.StatusCode);

        var address = new { street = "Kerkstraat 5", postalCode = "2800", city = "Mechelen", country = "BE" };
        var goossens = await Created(office.PostJsonAsync("/api/customers", new { kind = "Private", name = "Luc Goossens", language = "nl", billingAddress = address, paymentTermDays = 14 }));
        var goossensHome = await Created(office.PostJsonAsync("/api/sites", new { customerId = goossens, name = "Woning", address, distanceKm = 8.5m, isPrivateHome = true, firstOccupiedYear = 2021 }));
        var dentist = await Created(office.PostJsonAsync("/api/customers", new { kind = "Private", name = "Tandarts Claes", language = "nl", billingAddress = address, paymentTermDays = 14 }));
        var practice = await Created(office.PostJsonAsync("/api/sites", new { customerId = dentist, name = "Praktijk", address, distanceKm = 8.5m, isPrivateHome = false }));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).DateTime);
        var contract = await Created(office.PostJsonAsync("/api/contracts", new
        {
            customerId = dentist,
            name = "Praktijk Zorgeloos",
            kind = "TimeAndMaterial",
            startsOn = today.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            coveredSiteIds = Array.Empty<Guid>(),
            terms = new { name = "", hourlyRates = new Dictionary<string, decimal> { ["technician"] = 52m }, partsDiscountPercent = 10m, travel = new { kind = "Flat", flatFee = 12.00m, zones = Array.Empty<object>(), beyondPerKm = 0m, billTravelTime = false } },
        }));
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var visits = new List<(string Number, Guid? Contract)>();
        foreach (var (customer, site, expected) in new[] { (goossens, goossensHome, (Guid?)null), (dentist, practice, (Guid?)contract) })
        {
            var (response, body) = await office.PostJsonAsync("/api/work-orders", new
            {
                customerId = customer, siteId = site, description = "Thermostaatkop vervangen",
                scheduledStart = start, scheduledEnd = start.AddHours(1), technicianIds = new[] { technicianId },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            visits.Add((body.GetProperty("number").GetString()!, expected));
        }

        await using var phone = await PhoneAsync(url);
        await using var desk = await BrowserSession.StartAsync(url);
        var page = phone.Page;
        try
        {
            await page.GotoAsync("/field/");
            await page.Locator("[data-testid=email]").FillAsync(DemoLogins.Technician);
            await page.Locator("[data-testid=password]").FillAsync(DemoLogins.Password);
            await page.Locator("[data-testid=sign-in]").ClickAsync();
            await page.Locator($"[data-testid=work-order][data-number='{visits[^1].Number}']").WaitForAsync(new() { Timeout = Boot });

            // On the phone: a little work, a thermostatic head, the summary the customer signs.
            var onPhone = new Dictionary<string, long>();
            foreach (var (number, _) in visits)
            {
                await page.GotoAsync("/field/");
                var card = page.Locator($"[data-testid=work-order][data-number='{number}']");
                await card.WaitForAsync(new() { Timeout = Boot });

                // Both visits start at the same minute: the list, read back from the device after a reload, keeps
                // them in number order, as the pull gave them.
                var listed = await page.Locator("[data-testid=work-order]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.number)");
                Assert.Equal(visits.Select(v => v.Number), listed.Where(n => visits.Any(v => v.Number == n)));
                await card.ClickAsync(new() { Timeout = Boot });

                // The card tapped is the order opened, even when the list re-renders after a sync.
                await Assertions.Expect(page.Locator("[data-testid=order-title]")).ToContainTextAsync(number, new() { Timeout = Boot });
                await page.Locator("[data-testid=open-report]").ClickAsync(new() { Timeout = Boot }); // after a reload the app may still be starting
                await page.Locator("[data-testid=start-work]").ClickAsync();
                await page.WaitForTimeoutAsync(1100);
                await page.Locator("[data-testid=finish]").ClickAsync();
                var materials = page.Locator("[data-testid=materials]");
                await materials.Locator("[data-testid=material-search]").FillAsync("VAL-TK");
                await materials.Locator("[data-testid=add-article][data-code=VAL-TK]").ClickAsync();
                await page.Locator("[data-testid=work-done]").FillAsync("Thermostaatkop vervangen");
                await page.Locator("[data-testid=to-summary]").ClickAsync();
                var total = page.Locator("[data-testid=total]");
                await total.ScrollIntoViewIfNeededAsync();
                onPhone[number] = Cents(await total.InnerTextAsync());
                await DrawSignatureAsync(page);
                await page.Locator("[data-testid=signer-name]").FillAsync("Klant " + number);
                await page.Locator("[data-testid=sign]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Sent", new() { Timeout = Boot });
            }

            var numbers = visits.Select(v => v.Number).ToList();
            var reports = await app.InCompany(companyId, (db, _) => db.Reports.AsNoTracking()
                .Join(db.WorkOrders, r => r.WorkOrderId, w => w.Id, (r, w) => new { w.Number, r.Id, r.ContractId, r.PricedTotal })
                .Where(r => numbers.Contains(r.Number))
                .ToDictionaryAsync(r => r.Number, ct));

            // In the office: the inbox shows the total signed; approving drafts the invoice, issuing keeps it.
            await desk.Page.SetViewportSizeAsync(1366, 768);
            await desk.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/inbox");
            foreach (var (number, expectedContract) in visits)
            {
                var report = reports[number];
                Assert.Equal(expectedContract, report.ContractId);
                Assert.Equal(onPhone[number], Cents(report.PricedTotal));

                var row = desk.Page.Locator($"[data-testid=report-row][data-id='{report.Id}']");
                await row.WaitForAsync(new() { Timeout = Boot });
                Assert.Equal(onPhone[number], Cents(await row.Locator("[data-testid=report-total]").InnerTextAsync()));
                await row.Locator("[data-testid=approve]").ClickAsync();
                await Assertions.Expect(row.Locator("[data-testid=approve]")).ToHaveCountAsync(0);

                Guid? invoiceId = null;
                for (var attempt = 0; attempt < 50 && invoiceId is null; attempt++)
                {
                    invoiceId = await app.InCompany(companyId, (db, _) => db.InvoiceSources.Where(s => s.ReportId == report.Id).Select(s => (Guid?)s.InvoiceId).SingleOrDefaultAsync(ct));
                    if (invoiceId is null)
                    {
                        await Task.Delay(200, ct);
                    }
                }

                Assert.NotNull(invoiceId);
                var issued = await office.PostAsync($"/api/invoices/{invoiceId}/issue", null, ct);
                Assert.True(issued.IsSuccessStatusCode, $"issue answered {(int)issued.StatusCode}");
                await desk.OpenAsync($"/invoices/{invoiceId}");
                await Assertions.Expect(desk.Page.Locator("[data-testid=invoice-status]")).ToHaveTextAsync("Uitgereikt");
                Assert.Equal(onPhone[number], Cents(await desk.Page.Locator("[data-testid=invoice-total]").InnerTextAsync()));
                await desk.OpenAsync("/inbox");
            }

            Assert.NotEqual(onPhone[visits[0].Number], onPhone[visits[1].Number]);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "contract-price-phone.png"), FullPage = true });
            await desk.ScreenshotAsync("contract-price-office");
            throw;
        }
    }

    /// <summary>An amount as printed (€ 41,96 / 41,96 € / €41.96) in cents.</summary>
    private static long Cents(string text) => long.Parse(new string([.. text.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);

    private static long Cents(decimal amount) => (long)(amount * 100m);

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {body}");
        return body.GetProperty("id").GetGuid();
    }

    private static async Task DrawSignatureAsync(IPage page)
    {
        var pad = page.Locator("[data-testid=signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync() ?? throw new InvalidOperationException("no signature pad");
        await page.Mouse.MoveAsync(box.X + 20, box.Y + (box.Height * 0.7f));
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 20; i++)
        {
            await page.Mouse.MoveAsync(box.X + 20 + (i * (box.Width - 40) / 20), box.Y + (box.Height * 0.5f) + (float)(Math.Sin(i / 2.0) * box.Height * 0.25), new() { Steps = 2 });
        }

        await page.Mouse.UpAsync();
    }

    /// <summary>Chromium as a technician's phone: 390×844, touch, Brussels time, Dutch, the service worker allowed.</summary>
    private static async Task<Phone> PhoneAsync(string baseAddress)
    {
        if (!File.Exists(BrowserSession.ChromiumPath))
        {
            Prerequisite.Missing($"Chromium is not installed at {BrowserSession.ChromiumPath}: apt-get install chromium");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress,
            Locale = "nl-BE",
            TimezoneId = "Europe/Brussels",
            ViewportSize = new() { Width = 390, Height = 844 },
            HasTouch = true,
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(30_000);
        return new Phone(playwright, browser, await context.NewPageAsync());
    }

    private sealed record Phone(IPlaywright Playwright, IBrowser Browser, IPage Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Page.Context.DisposeAsync();
            await Browser.DisposeAsync();
            Playwright.Dispose();
        }
    }
}
