using Microsoft.Playwright;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The content security policies are strict and still let every surface work: a real browser reports no violation.</summary>
public class ContentSecurityPolicyBrowserTests
{
    private const float Boot = 60_000;

    [Fact]
    public async Task Signing_in_the_inbox_an_invoice_and_the_field_app_run_without_a_single_policy_violation()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        await using var browser = await BrowserSession.StartAsync(url);
        var violations = new List<string>();
        var policies = new List<string>();
        void Watch(IPage page)
        {
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                    || message.Text.StartsWith("Refused to", StringComparison.Ordinal)
                    || message.Text.StartsWith("csp-violation", StringComparison.Ordinal))
                {
                    lock (violations)
                    {
                        violations.Add($"{page.Url}: {message.Text}");
                    }
                }
            };
            page.Response += (_, response) =>
            {
                if (response.Request.ResourceType == "document" && response.Headers.TryGetValue("content-security-policy", out var csp))
                {
                    lock (policies)
                    {
                        policies.Add(csp);
                    }
                }
            };
        }

        // The event every blocked script, style, connection or frame raises, reported on the console where the test listens.
        const string Listen = "document.addEventListener('securitypolicyviolation', e => console.error('csp-violation ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));";
        await browser.Context.AddInitScriptAsync(Listen);
        var page = browser.Page;
        Watch(page);

        await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/inbox");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.OpenAsync("/invoices");
        await page.Locator("[data-testid=make-drafts]").ClickAsync();
        var drafts = page.Locator("[data-testid=invoice-row][data-status=Draft]");
        await Assertions.Expect(drafts.First).ToBeVisibleAsync();
        await drafts.First.Locator("[data-testid=open-invoice]").ClickAsync();
        await page.WaitForURLAsync("**/invoices/*");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var field = await browser.NewPersonAsync(url);
        await field.Context.AddInitScriptAsync(Listen);
        Watch(field);
        await field.GotoAsync("/field");
        await field.WaitForURLAsync("**/field/");
        await field.Locator("[data-testid=email]").WaitForAsync(new() { Timeout = Boot });
        await field.Locator("[data-testid=email]").FillAsync(DemoLogins.Technician);
        await field.Locator("[data-testid=password]").FillAsync(DemoLogins.Password);
        await field.Locator("[data-testid=sign-in]").ClickAsync();
        await Assertions.Expect(field.Locator("[data-testid=work-order]").First).ToBeVisibleAsync(new() { Timeout = Boot });
        await field.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = Boot });

        Assert.Contains(policies, p => p.Contains("'wasm-unsafe-eval'", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("connect-src 'self' ws: wss:", StringComparison.Ordinal));
        Assert.Empty(violations);
    }
}
