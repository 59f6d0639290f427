using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>Input the server cannot work with is refused as a 400 problem naming the field, never a 500, and changes nothing.</summary>
public class BadInputTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_address_with_missing_members_is_refused_for_new_and_changed_users(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var before = await admin.GetJsonAsync($"/api/users/{company.Technician.Id}");

        var (technician, technicianProblem) = await admin.PostJsonAsync("/api/users", new { email = "new@alpha.test", displayName = "Nieuw", role = "Technician", rateClass = "technician", homeBase = new { } });
        var (office, officeProblem) = await admin.PostJsonAsync("/api/users", new { email = "office2@alpha.test", displayName = "Kantoor", role = "Office", homeBase = new { } });
        var (changed, changedProblem) = await admin.PutJsonAsync($"/api/users/{company.Technician.Id}", new { email = company.Technician.Email, displayName = "Veranderd", role = "Technician", rateClass = "technician", homeBase = new { city = "Gent" } });
        var after = await admin.GetJsonAsync($"/api/users/{company.Technician.Id}");
        var users = await admin.GetJsonAsync("/api/users?includeArchived=true");

        Assert.Equal(HttpStatusCode.BadRequest, technician.StatusCode);
        Assert.True(technicianProblem.GetProperty("errors").TryGetProperty("homeBase.street", out _));
        Assert.Equal(HttpStatusCode.BadRequest, office.StatusCode);
        Assert.True(officeProblem.GetProperty("errors").TryGetProperty("homeBase.city", out _));
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.True(changedProblem.GetProperty("errors").TryGetProperty("homeBase.postalCode", out _));
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.DoesNotContain("new@alpha.test", users.GetRawText());
        Assert.DoesNotContain("office2@alpha.test", users.GetRawText());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_id_list_longer_than_one_batch_is_refused(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        var ids = Enumerable.Range(0, 33_000).Select(_ => Guid.NewGuid()).ToArray();
        var justOverTheLimit = ids.Take(2001).ToArray();

        var (issue, issueProblem) = await office.PostJsonAsync("/api/invoices/issue", new { ids });
        var (approve, approveProblem) = await office.PostJsonAsync("/api/reports/approve", new { ids });
        var (justOver, justOverProblem) = await office.PostJsonAsync("/api/reports/approve", new { ids = justOverTheLimit });

        Assert.Equal(HttpStatusCode.BadRequest, issue.StatusCode);
        Assert.Contains("2000", issueProblem.GetProperty("errors").GetProperty("ids")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Contains("2000", approveProblem.GetProperty("errors").GetProperty("ids")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, justOver.StatusCode);
        Assert.Contains("2000", justOverProblem.GetProperty("errors").GetProperty("ids")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Dates_far_outside_the_working_range_are_refused(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var order = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");
        var version = order.GetProperty("version").GetInt32();

        var earliest = await office.GetAsync("/api/planning?from=0001-01-01", TestContext.Current.CancellationToken);
        var latest = await office.GetAsync("/api/planning?from=9999-12-31", TestContext.Current.CancellationToken);
        var thisYear = await office.GetAsync("/api/planning?from=2026-03-09", TestContext.Current.CancellationToken);
        var subscriptions = await office.PostAsync("/api/invoices/subscriptions?period=9999-12", null, TestContext.Current.CancellationToken);
        var (plan, planProblem) = await office.PutJsonAsync($"/api/work-orders/{data.WorkOrderId}/plan", new { technicianId = company.Technician.Id, plannedStart = "9999-06-01T08:00:00Z", version });
        var (yearOne, yearOneProblem) = await office.PostJsonAsync("/api/work-orders", WorkOrder(data, "0001-01-01T08:00:00Z", "0001-01-01T09:00:00Z"));
        var (farAway, farAwayProblem) = await office.PostJsonAsync("/api/work-orders", WorkOrder(data, "9999-12-31T08:00:00Z", "9999-12-31T09:00:00Z"));
        var after = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");
        var orders = await office.GetJsonAsync("/api/work-orders?pageSize=100");

        Assert.Equal(HttpStatusCode.BadRequest, earliest.StatusCode);
        Assert.True((await earliest.ReadJsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, latest.StatusCode);
        Assert.True((await latest.ReadJsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.OK, thisYear.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, subscriptions.StatusCode);
        Assert.Equal("period", (await subscriptions.ReadJsonAsync()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        Assert.True(planProblem.GetProperty("errors").TryGetProperty("plannedStart", out _));
        Assert.Equal(HttpStatusCode.BadRequest, yearOne.StatusCode);
        Assert.True(yearOneProblem.GetProperty("errors").TryGetProperty("scheduledStart", out _));
        Assert.Equal(HttpStatusCode.BadRequest, farAway.StatusCode);
        Assert.True(farAwayProblem.GetProperty("errors").TryGetProperty("scheduledEnd", out _));
        Assert.Equal(order.GetRawText(), after.GetRawText());
        Assert.DoesNotContain("Far away", orders.GetRawText());
        Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.Invoices.CountAsync(TestContext.Current.CancellationToken)));
    }

    private static object WorkOrder(MasterData data, string start, string end) => new
    {
        customerId = data.CustomerId,
        siteId = data.SiteId,
        description = "Far away",
        scheduledStart = start,
        scheduledEnd = end,
        assetIds = Array.Empty<Guid>(),
        technicianIds = Array.Empty<Guid>(),
    };
}
