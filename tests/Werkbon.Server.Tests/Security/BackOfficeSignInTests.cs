using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

public class BackOfficeSignInTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_office_signs_in_with_the_login_form_and_out_again(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await MasterData.CreateAsync(company, "Alpha");
        var form = await Forms.FetchAsync(app, "/account/login?returnUrl=%2Fcustomers");

        var login = await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password, ["returnUrl"] = "/customers" });
        var home = await form.Client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var api = await form.Client.GetStringAsync("/api/customers", TestContext.Current.CancellationToken);
        var logoutForm = await Forms.FetchAsync(app, "/", form.Client);
        var logout = await logoutForm.PostAsync("/account/logout", []);
        var afterLogout = await form.Client.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/customers", login.Headers.Location!.OriginalString);
        Assert.Contains("Klanten", home); // Dutch by default
        Assert.Contains("Alpha Vastgoed", api);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_login_form_gives_one_answer_for_a_wrong_password_and_a_locked_account(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var form = await Forms.FetchAsync(app, "/account/login");

        var attempts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = "Nope-nope1" });
            attempts.Add(wrong.Headers.Location!.OriginalString);
        }

        var right = await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password });
        var lockedPage = await form.Client.GetStringAsync(right.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);

        Assert.All(attempts, a => Assert.StartsWith("/account/login?error=failed", a));
        Assert.Equal(attempts[0], right.Headers.Location!.OriginalString); // locked: the same answer, which names both
        Assert.Contains("onjuist", lockedPage);
        Assert.Contains("tijdelijk vergrendeld", lockedPage);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_language_switch_is_remembered_for_the_user(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var form = await Forms.FetchAsync(app, "/account/login");
        await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password });

        var french = await form.Client.GetAsync("/account/language?lang=fr&returnUrl=%2F", TestContext.Current.CancellationToken);
        var home = await form.Client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var freshBrowser = await Forms.FetchAsync(app, "/account/login");
        await freshBrowser.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password });
        var homeElsewhere = await freshBrowser.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, french.StatusCode);
        Assert.Contains("Clients", home);
        Assert.Contains("lang=\"fr\"", home);
        Assert.Contains("lang=\"fr\"", homeElsewhere);
    }
}

public class RestartTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_signed_in_office_user_stays_signed_in_across_a_restart(DatabaseProvider provider)
    {
        var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var jar = new CookieJar();
        var form = await Forms.FetchAsync(app, "/account/login", app.CreateDefaultClient(jar));
        await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password });

        using var restarted = app.Restart();
        var client = restarted.CreateDefaultClient(new CookieJar(jar));
        var response = await client.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
