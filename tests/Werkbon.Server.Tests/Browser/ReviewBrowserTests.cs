using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The office reviews a signed report from the inbox and corrects it with a reason, beside the signed original.</summary>
public class ReviewBrowserTests
{
    [Fact]
    public async Task The_office_opens_a_report_sees_it_verified_and_signed_and_corrects_a_line_only_with_a_reason()
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
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/inbox");
            var row = page.Locator("[data-testid=report-row]", new() { Has = page.Locator("[data-reason=FreeTextItem]") }).First;
            var reportId = Guid.Parse((await row.GetAttributeAsync("data-id"))!);
            await Assertions.Expect(row.Locator("[data-testid=open-report]")).ToHaveAttributeAsync("href", $"/reports/{reportId}");
            await row.Locator("[data-testid=open-report]").ClickAsync();
            await page.WaitForURLAsync($"**/reports/{reportId}");

            await Assertions.Expect(page.Locator("[data-testid=hash-status]")).ToHaveAttributeAsync("data-verified", "true");
            await Assertions.Expect(page.Locator("[data-testid=hash-status]")).ToContainTextAsync("Geverifieerd");
            var signature = page.Locator("[data-testid=signature-image]");
            await Assertions.Expect(signature).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=signature-image]'); return i && i.complete && i.naturalWidth > 0; }");
            await Assertions.Expect(page.Locator("[data-testid=free-text]")).ToBeVisibleAsync();

            var freeText = page.Locator("[data-testid=priced-line]", new() { HasText = "Thermostaatkop Honeywell" });
            await freeText.Locator("[data-testid=correct-line]").ClickAsync();
            await page.Locator("[data-testid=correction-article] input, input[data-testid=correction-article]").First.FillAsync("VAL-TK");
            await page.Locator("[data-testid=save-correction]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=correction-errors]")).ToContainTextAsync("Geef een reden voor de correctie.");
            Assert.Equal(0, await app.InCompany(companyId, (db, _) => db.ReportRevisions.CountAsync(r => r.ReportId == reportId, ct)));
            await Assertions.Expect(page.Locator("[data-testid=side-by-side]")).ToHaveCountAsync(0);

            await page.Locator("[data-testid=correction-reason] textarea, textarea[data-testid=correction-reason]").First.FillAsync("Thermostatische kop uit onze catalogus, prijs volgens contract");
            await page.Locator("[data-testid=save-correction]").ClickAsync();

            var changed = page.Locator("[data-testid=revised-line][data-changed=true]");
            await Assertions.Expect(changed).ToHaveCountAsync(1);
            await Assertions.Expect(changed).ToContainTextAsync("Thermostaatkop Honeywell (niet in catalogus)");
            await Assertions.Expect(changed).ToContainTextAsync("Thermostatische kop");
            await Assertions.Expect(changed.Locator("[data-testid=line-reason]")).ToHaveTextAsync("Thermostatische kop uit onze catalogus, prijs volgens contract");
            var entry = page.Locator("[data-testid=audit-entry][data-action='report.corrected']");
            await Assertions.Expect(entry).ToContainTextAsync("Sofie Janssens");
            await Assertions.Expect(entry).ToContainTextAsync("Thermostatische kop uit onze catalogus");

            var (revisions, intact) = await app.InCompany(companyId, async (db, _) => (
                await db.ReportRevisions.CountAsync(r => r.ReportId == reportId, ct),
                (await db.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId, ct)).IsIntact()));
            Assert.Equal(1, revisions);
            Assert.True(intact);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_opens_a_report_sees_it_verified_and_signed_and_corrects_a_line_only_with_a_reason));
            throw;
        }
    }
}
