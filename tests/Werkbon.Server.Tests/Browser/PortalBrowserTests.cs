using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Portal;

namespace Werkbon.Server.Tests.Browser;

/// <summary>
/// The customer opens their portal link on a phone (390×844): invoice, report, photos and signature; they dispute a line,
/// and the office's inbox, open at the same time on a laptop (1366×768), shows it without a reload.
/// </summary>
public class PortalBrowserTests
{
    [Fact]
    public async Task The_customer_reads_and_disputes_on_a_phone_and_the_office_inbox_shows_the_dispute_live()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite, seedDemo: false);
        using var _ = app;
        var setup = await PortalTests.SetUpAsync(app);
        var link = await PortalTests.LinkAsync(await setup.OfficeAsync(), setup.Mine.Data.CustomerId);
        await using var browser = await BrowserSession.StartAsync(url);
        var phone = await browser.NewPersonAsync(url);
        await phone.SetViewportSizeAsync(390, 844);

        try
        {
            await browser.SignInAsync(setup.Company.Office.Email!, WerkbonApp.Password, "/inbox");
            await Assertions.Expect(browser.Page.Locator("[data-testid=dispute-row]")).ToHaveCountAsync(0);

            // The overview: the customer's invoice and report, in Dutch, nothing wider than the phone.
            await phone.GotoAsync(link);
            await Assertions.Expect(phone.Locator("[data-testid=portal-customer]")).ToContainTextAsync(setup.Mine.Data.CustomerName);
            await Assertions.Expect(phone.Locator("[data-testid=portal-invoice]")).ToHaveCountAsync(1);
            await Assertions.Expect(phone.Locator("[data-testid=portal-report]")).ToHaveCountAsync(1);
            await AssertFitsAsync(phone);

            // The invoice: lines, payment details with the QR code, the documents.
            await phone.Locator("[data-testid=portal-invoice] a").ClickAsync();
            await Assertions.Expect(phone.Locator("[data-testid=portal-invoice-number]")).ToContainTextAsync(setup.Mine.InvoiceNumber);
            Assert.True(await phone.Locator("[data-testid=portal-line]").CountAsync() >= 3);
            await Assertions.Expect(phone.Locator("[data-testid=portal-iban]")).ToHaveTextAsync("BE68 5390 0754 7034");
            await Assertions.Expect(phone.Locator("[data-testid=portal-qr]")).ToBeVisibleAsync();
            Assert.True(await phone.Locator("[data-testid=portal-qr]").EvaluateAsync<int>("img => img.naturalWidth") > 0);
            await Assertions.Expect(phone.Locator("[data-testid=portal-pdf]")).ToBeVisibleAsync();
            await AssertFitsAsync(phone);

            // The report behind it: time, photos and signature, served through the portal.
            await phone.Locator("[data-testid=portal-report-link]").First.ClickAsync();
            await Assertions.Expect(phone.Locator("[data-testid=portal-report-title]")).ToContainTextAsync(setup.Mine.Data.WorkOrderNumber);
            await Assertions.Expect(phone.Locator("[data-testid=portal-time-entry]")).ToHaveCountAsync(2);
            await Assertions.Expect(phone.Locator("[data-testid=portal-photo]")).ToHaveCountAsync(2);
            await Assertions.Expect(phone.Locator("[data-testid=portal-signature]")).ToBeVisibleAsync();
            await Assertions.Expect(phone.Locator("[data-testid=portal-signed-by]")).ToContainTextAsync("Els Janssens");
            await Assertions.Expect(phone.Locator("[data-testid=portal-correction]")).ToContainTextAsync(PortalTests.CorrectionReason);
            foreach (var image in await phone.Locator("[data-testid=portal-photo], [data-testid=portal-signature]").AllAsync())
            {
                var source = await image.GetAttributeAsync("src");
                var answer = await phone.Context.APIRequest.GetAsync(source!);
                Assert.Equal(200, answer.Status);
                Assert.StartsWith("image/", answer.Headers["content-type"], StringComparison.Ordinal);
            }

            await AssertFitsAsync(phone);

            // The customer disputes a line; the office's open inbox shows it without a reload.
            await phone.Locator("[data-testid=portal-back]").ClickAsync();
            await phone.Locator("[data-testid=portal-invoice] a").ClickAsync();
            await phone.Locator("[data-testid=dispute-line]").SelectOptionAsync("2");
            await phone.Locator("[data-testid=dispute-comment]").FillAsync("De slang werd niet vervangen.");
            await phone.Locator("[data-testid=dispute-send]").ClickAsync();
            await Assertions.Expect(phone.Locator("[data-testid=dispute-thanks]")).ToBeVisibleAsync();
            await Assertions.Expect(phone.Locator("[data-testid=portal-dispute]")).ToContainTextAsync("De slang werd niet vervangen.");

            var row = browser.Page.Locator("[data-testid=dispute-row]");
            await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            await Assertions.Expect(row.Locator("[data-testid=dispute-comment]")).ToContainTextAsync("De slang werd niet vervangen.");
            await Assertions.Expect(row.Locator("[data-testid=dispute-invoice]")).ToHaveTextAsync(setup.Mine.InvoiceNumber);

            // The office resolves it on the spot; it leaves the inbox.
            await row.Locator("[data-testid=resolve-dispute]").ClickAsync();
            await Assertions.Expect(browser.Page.Locator("[data-testid=dispute-row]")).ToHaveCountAsync(0);

            // A tampered link and another customer's invoice answer the same 404 page.
            var token = link["/portal/".Length..];
            var tampered = await phone.GotoAsync("/portal/" + (token[0] == 'A' ? 'B' : 'A') + token[1..]);
            Assert.Equal(404, tampered!.Status);
            await Assertions.Expect(phone.Locator("[data-testid=portal-not-found]")).ToBeVisibleAsync();
            var foreign = await phone.GotoAsync($"{link}/invoices/{setup.Theirs.InvoiceId}");
            Assert.Equal(404, foreign!.Status);
            await Assertions.Expect(phone.Locator("[data-testid=portal-not-found]")).ToBeVisibleAsync();
            await Assertions.Expect(phone.Locator("body")).Not.ToContainTextAsync(setup.Theirs.InvoiceNumber);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_customer_reads_and_disputes_on_a_phone_and_the_office_inbox_shows_the_dispute_live));
            await phone.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "portal-phone.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>Nothing on the page is wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage phone) =>
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
}
