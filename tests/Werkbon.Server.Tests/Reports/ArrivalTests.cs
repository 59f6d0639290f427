using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Review;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>A signed report is priced on arrival; clean ones are approved straight through, the rest wait with their reasons.</summary>
public class ArrivalTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_clean_report_under_contract_is_priced_and_approved_on_arrival_with_the_decision_audited(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(11), articleCode: data.ArticleCode, withFreeTextExtra: false);

        var response = await technician.PushAsync(signed.Document, signed.Hash);
        var (report, audit) = await app.InCompany(company.Id, async (db, _) =>
            (await db.Reports.SingleAsync(TestContext.Current.CancellationToken), await db.AuditEvents.SingleAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Equal([ReviewReason.Clean], report.Reasons);
        Assert.Equal(data.ContractId, report.ContractId);
        // 75 min of work → 1.25 h × 55.00 (Gold) = 68.75; 12.5 km → 30.00; 2 hoses at 8.40 − 10 % = 15.12; net 113.87, VAT 23.91.
        Assert.Equal([68.75m, 30.00m, 15.12m], report.Pricing!.Lines.Select(l => l.Amount));
        Assert.Equal(137.78m, report.PricedTotal);
        Assert.Equal("report.approved-straight-through", audit.Action);
        Assert.Null(audit.UserId);
        Assert.Equal("Clean", audit.Reason);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_report_with_an_unknown_item_and_an_extra_waits_for_the_office_with_every_reason(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(12), articleCode: data.ArticleCode);

        await technician.PushAsync(signed.Document, signed.Hash);
        var (report, audit) = await app.InCompany(company.Id, async (db, _) =>
            (await db.Reports.SingleAsync(TestContext.Current.CancellationToken), await db.AuditEvents.SingleAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(ReportStatus.InReview, report.Status);
        Assert.Contains(ReviewReason.FreeTextItem, report.Reasons);
        Assert.Contains(ReviewReason.ExtrasOverThreshold, report.Reasons);
        Assert.DoesNotContain(ReviewReason.Clean, report.Reasons);
        Assert.Equal("report.needs-review", audit.Action);
        Assert.Contains("FreeTextItem", audit.Reason);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_rules_are_the_companys_to_set_and_an_admin_sets_them(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var office = await company.OfficeAsync();
        var rules = new { enabled = true, requireContract = false, extrasThreshold = 100m, maxTotal = 2000m, maxSurchargedMinutes = 60 };

        var (byOffice, _) = await office.PutJsonAsync("/api/straight-through-rules", new { rules, version = 0 });
        var (bad, problem) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules = rules with { maxTotal = -1m }, version = 0 });
        var (saved, _) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules, version = 0 });
        var stored = await office.GetJsonAsync("/api/straight-through-rules");

        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rules.maxTotal", out _));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2000m, stored.GetProperty("rules").GetProperty("maxTotal").GetDecimal());
    }
}
