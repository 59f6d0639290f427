using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The office holds and resumes an issued invoice's reminders on its page, and sees the cash figures and a customer's payment behaviour.</summary>
public class CashBrowserTests
{
    [Fact]
    public async Task The_office_holds_and_resumes_reminders_and_sees_cash_figures_and_payment_behaviour()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var office = await app.ClientForAsync(DemoLogins.Office, DemoLogins.Password);
        (await office.PostAsync("/api/invoices/drafts", null, ct)).EnsureSuccessStatusCode();
        var (invoiceId, customerId) = await app.InCompany(companyId, (db, _) => db.Invoices
            .Where(i => i.Status == InvoiceStatus.Draft && i.Kind == Werkbon.Core.Invoicing.InvoiceKind.Invoice)
            .Select(i => new ValueTuple<Guid, Guid>(i.Id, i.CustomerId)).FirstAsync(ct));
        var issued = await office.PostAsync($"/api/invoices/{invoiceId}/issue", null, ct);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);

        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, $"/invoices/{invoiceId}");
        var reminders = page.Locator("[data-testid=reminders]");
        await Assertions.Expect(reminders).ToContainTextAsync("Nog geen herinnering verstuurd.");
        await page.Locator("[data-testid=reminders-hold]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=reminders-held]")).ToHaveTextAsync("Herinneringen gepauzeerd");
        Assert.True(await app.InCompany(companyId, (db, _) => db.Set<Werkbon.Server.Payments.ReminderHold>().AnyAsync(h => h.InvoiceId == invoiceId && h.Held, ct)));

        await page.ReloadAsync();
        await browser.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=reminders-held]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=reminders-resume]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=reminders-hold]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=reminders-held]")).ToHaveCountAsync(0);

        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("[data-testid=dso]")).ToContainTextAsync("DSO");
        await Assertions.Expect(page.Locator("[data-testid=overdue-bucket]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=slowest-payers]")).ToBeVisibleAsync();

        await page.GotoAsync($"/customers/{customerId}/overview");
        await Assertions.Expect(page.Locator("[data-testid=payment-behaviour]")).ToContainTextAsync("Betaalgedrag");
        await Assertions.Expect(page.Locator("[data-testid=open-amount]")).Not.ToBeEmptyAsync();
    }
}
