using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Tests.Banking;
using Werkbon.Server.Data;
using Werkbon.Server.Payments;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Browser;

/// <summary>
/// The office imports a CAMT.053 statement on the bank statements page and follows it to the end, confirms the
/// proposal on the reconciliation page, sees the invoice paid on its page, and records and undoes a payment by hand.
/// </summary>
public class PaymentBrowserTests
{
    [Fact]
    public async Task The_office_imports_a_statement_confirms_a_proposal_sees_the_invoice_paid_and_records_and_undoes_a_partial_payment()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite, seedDemo: false);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var company = await app.CreateCompanyAsync("Betaalscherm");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, ct);
            row.Iban = "BE71 0961 2345 6769";
            row.Bic = "GKCCBEBB";
            return await db.SaveChangesAsync(ct);
        });
        var customer = await Invoices.CustomerAsync(company);
        var office = await company.OfficeAsync();
        var issued = new List<(Guid Id, string Number, decimal Total, string Ogm)>();
        foreach (var id in await Invoices.DraftsAsync(company, customer, 3))
        {
            var response = await office.PostAsync($"/api/invoices/{id}/issue", null, ct);
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            issued.Add((id, body.GetProperty("number").GetString()!, body.GetProperty("total").GetDecimal(),
                StructuredCommunication.Parse(body.GetProperty("structuredCommunication").GetString()!).Digits));
        }

        var (exact, proposed, byHand) = (issued[0], issued[1], issued[2]);
        // The first invoice paid with its structured communication; the second by the customer's name and the exact amount, without one.
        var statement = StatementFiles.Camt053(
        [
            new Transfer(exact.Total, Structured: exact.Ogm, Name: "Bakkerij Peeters", Iban: "BE68539007547034"),
            new Transfer(proposed.Total, Free: "factuur betaald", Name: "BAKKERIJ PEETERS BV", Iban: "BE68539007547034"),
        ], version: 8);

        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        try
        {
            await browser.SignInAsync(company.Office.Email!, WerkbonApp.Password, "/bank-statements");
            await Assertions.Expect(page.Locator("a.mud-nav-link[href='/bank-statements']")).ToContainTextAsync("Bankuittreksels");
            await Assertions.Expect(page.Locator("[data-testid=no-imports]")).ToBeVisibleAsync();

            // A damaged file: a readable message, nothing stored.
            await BrowserSession.ChooseFilesAsync(page.Locator("input[type=file]").Last, new FilePayload { Name = "kapot.xml", MimeType = "application/xml", Buffer = StatementFiles.Bytes(statement[..900]) });
            await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("data-stage", nameof(ImportStage.Refused));
            await Assertions.Expect(page.Locator("[data-testid=import-error]")).ToContainTextAsync("Het bestand is beschadigd");
            Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.BankStatementImports.CountAsync(ct)));

            await BrowserSession.ChooseFilesAsync(page.Locator("input[type=file]").Last, new FilePayload { Name = "dag1.xml", MimeType = "application/xml", Buffer = StatementFiles.Bytes(statement) });
            var progress = page.Locator("[data-testid=import-progress]");
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-stage", nameof(ImportStage.Done));
            await Assertions.Expect(page.Locator("[data-testid=import-stage]")).ToHaveTextAsync("klaar");
            await Assertions.Expect(page.Locator("[data-testid=count-movements]")).ToHaveTextAsync("2");
            await Assertions.Expect(page.Locator("[data-testid=count-matched]")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("[data-testid=count-proposed]")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("[data-testid=import-row]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=import-row]")).ToContainTextAsync("dag1.xml");

            // The same statement again: refused in the user's language, nothing changed.
            await BrowserSession.ChooseFilesAsync(page.Locator("input[type=file]").Last, new FilePayload { Name = "dag1-opnieuw.xml", MimeType = "application/xml", Buffer = StatementFiles.Bytes(statement) });
            await Assertions.Expect(page.Locator("[data-testid=import-error]")).ToContainTextAsync("Dit uittreksel werd al ingelezen");
            await Assertions.Expect(page.Locator("[data-testid=import-row]")).ToHaveCountAsync(1);

            await page.Locator("a.mud-nav-link[href='/reconciliation']").ClickAsync();
            await page.WaitForURLAsync("**/reconciliation");
            var line = page.Locator("[data-testid=bank-line]");
            await Assertions.Expect(line).ToHaveCountAsync(1);
            await Assertions.Expect(line).ToHaveAttributeAsync("data-state", nameof(BankLineState.Proposed));
            await Assertions.Expect(line.Locator("[data-testid=proposal-link]")).ToHaveTextAsync(proposed.Number);
            await line.Locator("[data-testid=confirm]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=no-lines]")).ToBeVisibleAsync();

            // Booked movements keep their history, with who booked them.
            await page.Locator("[data-testid=view-Matched]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=bank-line]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=trail-entry]").Filter(new() { HasText = proposed.Number })).ToContainTextAsync(company.Office.DisplayName);

            await browser.OpenAsync($"/invoices/{proposed.Id}");
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveAttributeAsync("data-state", "Paid");
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveTextAsync("Betaald");
            await browser.OpenAsync($"/invoices/{exact.Id}");
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveAttributeAsync("data-state", "Paid");

            // By hand: 50.00 of the third invoice in cash, then undone.
            await browser.OpenAsync($"/invoices/{byHand.Id}");
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveAttributeAsync("data-state", "Unpaid");
            var amount = page.Locator("[data-testid=payment-amount] input, input[data-testid=payment-amount]").First;
            await amount.FillAsync("50,00");
            await amount.BlurAsync();
            await page.Locator("[data-testid=payment-note] input, input[data-testid=payment-note]").First.FillAsync("Contant op de werf");
            await page.Locator("[data-testid=record-payment]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveAttributeAsync("data-state", "PartlyPaid");
            await Assertions.Expect(page.Locator("[data-testid=payment-row]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=payment-row]")).ToContainTextAsync("Contant op de werf");
            var owed = byHand.Total - 50m;
            await Assertions.Expect(page.Locator("[data-testid=payment-outstanding]")).ToContainTextAsync(owed.ToString("0.00", new System.Globalization.CultureInfo("nl-BE")));

            await page.Locator("[data-testid=undo-payment]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=payment-state]")).ToHaveAttributeAsync("data-state", "Unpaid");
            await Assertions.Expect(page.Locator("[data-testid=payment-row]")).ToHaveAttributeAsync("data-undone", "true");
            await Assertions.Expect(page.Locator("[data-testid=undo-payment]")).ToHaveCountAsync(0);

            // The invoice list shows each invoice's payment state.
            await browser.OpenAsync("/invoices");
            await Assertions.Expect(page.Locator($"[data-testid=invoice-row][data-id='{proposed.Id}'] [data-testid=invoice-payment]")).ToHaveAttributeAsync("data-state", "Paid");
            await Assertions.Expect(page.Locator($"[data-testid=invoice-row][data-id='{byHand.Id}'] [data-testid=invoice-payment]")).ToHaveAttributeAsync("data-state", "Unpaid");

            var payments = await app.InCompany(company.Id, (db, _) => db.Payments.AsNoTracking().Where(p => p.InvoiceId == byHand.Id).ToListAsync(ct));
            var payment = Assert.Single(payments);
            Assert.Equal(50m, payment.Amount);
            Assert.Equal(PaymentSource.Manual, payment.Source);
            Assert.NotNull(payment.UndoneAt);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_imports_a_statement_confirms_a_proposal_sees_the_invoice_paid_and_records_and_undoes_a_partial_payment));
            throw;
        }
    }
}
