using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Customers;

/// <summary>The customer 360: profile, sites, contracts and one timeline from work orders and signed reports.</summary>
public class CustomerOverviewTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_timeline_lists_the_customers_work_orders_and_reports_newest_first_and_filters_by_search(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var alpha = await MasterData.CreateAsync(company, "Alpha");
        var other = await MasterData.CreateAsync(company, "Beta");
        var office = await company.OfficeAsync();
        var (created, later) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = alpha.CustomerId, siteId = alpha.SiteId, description = "Lekkage radiator",
            scheduledStart = "2026-03-12T08:00:00+01:00", scheduledEnd = "2026-03-12T09:00:00+01:00", technicianIds = new[] { company.Technician.Id },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var signed = SignedReports.Create(alpha.WorkOrderId, company.Technician.Id, new Random(31), photos: 3, articleCode: alpha.ArticleCode);
        (await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();

        var overview = await office.GetJsonAsync($"/api/customers/{alpha.CustomerId}/overview");
        var searched = await office.GetJsonAsync($"/api/customers/{alpha.CustomerId}/overview?search=LEKKAGE");
        var bySite = await office.GetJsonAsync($"/api/customers/{alpha.CustomerId}/overview?search=alpha%20kantoor");
        var nothing = await office.GetJsonAsync($"/api/customers/{alpha.CustomerId}/overview?search=Beta");
        var missing = await office.GetAsync($"/api/customers/{Guid.NewGuid()}/overview", TestContext.Current.CancellationToken);

        var timeline = overview.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(
            [later.GetProperty("id").GetGuid(), signed.Document.ReportId, alpha.WorkOrderId],
            timeline.Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(["WorkOrder", "Report", "WorkOrder"], timeline.Select(e => e.GetProperty("kind").GetString()));
        var report = timeline[1];
        Assert.Equal(3, report.GetProperty("photos").GetInt32());
        Assert.True(report.GetProperty("amount").GetDecimal() > 0m);
        Assert.StartsWith("ReportStatus.", report.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/reports/{signed.Document.ReportId}", report.GetProperty("link").GetString());
        Assert.Equal("WorkOrderStatus.Completed", timeline[2].GetProperty("status").GetString());
        Assert.DoesNotContain(timeline, e => e.GetProperty("id").GetGuid() == other.WorkOrderId);

        Assert.Equal([later.GetProperty("id").GetGuid()], searched.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(3, bySite.GetProperty("timeline").GetArrayLength());
        Assert.Equal(0, nothing.GetProperty("timeline").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        Assert.Equal("Alpha Vastgoed", overview.GetProperty("customer").GetProperty("name").GetString());
        var site = Assert.Single(overview.GetProperty("sites").EnumerateArray());
        var asset = Assert.Single(site.GetProperty("assets").EnumerateArray());
        Assert.Equal("2027-05-01", asset.GetProperty("warrantyUntil").GetString());
        Assert.True(asset.GetProperty("underWarranty").GetBoolean());
        var contract = Assert.Single(overview.GetProperty("contracts").EnumerateArray());
        Assert.Equal("Alpha Gold", contract.GetProperty("name").GetString());
        Assert.True(contract.GetProperty("active").GetBoolean());
    }
}
