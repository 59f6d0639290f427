using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Werkbon.Server.Data;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>A sign-in lasts only as long as its session on the server: refresh tokens rotate, and ending sessions takes effect at once.</summary>
public class SessionTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refresh_token_works_once_and_using_it_again_ends_its_whole_family(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var first = await LoginAsync(app, company.Office.Email!);
        var otherDevice = await LoginAsync(app, company.Office.Email!);

        var (refreshed, second) = await RefreshAsync(app, first.RefreshToken);
        var (againOld, _) = await RefreshAsync(app, first.RefreshToken); // a copy of the old token, e.g. stolen
        var (withNewest, _) = await RefreshAsync(app, second!.RefreshToken); // the family is over, its newest token too
        var newestAccess = await CallAsync(app, second.AccessToken);
        var otherAccess = await CallAsync(app, otherDevice.AccessToken);
        var (otherRefresh, _) = await RefreshAsync(app, otherDevice.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, againOld);
        Assert.Equal(HttpStatusCode.Unauthorized, withNewest);
        Assert.Equal(HttpStatusCode.Unauthorized, newestAccess);
        Assert.Equal(HttpStatusCode.OK, otherAccess); // another sign-in of the same person is another family
        Assert.Equal(HttpStatusCode.OK, otherRefresh);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task After_a_refresh_only_the_new_access_token_works_and_every_token_is_short_lived(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var first = await LoginAsync(app, company.Office.Email!);

        var before = await CallAsync(app, first.AccessToken);
        var (_, second) = await RefreshAsync(app, first.RefreshToken);
        var oldAfter = await CallAsync(app, first.AccessToken);
        var newAfter = await CallAsync(app, second!.AccessToken);
        app.Clock.Advance(TimeSpan.FromSeconds(second.ExpiresIn));
        var expired = await CallAsync(app, second.AccessToken);
        var (renewed, third) = await RefreshAsync(app, second.RefreshToken);
        var renewedAccess = await CallAsync(app, third!.AccessToken);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter);
        Assert.Equal(HttpStatusCode.OK, newAfter);
        Assert.InRange(second.ExpiresIn, 60, 600);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(HttpStatusCode.OK, renewed);
        Assert.Equal(HttpStatusCode.OK, renewedAccess);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Archiving_a_user_refuses_their_bearer_token_refresh_token_and_cookie_at_once(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var (token, browser) = await SignedInTwiceAsync(app, company.Office.Email!);
        var beforeBearer = await CallAsync(app, token.AccessToken);
        var beforeCookie = await browser.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        var archive = await admin.PostAsync($"/api/users/{company.Office.Id}/archive", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, beforeBearer);
        Assert.Equal(HttpStatusCode.OK, beforeCookie.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, archive.StatusCode);
        await AssertSignedOutAsync(app, token, browser);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_role_change_ends_every_session_and_the_next_sign_in_has_the_new_role(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var (token, browser) = await SignedInTwiceAsync(app, company.Office.Email!);

        var (changed, _) = await admin.PutJsonAsync($"/api/users/{company.Office.Id}", new
        {
            email = company.Office.Email, displayName = "Office Alpha", role = "Technician", rateClass = "technician",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await AssertSignedOutAsync(app, token, browser);

        var again = await LoginAsync(app, company.Office.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(app, again.AccessToken)); // a technician now
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_new_password_ends_every_session_signed_in_with_the_old_one(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var (token, browser) = await SignedInTwiceAsync(app, company.Office.Email!);
        var link = await app.InCompany(company.Id, async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            return await InviteUser.InvitationUrl(users, (await users.FindByIdAsync(company.Office.Id.ToString()))!, null);
        });

        var form = await Forms.FetchAsync(app, link);
        var accepted = await form.PostAsync("/account/accept-invitation", new()
        {
            ["user"] = form.Field("user"), ["token"] = form.Field("token"), ["password"] = "Another-long-pass2", ["confirm"] = "Another-long-pass2",
        });

        Assert.Equal("/account/login?welcome=1", accepted.Headers.Location!.OriginalString);
        await AssertSignedOutAsync(app, token, browser);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(app, (await LoginAsync(app, company.Office.Email!, "Another-long-pass2")).AccessToken));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Signing_out_everywhere_in_the_back_office_ends_the_devices_sessions_too(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var (token, browser) = await SignedInTwiceAsync(app, company.Office.Email!);

        var form = await Forms.FetchAsync(app, "/", browser);
        var everywhere = await form.PostAsync("/account/logout-everywhere", []);

        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        await AssertSignedOutAsync(app, token, browser);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(app, (await LoginAsync(app, company.Office.Email!)).AccessToken));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Signing_out_everywhere_with_a_token_ends_the_back_office_cookie_too(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var (token, browser) = await SignedInTwiceAsync(app, company.Office.Email!);

        var everywhere = await SendAsync(app, HttpMethod.Post, "/logout/everywhere", token.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, everywhere);
        await AssertSignedOutAsync(app, token, browser);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_cookie_copied_before_sign_out_is_refused_afterwards(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var jar = new CookieJar();
        var browser = await SignedInAsync(app, company.Office.Email!, jar);
        var copy = app.CreateDefaultClient(jar.Snapshot());
        var copyBefore = await copy.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        var form = await Forms.FetchAsync(app, "/", browser);
        var logout = await form.PostAsync("/account/logout", []);
        var replayed = await copy.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, copyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Signing_out_a_device_ends_its_access_and_refresh_tokens_only(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var device = await LoginAsync(app, company.Office.Email!);
        var otherDevice = await LoginAsync(app, company.Office.Email!);

        var logout = await SendAsync(app, HttpMethod.Post, "/logout", device.AccessToken);
        var access = await CallAsync(app, device.AccessToken);
        var (refresh, _) = await RefreshAsync(app, device.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, logout);
        Assert.Equal(HttpStatusCode.Unauthorized, access);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(app, otherDevice.AccessToken));
    }

    private static async Task AssertSignedOutAsync(WerkbonApp app, TokenResponse token, HttpClient browser)
    {
        var bearer = await CallAsync(app, token.AccessToken);
        var (refresh, _) = await RefreshAsync(app, token.RefreshToken);
        var cookie = await browser.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
    }

    /// <summary>The same person signed in on a device (bearer) and in a browser (cookie).</summary>
    private static async Task<(TokenResponse Token, HttpClient Browser)> SignedInTwiceAsync(WerkbonApp app, string email)
    {
        var token = await LoginAsync(app, email);
        var browser = await SignedInAsync(app, email, new CookieJar());
        return (token, browser);
    }

    private static async Task<HttpClient> SignedInAsync(WerkbonApp app, string email, CookieJar jar)
    {
        var form = await Forms.FetchAsync(app, "/account/login", app.CreateDefaultClient(jar));
        var login = await form.PostAsync("/account/login", new() { ["email"] = email, ["password"] = WerkbonApp.Password });
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        return form.Client;
    }

    private static async Task<TokenResponse> LoginAsync(WerkbonApp app, string email, string password = WerkbonApp.Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/login", new { email, password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!;
    }

    private static async Task<(HttpStatusCode Status, TokenResponse? Token)> RefreshAsync(WerkbonApp app, string refreshToken)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/refresh", new { refreshToken }, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken) : null);
    }

    /// <summary>An office route: 200 for office staff, 403 for a technician, 401 without a live session.</summary>
    private static Task<HttpStatusCode> CallAsync(WerkbonApp app, string accessToken) => SendAsync(app, HttpMethod.Get, "/api/customers", accessToken);

    private static async Task<HttpStatusCode> SendAsync(WerkbonApp app, HttpMethod method, string url, string accessToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }
}
