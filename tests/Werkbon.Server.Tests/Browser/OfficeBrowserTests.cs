using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The back office tried as a new user would, with the demo company, in a real Chromium at 1366×768.</summary>
public class OfficeBrowserTests
{
    [Fact]
    public async Task The_invoices_page_explains_where_drafts_come_from_and_gathering_says_what_it_did()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (awaiting, approved) = await app.InCompany(companyId, async (db, _) => (
            await db.Reports.CountAsync(r => r.Status == ReportStatus.Signed || r.Status == ReportStatus.InReview, ct),
            await db.Reports.CountAsync(r => r.Status == ReportStatus.Approved && !db.InvoiceSources.Any(s => s.ReportId == r.Id), ct)));
        Assert.True(awaiting > 0 && approved > 0, "the demo has reports waiting and approved reports on no draft");
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/invoices");

            // No invoice yet: the page says where drafts come from, how many reports wait for review (with the way there)
            // and how many approved reports gathering would put on drafts.
            var empty = page.Locator("[data-testid=invoices-empty]");
            await Assertions.Expect(empty).ToContainTextAsync("goedgekeurd");
            await Assertions.Expect(page.Locator("[data-testid=awaiting-approval]")).ToHaveAttributeAsync("data-count", awaiting.ToString(null, null));
            await Assertions.Expect(page.Locator("[data-testid=awaiting-approval]")).ToContainTextAsync(awaiting.ToString(null, null));
            await Assertions.Expect(page.Locator("[data-testid=awaiting-link]")).ToHaveAttributeAsync("href", "/inbox");
            await Assertions.Expect(page.Locator("[data-testid=approved-not-on-draft]")).ToHaveAttributeAsync("data-count", approved.ToString(null, null));

            // The button says what it does.
            await Assertions.Expect(page.Locator("[data-testid=make-drafts]")).ToContainTextAsync("Goedgekeurde rapporten verzamelen", new() { IgnoreCase = true });
            await Assertions.Expect(page.Locator("[data-testid=make-drafts-hint]")).ToContainTextAsync("nog op geen factuur");

            // And then what it did: so many reports onto so many drafts.
            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=invoice-row]").First).ToBeVisibleAsync();
            var drafts = await app.InCompany(companyId, (db, _) => db.InvoiceSources.Select(s => s.InvoiceId).Distinct().CountAsync(ct));
            await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync($"{approved} rapport(en) verzameld in {drafts} ontwerp(en).");
            await Assertions.Expect(page.Locator("[data-testid=invoices-empty]")).ToHaveCountAsync(0);

            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Niets te verzamelen" })).ToBeVisibleAsync();
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_invoices_page_explains_where_drafts_come_from_and_gathering_says_what_it_did));
            throw;
        }
    }

    [Fact]
    public async Task Issuing_and_crediting_ask_first_a_no_takes_no_number_and_hashes_and_vat_codes_wait_in_details()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        Task<int> Numbered() => app.InCompany(companyId, (db, _) => db.Invoices.CountAsync(i => i.Number != null, ct));

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/invoices");
            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            var drafts = page.Locator("[data-testid=invoice-row][data-status=Draft]");
            await Assertions.Expect(drafts.Nth(1)).ToBeVisibleAsync();

            // Issuing several from the list asks first; "cancel" leaves them drafts.
            await drafts.Nth(0).Locator("[data-testid=select-invoice] input, input[data-testid=select-invoice]").First.CheckAsync();
            await drafts.Nth(1).Locator("[data-testid=select-invoice] input, input[data-testid=select-invoice]").First.CheckAsync();
            await page.Locator("[data-testid=issue-selected]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("2 facturen uitreiken?");
            await page.Locator("[data-testid=confirm-no]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            Assert.Equal(0, await Numbered());

            var draftId = Guid.Parse((await drafts.First.GetAttributeAsync("data-id"))!);
            await browser.OpenAsync($"/invoices/{draftId}");

            // A VAT rate reads as a rate; its UNCL5305 code waits in the details.
            var vatRate = page.Locator("[data-testid=vat-breakdown] [data-testid=vat-rate]").First;
            await Assertions.Expect(vatRate).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d+ %|[A-Za-zÀ-ÿ ]{4,} \(0 %\))$"));
            await Assertions.Expect(page.Locator("[data-testid=vat-categories]")).ToBeHiddenAsync();

            await page.Locator("[data-testid=issue]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("volgende wettelijke nummer");
            await page.Locator("[data-testid=confirm-no]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=invoice-status]")).ToHaveTextAsync("Ontwerp");
            Assert.Equal(0, await Numbered());

            await page.Locator("[data-testid=issue]").ClickAsync();
            await page.Locator("[data-testid=confirm-yes]").ClickAsync();
            // Issuing renders and stores the PDF and UBL; the first one of a fresh app takes a while on a busy machine.
            await Assertions.Expect(page.Locator("[data-testid=invoice-status]")).ToHaveTextAsync("Uitgereikt", new() { Timeout = 30_000 });
            Assert.Equal(1, await Numbered());

            // The files are a click away; their hashes and the chain hash sit in the closed details.
            await Assertions.Expect(page.Locator("[data-testid=pdf-link]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=pdf-sha]")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("[data-testid=chain-hash]")).ToBeHiddenAsync();
            await page.Locator("[data-testid=technical-details] summary").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=pdf-sha]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=chain-hash]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=vat-categories]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\b(S|AE|Z|E) \d"));

            // A credit note asks first too; "cancel" makes none.
            await page.Locator("[data-testid=credit-reason] textarea, textarea[data-testid=credit-reason]").First.FillAsync("Dubbel gefactureerd");
            await page.Locator("[data-testid=create-credit-note]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("kan niet ongedaan gemaakt worden");
            await page.Locator("[data-testid=confirm-no]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            Assert.Equal(0, await app.InCompany(companyId, (db, _) => db.Invoices.CountAsync(i => i.CorrectsInvoiceId == draftId, ct)));
            Assert.Equal(1, await Numbered());

            // The review page: whether the signature holds is in view, the hash itself in the details.
            var reportId = await app.InCompany(companyId, (db, _) => db.InvoiceSources.Where(s => s.InvoiceId == draftId).Select(s => s.ReportId).FirstAsync(ct));
            await browser.OpenAsync($"/reports/{reportId}");
            await Assertions.Expect(page.Locator("[data-testid=hash-status]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=hash]")).ToBeHiddenAsync();
            await page.Locator("[data-testid=technical-details] summary").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=hash]")).ToBeVisibleAsync();
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(Issuing_and_crediting_ask_first_a_no_takes_no_number_and_hashes_and_vat_codes_wait_in_details));
            throw;
        }
    }

    [Fact]
    public async Task The_home_page_is_the_offices_to_do_list_and_a_work_order_links_to_its_report_and_invoice()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (technicianId, orderId, awaiting) = await app.InCompany(companyId, async (db, _) =>
        {
            var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            var order = await db.WorkOrders.Where(w => w.Technicians.Any(t => t.UserId == technician) && w.Status == Werkbon.Server.WorkOrders.WorkOrderStatus.Planned)
                .OrderBy(w => w.ScheduledStart).Select(w => w.Id).FirstAsync(ct);
            var waiting = await db.Reports.CountAsync(r => r.Status == ReportStatus.Signed || r.Status == ReportStatus.InReview, ct);
            return (technician, order, waiting);
        });

        // The technician's device pushes a report the server refuses (it was changed after signing).
        using (var device = new HttpClient { BaseAddress = new Uri(url) })
        {
            var login = await device.PostAsJsonAsync("/login", new { email = DemoLogins.Technician, password = DemoLogins.Password }, ct);
            var token = await login.Content.ReadFromJsonAsync<TokenResponse>(ct);
            device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
            var signed = SignedReports.Create(orderId, technicianId, new Random(8));
            var refused = await device.PushAsync(signed.Document with { Remarks = "changed after signing" }, signed.Hash);
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/");
            var review = page.Locator("[data-testid=todo-item][data-kind=ReportsToReview]");
            await Assertions.Expect(review).ToHaveAttributeAsync("data-count", awaiting.ToString(null, null));
            await Assertions.Expect(review.Locator("[data-testid=todo-link]")).ToHaveAttributeAsync("href", "/inbox");
            await Assertions.Expect(review.Locator("[data-testid=todo-why]")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.Locator("[data-testid=todo-item][data-kind=ReportsToGather] [data-testid=todo-link]")).ToHaveAttributeAsync("href", "/invoices");
            var failed = page.Locator($"[data-testid=todo-item][data-kind=FailedSyncs][data-technician='{technicianId}']");
            await Assertions.Expect(failed).ToHaveAttributeAsync("data-count", "1");
            await Assertions.Expect(failed.Locator("[data-testid=todo-why]")).ToContainTextAsync("422");
            await Assertions.Expect(failed.Locator("[data-testid=todo-link]")).ToHaveAttributeAsync("href", $"/work-orders/{orderId}");

            // Gathering from the list: drafts now wait to be issued, and the home page says so, with the filtered list behind the link.
            await page.Locator("[data-testid=todo-item][data-kind=ReportsToGather] [data-testid=todo-link]").ClickAsync();
            await page.WaitForURLAsync("**/invoices");
            await browser.WaitUntilInteractiveAsync();
            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=invoice-row]").First).ToBeVisibleAsync();
            var draftCount = await app.InCompany(companyId, (db, _) => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft, ct));
            await browser.OpenAsync("/");
            var drafts = page.Locator("[data-testid=todo-item][data-kind=DraftsToIssue]");
            await Assertions.Expect(drafts).ToHaveAttributeAsync("data-count", draftCount.ToString(null, null));
            await drafts.Locator("[data-testid=todo-link]").ClickAsync();
            await page.WaitForURLAsync("**/invoices?status=Draft");
            await browser.WaitUntilInteractiveAsync();
            await Assertions.Expect(page.Locator("[data-testid=invoice-row]")).ToHaveCountAsync(Math.Min(draftCount, 25));
            await Assertions.Expect(page.Locator("[data-testid=invoice-row][data-status=Issued]")).ToHaveCountAsync(0);

            // A work order whose report is on a draft links to both.
            var (workOrderId, reportId, invoiceId) = await app.InCompany(companyId, async (db, _) =>
            {
                var source = await db.InvoiceSources.OrderBy(s => s.ReportId).FirstAsync(ct);
                var order = await db.Reports.Where(r => r.Id == source.ReportId).Select(r => r.WorkOrderId).SingleAsync(ct);
                return (order, source.ReportId, source.InvoiceId);
            });
            await browser.OpenAsync($"/work-orders/{workOrderId}");
            await Assertions.Expect(page.Locator($"[data-testid=paperwork] [data-testid=report-link][href='/reports/{reportId}']")).ToBeVisibleAsync();
            var invoiceLink = page.Locator($"[data-testid=paperwork] [data-testid=invoice-link][href='/invoices/{invoiceId}']");
            await Assertions.Expect(invoiceLink).ToBeVisibleAsync();
            await invoiceLink.ClickAsync();
            await page.WaitForURLAsync($"**/invoices/{invoiceId}");
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_home_page_is_the_offices_to_do_list_and_a_work_order_links_to_its_report_and_invoice));
            throw;
        }
    }
}
