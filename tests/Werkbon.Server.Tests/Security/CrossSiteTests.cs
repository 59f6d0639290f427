using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>Another site cannot make a signed-in back-office browser change data through the API.</summary>
public class CrossSiteTests
{
    private const string OwnOrigin = "http://localhost";

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_form_from_another_site_cannot_act_with_the_office_cookie(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var browser = await SignedInAsync(app, company.Admin.Email!);

        var refused = new List<HttpStatusCode>();
        foreach (var url in new[]
        {
            $"/api/users/{company.Technician.Id}/archive", $"/api/users/{company.Technician.Id}/restore", $"/api/work-orders/{data.WorkOrderId}/cancel",
            $"/api/invoices/{Guid.NewGuid()}/issue", "/api/invoices/drafts", "/api/reports/approve", $"/api/reports/{Guid.NewGuid()}/approve",
        })
        {
            refused.Add((await browser.SendAsync(FormPost(url, "https://evil.example"), TestContext.Current.CancellationToken)).StatusCode);
        }

        var withHeaderButForeign = await browser.SendAsync(FormPost($"/api/users/{company.Technician.Id}/archive", "https://evil.example", header: true), TestContext.Current.CancellationToken);
        var foreignReferer = FormPost($"/api/users/{company.Technician.Id}/archive", null, header: true);
        foreignReferer.Headers.Referrer = new Uri("https://evil.example/page");
        var withForeignReferer = await browser.SendAsync(foreignReferer, TestContext.Current.CancellationToken);
        var withoutHeader = await browser.SendAsync(FormPost($"/api/users/{company.Technician.Id}/archive", null), TestContext.Current.CancellationToken);
        var stillActive = await Archived(app, company);
        var orderStatus = await app.InCompany(company.Id, (db, _) => db.WorkOrders.Where(w => w.Id == data.WorkOrderId).Select(w => w.Status).SingleAsync(TestContext.Current.CancellationToken));

        var own = await browser.SendAsync(FormPost($"/api/users/{company.Technician.Id}/archive", OwnOrigin, header: true), TestContext.Current.CancellationToken);
        var archived = await Archived(app, company);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.Forbidden, withHeaderButForeign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withForeignReferer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutHeader.StatusCode);
        Assert.False(stillActive);
        Assert.NotEqual(Server.WorkOrders.WorkOrderStatus.Cancelled, orderStatus);
        Assert.True(own.IsSuccessStatusCode, own.StatusCode.ToString());
        Assert.True(archived);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_bearer_token_needs_no_extra_header(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();

        var request = FormPost($"/api/users/{company.Technician.Id}/archive", "https://elsewhere.example");
        var archive = await admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(archive.IsSuccessStatusCode, archive.StatusCode.ToString());
        Assert.True(await Archived(app, company));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Signing_out_needs_the_form_token(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await MasterData.CreateAsync(company, "Alpha");
        var browser = await SignedInAsync(app, company.Office.Email!);

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var stillIn = await browser.GetAsync("/api/customers", TestContext.Current.CancellationToken);
        var form = await Forms.FetchAsync(app, "/", browser);
        var real = await form.PostAsync("/account/logout", []);
        var afterwards = await browser.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    private static async Task<HttpClient> SignedInAsync(WerkbonApp app, string email)
    {
        var form = await Forms.FetchAsync(app, "/account/login");
        var login = await form.PostAsync("/account/login", new() { ["email"] = email, ["password"] = WerkbonApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return form.Client;
    }

    private static HttpRequestMessage FormPost(string url, string? origin, bool header = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (header)
        {
            request.Headers.Add("X-Werkbon-Request", "1");
        }

        return request;
    }

    private static Task<bool> Archived(WerkbonApp app, TestCompany company) =>
        app.InCompany(company.Id, (db, _) => db.Users.Where(u => u.Id == company.Technician.Id).Select(u => u.ArchivedAt != null).SingleAsync(TestContext.Current.CancellationToken));
}
