using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>A report pushed through the sync API appears live in the office's open inbox, and only in its company's.</summary>
public class InboxBrowserTests
{
    [Fact]
    public async Task A_pushed_report_appears_in_the_open_inbox_without_a_reload_and_not_in_another_companys()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (technicianId, orderId, orderNumber) = await app.InCompany(companyId, async (db, _) =>
        {
            var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            var order = await db.WorkOrders.Where(w => w.Technicians.Any(t => t.UserId == technician) && w.Status == Werkbon.Server.WorkOrders.WorkOrderStatus.Planned)
                .OrderBy(w => w.ScheduledStart).Select(w => new { w.Id, w.Number }).FirstAsync(ct);
            return (technician, order.Id, order.Number);
        });
        var bravo = await app.CreateCompanyAsync("Bravo");
        await using var browser = await BrowserSession.StartAsync(url);
        var other = await browser.NewPersonAsync(url);

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/inbox");
            await BrowserSession.SignInAsync(other, bravo.Office.Email!, WerkbonApp.Password, "/inbox");
            await Assertions.Expect(browser.Page.Locator("[data-testid=report-row]", new() { HasText = orderNumber })).ToHaveCountAsync(0);

            using var technician = new HttpClient { BaseAddress = new Uri(url) };
            var login = await technician.PostAsJsonAsync("/login", new { email = DemoLogins.Technician, password = DemoLogins.Password }, ct);
            var token = await login.Content.ReadFromJsonAsync<TokenResponse>(ct);
            technician.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
            var signed = SignedReports.Create(orderId, technicianId, new Random(21));
            var clock = Stopwatch.StartNew();
            var push = await technician.PushAsync(signed.Document, signed.Hash);
            push.EnsureSuccessStatusCode();
            var row = browser.Page.Locator("[data-testid=report-row]", new() { HasText = orderNumber });
            await row.WaitForAsync(new() { Timeout = 10_000 });
            var elapsed = clock.Elapsed;
            TestContext.Current.TestOutputHelper?.WriteLine($"The pushed report appeared in the open inbox {elapsed.TotalMilliseconds:0} ms after the push started.");

            await Assertions.Expect(row.Locator("[data-testid=reason]").First).ToBeVisibleAsync();
            var otherInbox = await other.ContentAsync();
            Assert.DoesNotContain(orderNumber, otherInbox);

            await row.Locator("[data-testid=approve]").ClickAsync();
            await Assertions.Expect(browser.Page.Locator("[data-testid=report-row]", new() { HasText = orderNumber })).ToHaveCountAsync(0);
            var status = await app.InCompany(companyId, (db, _) => db.Reports.Where(r => r.Id == signed.Document.ReportId).Select(r => r.Status).SingleAsync(ct));
            Assert.Equal(Werkbon.Server.Reports.ReportStatus.Approved, status);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(A_pushed_report_appears_in_the_open_inbox_without_a_reload_and_not_in_another_companys));
            throw;
        }
    }
}
