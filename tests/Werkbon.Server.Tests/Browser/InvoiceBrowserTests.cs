using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The office turns the demo's approved reports into drafts, issues one, downloads its files and credits it in full.</summary>
public class InvoiceBrowserTests
{
    [Fact]
    public async Task The_office_makes_drafts_issues_one_downloads_its_pdf_and_credits_it_and_a_bad_line_change_is_refused()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        page.Console += (_, message) => TestContext.Current.TestOutputHelper?.WriteLine($"browser {message.Type}: {message.Text}");

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/invoices");
            await Assertions.Expect(page.Locator("a.mud-nav-link[href='/invoices']")).ToContainTextAsync("Facturen");
            await Assertions.Expect(page.Locator("[data-testid=invoice-row]")).ToHaveCountAsync(0);
            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            var drafts = page.Locator("[data-testid=invoice-row][data-status=Draft]");
            await Assertions.Expect(drafts.First).ToBeVisibleAsync();

            // A business's draft: its issued invoice has a Peppol UBL beside the PDF.
            var businessDrafts = await app.InCompany(companyId, (db, _) => (
                from i in db.Invoices
                join c in db.Customers on i.CustomerId equals c.Id
                where i.Status == InvoiceStatus.Draft && c.Kind == Werkbon.Server.Customers.CustomerKind.Business && c.EnterpriseNumber != ""
                select i.Id).ToListAsync(ct));
            var draftId = (await drafts.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Select(Guid.Parse).First(businessDrafts.Contains);
            await page.Locator($"[data-testid=invoice-row][data-id='{draftId}'] [data-testid=open-invoice]").ClickAsync();
            await page.WaitForURLAsync($"**/invoices/{draftId}");

            // A negative quantity is refused with a message, and the draft stays as it was.
            var before = await app.InCompany(companyId, (db, _) => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draftId, ct));
            await page.Locator("[data-testid=edit-line]").First.ClickAsync();
            var quantity = page.Locator("[data-testid=edit-quantity] input, input[data-testid=edit-quantity]").First;
            await quantity.FillAsync("-3");
            await quantity.BlurAsync();
            await page.Locator("[data-testid=save-line]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("Aantal: Moet tussen 0 en");
            var after = await app.InCompany(companyId, (db, _) => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draftId, ct));
            Assert.Equal(before.Lines, after.Lines);
            Assert.Equal(before.Total, after.Total);
            Assert.Equal(InvoiceStatus.Draft, after.Status);
            await page.Locator("[data-testid=cancel-line]").ClickAsync();

            await page.Locator("[data-testid=issue]").ClickAsync();
            await page.Locator("[data-testid=confirm-yes]").ClickAsync();
            // Issuing renders and stores the PDF and UBL; the first one of a fresh app takes a while on a busy machine.
            await Assertions.Expect(page.Locator("[data-testid=invoice-status]")).ToHaveTextAsync("Uitgereikt", new() { Timeout = 30_000 });
            var number = await app.InCompany(companyId, (db, _) => db.Invoices.Where(i => i.Id == draftId).Select(i => i.Number).SingleAsync(ct));
            Assert.NotNull(number);
            await Assertions.Expect(page.Locator("[data-testid=invoice-number]")).ToContainTextAsync(number);
            var pdfLink = page.Locator("[data-testid=pdf-link]");
            await Assertions.Expect(pdfLink).ToHaveAttributeAsync("href", $"/api/invoices/{draftId}/pdf");
            await Assertions.Expect(page.Locator("[data-testid=ubl-link]")).ToHaveAttributeAsync("href", $"/api/invoices/{draftId}/ubl");
            var pdf = await page.Context.APIRequest.GetAsync((await pdfLink.GetAttributeAsync("href"))!);
            Assert.Equal(200, pdf.Status);
            Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
            var ubl = await page.Context.APIRequest.GetAsync($"/api/invoices/{draftId}/ubl");
            Assert.Contains(number, await ubl.TextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("[data-testid=pdf-sha]")).ToContainTextAsync(pdf.Headers[InvoiceFiles.HashHeader.ToLowerInvariant()]);

            // A full credit note, issued at once; the page moves to it.
            await page.Locator("[data-testid=credit-reason] textarea, textarea[data-testid=credit-reason]").First.FillAsync("Dubbel gefactureerd");
            await page.Locator("[data-testid=create-credit-note]").ClickAsync();
            await page.Locator("[data-testid=confirm-yes]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/invoices/", StringComparison.Ordinal) && !u.EndsWith(draftId.ToString(), StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("[data-testid=invoice-kind]")).ToHaveTextAsync("Creditnota");
            await Assertions.Expect(page.Locator("[data-testid=corrects-link]")).ToHaveTextAsync(number);
            var noteId = Guid.Parse(page.Url.Split('/')[^1]);

            await browser.OpenAsync("/invoices");
            var noteRow = page.Locator($"[data-testid=invoice-row][data-id='{noteId}']");
            await Assertions.Expect(noteRow).ToHaveAttributeAsync("data-kind", "CreditNote");
            await Assertions.Expect(noteRow).ToHaveAttributeAsync("data-status", "Issued");
            await browser.OpenAsync($"/invoices/{draftId}");
            await Assertions.Expect(page.Locator("[data-testid=credit-note-link]")).ToHaveAttributeAsync("href", $"/invoices/{noteId}");
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_makes_drafts_issues_one_downloads_its_pdf_and_credits_it_and_a_bad_line_change_is_refused));
            throw;
        }
    }
}
