using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.WorkOrders;
using static Werkbon.Server.Tests.Field.FieldAppBrowserTests;

namespace Werkbon.Server.Tests.Field;

/// <summary>
/// The technician's phone after the office changed their work: the second sync is a delta, and the phone then lists
/// exactly what the office planned for them — and what they are still working on — also after a restart offline.
/// </summary>
public class DeltaMergeBrowserTests
{
    private const float Boot = 60_000;

    [Fact]
    public async Task After_the_office_edits_removes_adds_and_renames_a_delta_sync_shows_exactly_the_new_list_and_catalog_and_keeps_the_job_being_reported()
    {
        // The server's clock stands still: both syncs fall on the same company day, so the second may be a delta.
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite, seedDemo: false, realClock: false);
        using var _ = app;
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha"); // its work order stays untouched
        var bert = await PlanningTests.AddTechnicianAsync(app, company, "bert@alpha.test");
        var office = await company.OfficeAsync();
        var me = company.Technician.Id;

        var address = new { street = "Kerkstraat 5", postalCode = "2800", city = "Mechelen", country = "BE" };
        var (_, bakery) = await Created(office.PostJsonAsync("/api/customers", new { kind = "Private", name = "Bakkerij Peeters", language = "nl", billingAddress = address, paymentTermDays = 14 }));
        var (_, shop) = await Created(office.PostJsonAsync("/api/sites", new { customerId = Id(bakery), name = "Winkel", address, distanceKm = 8.5m, isPrivateHome = false }));
        var edited = await OrderAsync(office, Id(bakery), Id(shop), "Oven nakijken", "2026-03-10T10:30:00+01:00", me);
        var reassigned = await OrderAsync(office, data.CustomerId, data.SiteId, "Radiator ontluchten", "2026-03-10T13:00:00+01:00", me);
        var cancelled = await OrderAsync(office, data.CustomerId, data.SiteId, "Thermostaat vervangen", "2026-03-10T15:00:00+01:00", me);
        var kept = await OrderAsync(office, data.CustomerId, data.SiteId, "Lekkende kraan", "2026-03-11T09:00:00+01:00", me);
        var (_, valve) = await Created(office.PostJsonAsync("/api/articles", Article("ALPHA-VALVE", "Kogelkraan", 12.50m)));
        await Created(office.PostJsonAsync("/api/articles", Article("ALPHA-TAPE", "Teflontape", 1.20m)));

        await using var browser = await FieldBrowser.StartAsync(url);
        var page = browser.Page;
        try
        {
            // First sync at sign-in: the full set.
            await page.GotoAsync("/field/");
            await page.Locator("[data-testid=email]").WaitForAsync(new() { Timeout = Boot });
            await page.Locator("[data-testid=email]").FillAsync(company.Technician.Email!);
            await page.Locator("[data-testid=password]").FillAsync(WerkbonApp.Password);
            var pulls = await RecordPullsAsync(page);
            await page.Locator("[data-testid=sign-in]").ClickAsync();
            var cards = page.Locator("[data-testid=work-order]");
            await Assertions.Expect(cards).ToHaveCountAsync(5, new() { Timeout = Boot });
            var (_, full) = Assert.Single(pulls);
            Assert.False(full.GetProperty("isDelta").GetBoolean());
            await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
            var before = await CardsAsync(page);
            Assert.Equal(
                [
                    Card(data.WorkOrderNumber, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Alpha onderhoud ketel"),
                    Card(edited.Number, "Bakkerij Peeters", "Kerkstraat 5, 2800 Mechelen", "Oven nakijken"),
                    Card(reassigned.Number, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Radiator ontluchten"),
                    Card(cancelled.Number, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Thermostaat vervangen"),
                    Card(kept.Number, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Lekkende kraan"),
                ],
                before);

            // The technician starts the report of tomorrow's job: the catalog as it was pulled.
            await OpenReportAsync(page, kept.Number);
            Assert.Equal(Sorted(data.ArticleCode, "ALPHA-TAPE", "ALPHA-VALVE"), await CatalogAsync(page));
            await page.Locator("a.brand").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=work-order][data-number='{kept.Number}'] [data-testid=job-state]")).ToHaveAttributeAsync("data-state", "progress");

            // Meanwhile the office changes the technician's work.
            await Ok(office.PutJsonAsync($"/api/customers/{Id(bakery)}", new
            {
                kind = "Private", name = "Bakkerij Peeters & Zonen", language = "nl", billingAddress = address, paymentTermDays = 14,
                filesPeriodicVatReturns = false, version = Version(bakery),
            }));
            await Ok(office.PutJsonAsync($"/api/sites/{Id(shop)}", new
            {
                customerId = Id(bakery), name = "Winkel", address = address with { street = "Kerkstraat 7" }, distanceKm = 8.5m, isPrivateHome = false, version = Version(shop),
            }));
            await Ok(office.PutJsonAsync($"/api/work-orders/{edited.Id}", new
            {
                customerId = Id(bakery), siteId = Id(shop), description = "Oven en dampkap nakijken",
                scheduledStart = "2026-03-10T10:30:00+01:00", scheduledEnd = "2026-03-10T11:30:00+01:00", technicianIds = new[] { me }, version = edited.Version,
            }));
            await Ok(office.PutJsonAsync($"/api/work-orders/{reassigned.Id}/plan", new { technicianId = bert.Id, plannedStart = "2026-03-10T13:00:00+01:00", version = reassigned.Version }));
            await Ok(office.PostJsonAsync($"/api/work-orders/{cancelled.Id}/cancel", new { }));
            await Ok(office.PutJsonAsync($"/api/work-orders/{kept.Id}/plan", new { technicianId = bert.Id, plannedStart = "2026-03-11T09:00:00+01:00", version = kept.Version }));
            var added = await OrderAsync(office, data.CustomerId, data.SiteId, "Boiler ontkalken", "2026-03-11T13:00:00+01:00", me);
            await Ok(office.PutJsonAsync($"/api/articles/{data.ArticleId}", Article("ALPHA-HOSE-2", "Flexibele inox slang", 9.10m) with { Version = 0 }));
            await Ok(office.PostJsonAsync($"/api/articles/{Id(valve)}/archive", new { }));

            // The second sync, from the token the phone keeps: a delta, and the token moves on.
            var held = await DeviceTokenAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=refresh]")).ToBeEnabledAsync();
            await page.Locator("[data-testid=refresh]").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=work-order][data-number='{added.Number}']")).ToBeVisibleAsync(new() { Timeout = Boot });
            Assert.Equal(2, pulls.Count);
            var (asked, delta) = pulls[1];
            Assert.Equal(full.GetProperty("changeToken").GetString(), held);
            Assert.Contains("since=" + Uri.EscapeDataString(held!), asked, StringComparison.Ordinal);
            Assert.True(delta.GetProperty("isDelta").GetBoolean());
            Assert.NotEqual(held, delta.GetProperty("changeToken").GetString());
            Assert.Equal(new[] { edited.Id, added.Id }.Order(), delta.GetProperty("workOrders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
            Assert.Equal(new[] { reassigned.Id, cancelled.Id, kept.Id }.Order(), delta.GetProperty("removedWorkOrderIds").EnumerateArray().Select(e => e.GetGuid()).Order());
            Assert.Equal(["ALPHA-HOSE-2"], delta.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
            Assert.Equal(Sorted(data.ArticleCode, "ALPHA-VALVE"), Sorted([.. delta.GetProperty("removedArticleCodes").EnumerateArray().Select(c => c.GetString()!)]));

            // The phone: the edited job as the office left it, the removed ones gone, the new one there, the untouched one
            // as it was, and the job with a report in progress still there as the technician last saw it.
            string[] expected =
            [
                Card(data.WorkOrderNumber, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Alpha onderhoud ketel"),
                Card(edited.Number, "Bakkerij Peeters & Zonen", "Kerkstraat 7, 2800 Mechelen", "Oven en dampkap nakijken"),
                Card(kept.Number, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Lekkende kraan"),
                Card(added.Number, "Alpha Vastgoed", "Meir 1, 2000 Antwerpen", "Boiler ontkalken"),
            ];
            await Assertions.Expect(cards).ToHaveCountAsync(expected.Length);
            Assert.Equal(expected, await CardsAsync(page));
            Assert.Equal(delta.GetProperty("changeToken").GetString(), await DeviceTokenAsync(page));
            await OpenReportAsync(page, kept.Number);
            Assert.Equal(Sorted("ALPHA-HOSE-2", "ALPHA-TAPE"), await CatalogAsync(page));
            await Assertions.Expect(page.Locator("[data-testid=materials] [data-testid=add-article][data-code=ALPHA-HOSE-2]")).ToContainTextAsync("Flexibele inox slang");

            // Closed and opened again without a network: the same list and catalog, from the phone's own store.
            await page.UnrouteAllAsync();
            await GoOfflineAsync(browser.Context);
            await page.GotoAsync("/field/");
            await Assertions.Expect(cards).ToHaveCountAsync(expected.Length, new() { Timeout = Boot });
            await Assertions.Expect(page.Locator("[data-testid=shell]")).ToHaveCountAsync(0, new() { Timeout = Boot });
            Assert.Equal(expected, await CardsAsync(page));
            await OpenReportAsync(page, kept.Number);
            Assert.Equal(Sorted("ALPHA-HOSE-2", "ALPHA-TAPE"), await CatalogAsync(page));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-delta-merge.png"), FullPage = true });
            throw;
        }
    }

    private static string Card(string number, string customer, string address, string description) =>
        $"{number} | {customer} | {address} | {number} · {description}";

    /// <summary>The work-order list as the technician reads it, top to bottom: number, customer, address, description.</summary>
    private static async Task<string[]> CardsAsync(IPage page) =>
        await page.Locator("[data-testid=work-order]").EvaluateAllAsync<string[]>(
            "cards => cards.map(c => [c.dataset.number, ...[...c.querySelectorAll('.order-main > *')].map(e => e.textContent.trim())].join(' | '))");

    private static async Task OpenReportAsync(IPage page, string number)
    {
        await page.Locator("a.brand").ClickAsync();
        await page.Locator($"[data-testid=work-order][data-number='{number}']").ClickAsync(new() { Timeout = Boot });
        await Assertions.Expect(page.Locator("[data-testid=order-title]")).ToContainTextAsync(number, new() { Timeout = Boot });
        await page.Locator("[data-testid=open-report]").ClickAsync(new() { Timeout = Boot });
    }

    private static string[] Sorted(params string[] codes) => [.. codes.Order(StringComparer.Ordinal)];

    /// <summary>The articles the material search finds for the company's prefix, as the technician sees them.</summary>
    private static async Task<string[]> CatalogAsync(IPage page)
    {
        var materials = page.Locator("[data-testid=materials]");
        await materials.Locator("[data-testid=material-search]").FillAsync("ALPHA");
        await Assertions.Expect(materials.Locator("[data-testid=add-article]").First).ToBeVisibleAsync();
        return Sorted(await materials.Locator("[data-testid=add-article]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.code)"));
    }

    /// <summary>The change token the phone keeps in IndexedDB with its data.</summary>
    private static async Task<string?> DeviceTokenAsync(IPage page)
    {
        var meta = await page.EvaluateAsync<string?>("() => werkbon.db.get('meta', 'sync')");
        return meta is null ? null : JsonDocument.Parse(meta).RootElement.GetProperty("changeToken").GetString();
    }

    /// <summary>Every pull the phone makes from now on, as it asked and as the server answered, passed on unchanged.</summary>
    private static async Task<List<(string Url, JsonElement Body)>> RecordPullsAsync(IPage page)
    {
        var pulls = new List<(string Url, JsonElement Body)>();
        await page.RouteAsync("**/api/sync/changes**", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
            lock (pulls)
            {
                pulls.Add((route.Request.Url, body));
            }

            await route.FulfillAsync(new() { Response = response });
        });
        return pulls;
    }

    private sealed record ArticleBody(string Code, string NameNl, string NameFr, string NameEn, string Unit, decimal ListPrice, decimal VatRate, string Category, string Kind, int? Version = null);

    private static ArticleBody Article(string code, string name, decimal price) => new(code, name, name, name, "C62", price, 21m, "fittings", "Part");

    private static Guid Id(JsonElement body) => body.GetProperty("id").GetGuid();

    private static int Version(JsonElement body) => body.GetProperty("version").GetInt32();

    private sealed record Order(Guid Id, string Number, int Version);

    private static async Task<Order> OrderAsync(HttpClient office, Guid customerId, Guid siteId, string description, string start, Guid technicianId)
    {
        var begins = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var (_, body) = await Created(office.PostJsonAsync("/api/work-orders", new
        {
            customerId, siteId, description, scheduledStart = begins, scheduledEnd = begins.AddHours(1), technicianIds = new[] { technicianId },
        }));
        return new(Id(body), body.GetProperty("number").GetString()!, Version(body));
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return (response, body);
    }

    private static async Task Ok(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    }
}
