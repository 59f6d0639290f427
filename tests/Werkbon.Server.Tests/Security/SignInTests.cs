using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

public class SignInTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_technician_gets_a_bearer_token_sees_todays_work_and_is_kept_out_of_office_routes(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var client = app.CreateClient();

        var login = await client.PostAsJsonAsync("/login", new { email = company.Technician.Email, password = WerkbonApp.Password }, TestContext.Current.CancellationToken);
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var today = await client.GetJsonAsync("/api/technicians/me/work-orders");
        var customers = await client.GetAsync("/api/customers", TestContext.Current.CancellationToken);
        var users = await client.GetAsync("/api/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("Bearer", token.TokenType);
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
        var order = Assert.Single(today.EnumerateArray());
        Assert.Equal(data.WorkOrderNumber, order.GetProperty("number").GetString());
        Assert.Equal("Alpha Vastgoed", order.GetProperty("customerName").GetString());
        Assert.Equal("Vaillant", order.GetProperty("assets")[0].GetProperty("brand").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, customers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Work_orders_of_other_days_and_other_technicians_are_not_in_todays_list(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await MasterData.CreateAsync(company, "Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        await MasterData.CreateAsync(bravo, "Bravo");
        var today = await (await company.TechnicianAsync()).GetJsonAsync("/api/technicians/me/work-orders");

        app.Clock.Advance(TimeSpan.FromDays(20));
        var technician = await company.TechnicianAsync();
        var later = await technician.GetJsonAsync("/api/technicians/me/work-orders");

        Assert.Equal(["Alpha Vastgoed"], today.EnumerateArray().Select(o => o.GetProperty("customerName").GetString()));
        Assert.Empty(later.EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refresh_token_gives_a_new_access_token(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/login", new { email = company.Office.Email, password = WerkbonApp.Password }, TestContext.Current.CancellationToken);
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);

        var refresh = await client.PostAsJsonAsync("/refresh", new { refreshToken = token!.RefreshToken }, TestContext.Current.CancellationToken);
        var renewed = await refresh.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        var bogus = await client.PostAsJsonAsync("/refresh", new { refreshToken = "not-a-token" }, TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed!.AccessToken);
        var customers = await client.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, customers.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await client.PostAsJsonAsync("/login", new { email = company.Office.Email, password = "Wrong-password1" }, ct)).StatusCode);
        }

        var right = await client.PostAsJsonAsync("/login", new { email = company.Office.Email, password = WerkbonApp.Password }, ct);
        var problem = await right.ReadJsonAsync();
        var otherUser = await client.PostAsJsonAsync("/login", new { email = company.Technician.Email, password = WerkbonApp.Password }, ct);

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("Sign-in failed", problem.GetProperty("title").GetString()); // the same answer as a wrong password
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task There_is_no_public_registration()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var response = await app.CreateClient().PostAsJsonAsync("/register", new { email = "x@example.be", password = "Aa-12345678" }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_invited_user_sets_a_password_through_the_invitation_link_and_can_then_sign_in(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var office = await company.OfficeAsync();

        var (byOffice, _) = await office.PostJsonAsync("/api/users", new { email = "new@alpha.test", displayName = "Nieuwe Technieker", role = "Technician", rateClass = "technician" });
        var (invited, invitation) = await admin.PostJsonAsync("/api/users", new { email = "new@alpha.test", displayName = "Nieuwe Technieker", role = "Technician", rateClass = "technician", language = "fr" });
        var link = new Uri(invitation.GetProperty("invitationUrl").GetString()!);
        var form = await Forms.FetchAsync(app, link.PathAndQuery);
        var accepted = await form.PostAsync("/account/accept-invitation", new()
        {
            ["user"] = form.Field("user"),
            ["token"] = form.Field("token"),
            ["password"] = "Brand-new-pass1",
            ["confirm"] = "Brand-new-pass1",
        });
        var login = await app.CreateClient().PostAsJsonAsync("/login", new { email = "new@alpha.test", password = "Brand-new-pass1" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/account/login?welcome=1", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
