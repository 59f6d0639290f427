using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Companies;

/// <summary>The sign-up page, open only when the operator switches it on: the same rules as the <c>company create</c> command.</summary>
public class SignUpTests
{
    private static readonly Dictionary<string, string> Open = new() { ["Werkbon:SignUp:Enabled"] = "true" };

    [Fact]
    public async Task The_sign_up_page_is_closed_unless_the_configuration_opens_it()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateDefaultClient(new CookieJar());

        var page = await client.GetAsync("/account/sign-up", TestContext.Current.CancellationToken);
        var login = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var posted = await client.PostAsync("/account/sign-up", new FormUrlEncodedContent(Fields(WerkbonApp.NextVatNumber(), "x@closed.test")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("/account/sign-up", login, StringComparison.Ordinal);
        Assert.False(posted.IsSuccessStatusCode);
        Assert.Equal(0, await Companies(app));
    }

    [Fact]
    public async Task A_company_signs_up_in_its_language_and_its_admin_signs_in_to_an_empty_company_of_their_own()
    {
        using var app = await WerkbonApp.StartWithAsync(DatabaseProvider.Sqlite, Open);
        var neighbour = await app.CreateCompanyAsync("Buur");
        await MasterData.CreateAsync(neighbour, "Buur");
        var texts = app.Services.GetRequiredService<Texts>();
        var vat = WerkbonApp.NextVatNumber();

        var login = await app.CreateDefaultClient().GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var form = await Forms.FetchAsync(app, "/account/sign-up");
        var created = await form.PostAsync("/account/sign-up", Fields(vat, "els@sanitair-maes.example", name: "Sanitair Maes"));

        Assert.Contains("href=\"/account/sign-up\"", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account/login?welcome=1", new Uri(new Uri("http://localhost"), created.Headers.Location!).PathAndQuery);
        var admin = await app.ClientForAsync("els@sanitair-maes.example", "een lange zin als wachtwoord");
        var users = await admin.GetJsonAsync("/api/users");
        var customers = await admin.GetJsonAsync("/api/customers");
        var me = Assert.Single(users.GetProperty("items").EnumerateArray());
        Assert.Equal(("Els Maes", "Admin", "nl"), (me.GetProperty("displayName").GetString(), me.GetProperty("role").GetString(), me.GetProperty("language").GetString()));
        Assert.Equal(0, customers.GetProperty("total").GetInt32());
        var company = await app.InCompany(Guid.Empty, (db, _) => db.Companies.AsNoTracking().SingleAsync(c => c.VatNumber == vat, TestContext.Current.CancellationToken));
        Assert.Equal(("Sanitair Maes", "Kerkstraat 5", "9000", "Gent", "nl"), (company.Name, company.Address.Street, company.Address.PostalCode, company.Address.City, company.DefaultLanguage));

        // The same VAT number again, in French: refused in French, naming the field, nothing stored.
        var french = app.CreateDefaultClient(new CookieJar());
        french.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-BE");
        var again = await Forms.FetchAsync(app, "/account/sign-up", french);
        var refused = await again.PostAsync("/account/sign-up", Fields(vat, "autre@maes.example"));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"{texts.In("fr", "SignUp.Vat")}: {texts.In("fr", "Companies.Validation.VatTaken")}", html, StringComparison.Ordinal);
        Assert.Contains("value=\"autre@maes.example\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("een lange zin als wachtwoord", html, StringComparison.Ordinal);
        Assert.Equal(2, await Companies(app));
    }

    [Fact]
    public async Task The_sign_up_form_refuses_weak_passwords_bad_numbers_and_missing_fields_with_the_reason_and_stores_nothing()
    {
        using var app = await WerkbonApp.StartWithAsync(DatabaseProvider.Sqlite, Open);
        var texts = app.Services.GetRequiredService<Texts>();

        async Task<string> Refused(Dictionary<string, string> fields)
        {
            var form = await Forms.FetchAsync(app, "/account/sign-up");
            var answer = await form.PostAsync("/account/sign-up", fields);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            return WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var weak = await Refused(Fields(WerkbonApp.NextVatNumber(), "a@weak.test", password: "Abcdefg1"));
        var common = await Refused(Fields(WerkbonApp.NextVatNumber(), "a@common.test", password: "Password1234!"));
        var mismatch = await Refused(Fields(WerkbonApp.NextVatNumber(), "a@mismatch.test", confirm: "iets helemaal anders"));
        var numbers = await Refused(Fields("BE0123456748", "geen adres"));
        var missing = await Refused(new Dictionary<string, string> { ["_handler"] = "sign-up", ["Input.Password"] = "een lange zin als wachtwoord", ["Input.Confirm"] = "een lange zin als wachtwoord" });

        Assert.Contains($"{texts.In("nl", "SignUp.Password")}: ", weak, StringComparison.Ordinal);
        Assert.Contains(texts.In("nl", "Password.Common"), common, StringComparison.Ordinal);
        Assert.Contains($"{texts.In("nl", "SignUp.Confirm")}: {texts.In("nl", "Invitation.Error.mismatch")}", mismatch, StringComparison.Ordinal);
        Assert.Contains($"{texts.In("nl", "SignUp.Vat")}: {texts.In("nl", "Companies.Validation.BelgianVat")}", numbers, StringComparison.Ordinal);
        Assert.Contains($"{texts.In("nl", "SignUp.Email")}: {texts.In("nl", "Validation.Email")}", numbers, StringComparison.Ordinal);
        foreach (var label in new[] { "SignUp.Company", "SignUp.Vat", "SignUp.Street", "SignUp.PostalCode", "SignUp.City", "SignUp.Email" })
        {
            Assert.Contains($"{texts.In("nl", label)}: {texts.In("nl", "Validation.Required")}", missing, StringComparison.Ordinal);
        }

        Assert.Equal(0, await Companies(app));
    }

    [Fact]
    public async Task A_sign_up_posted_from_another_site_without_the_form_token_is_refused()
    {
        using var app = await WerkbonApp.StartWithAsync(DatabaseProvider.Sqlite, Open);
        var form = await Forms.FetchAsync(app, "/account/sign-up");
        var fields = Fields(WerkbonApp.NextVatNumber(), "a@csrf.test");

        var foreign = await app.CreateDefaultClient().PostAsync("/account/sign-up", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        var withToken = await form.PostAsync("/account/sign-up", fields);

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal(1, await Companies(app));
    }

    [Fact]
    public async Task Sign_ups_from_one_address_are_limited_per_hour_with_429_and_Retry_After_in_the_visitors_language()
    {
        using var app = await WerkbonApp.StartWithAsync(DatabaseProvider.Sqlite, new Dictionary<string, string>(Open) { ["Werkbon:SignUp:PermitsPerHour"] = "2" });
        var texts = app.Services.GetRequiredService<Texts>();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            var form = await Forms.FetchAsync(app, "/account/sign-up");
            answers.Add(await form.PostAsync("/account/sign-up", Fields(WerkbonApp.NextVatNumber(), $"a{i}@limit.test")));
        }

        var page = await app.CreateDefaultClient().GetAsync("/account/sign-up", TestContext.Current.CancellationToken);
        var limited = answers[2];
        var text = await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests }, answers.Select(a => a.StatusCode).ToArray());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.StartsWith(texts.In("nl", "SignUp.TooMany").Split('{')[0], text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, await Companies(app));
    }

    private static Dictionary<string, string> Fields(string vat, string email, string name = "Sanitair Maes", string password = "een lange zin als wachtwoord", string? confirm = null) => new()
    {
        ["_handler"] = "sign-up",
        ["Input.Company"] = name,
        ["Input.VatNumber"] = vat,
        ["Input.Street"] = "Kerkstraat 5",
        ["Input.PostalCode"] = "9000",
        ["Input.City"] = "Gent",
        ["Input.YourName"] = "Els Maes",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.Confirm"] = confirm ?? password,
    };

    private static Task<int> Companies(WerkbonApp app) =>
        app.InCompany(Guid.Empty, (db, _) => db.Companies.CountAsync(TestContext.Current.CancellationToken));
}
