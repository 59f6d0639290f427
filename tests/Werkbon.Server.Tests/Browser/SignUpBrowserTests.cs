using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The sign-up page in a real Chromium, on a server whose operator opened it.</summary>
public class SignUpBrowserTests
{
    [Fact]
    public async Task A_visitor_creates_a_company_from_the_sign_in_page_is_told_what_to_fix_and_signs_in_as_its_admin()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(
            DatabaseProvider.Sqlite, seedDemo: false, settings: new Dictionary<string, string> { ["Werkbon:SignUp:Enabled"] = "true" });
        using var _ = app;
        var texts = app.Services.GetRequiredService<Texts>();
        var vat = WerkbonApp.NextVatNumber();
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = texts.In("nl", "SignUp.Link") }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/account/sign-up", StringComparison.Ordinal));
        await page.FillAsync("#company", "Dakwerken Peeters");
        await page.FillAsync("#vat", vat);
        await page.FillAsync("#street", "Kerkstraat 5");
        await page.FillAsync("#postal-code", "2800");
        await page.FillAsync("#city", "Mechelen");
        await page.FillAsync("#your-name", "Lies Peeters");
        await page.FillAsync("#email", "lies@dakwerken-peeters.example");
        await page.FillAsync("#password", "Abcdefg1");
        await page.FillAsync("#confirm", "Abcdefg1");
        await page.ClickAsync("button[type=submit]");

        var errors = page.Locator("[data-testid=sign-up-errors]");
        await Assertions.Expect(errors).ToContainTextAsync(texts.In("nl", "SignUp.Password") + ":");
        await Assertions.Expect(page.Locator("#company")).ToHaveValueAsync("Dakwerken Peeters");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync("");
        Assert.Equal(0, await app.InCompany(Guid.Empty, (db, _) => db.Companies.CountAsync(TestContext.Current.CancellationToken)));

        await page.FillAsync("#password", "regen op het platte dak");
        await page.FillAsync("#confirm", "regen op het platte dak");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/account/login?welcome=1", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(texts.In("nl", "Login.Welcome"));
        await page.FillAsync("#email", "lies@dakwerken-peeters.example");
        await page.FillAsync("#password", "regen op het platte dak");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/", StringComparison.Ordinal));
        await browser.WaitUntilInteractiveAsync();

        var company = await app.InCompany(Guid.Empty, (db, _) => db.Companies.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        var admin = await app.InCompany(Guid.Empty, (db, _) => db.Users.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal((vat, "Dakwerken Peeters", company.Id, "Lies Peeters"), (company.VatNumber, company.Name, admin.CompanyId, admin.DisplayName));
    }
}
