using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>
/// Invoicing straight through: a company that opts in gets clean reports invoiced without a click, within its
/// amount limit, as soon as its grouping's period has ended; everything else stays a draft for the office.
/// </summary>
public class StraightThroughIssuingTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_clean_report_pushed_through_the_sync_api_is_issued_without_a_click_on_one_invoice_per_report(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await OptInAsync(company, grouping: "PerReport", issueLimit: 500m);
        var data = await MasterData.CreateAsync(company, "Alpha");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(21), articleCode: data.ArticleCode, withFreeTextExtra: false);

        var response = await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);
        var invoice = await EventuallyAsync(app, company.Id, db => db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Status == InvoiceStatus.Issued, Ct));
        var report = await app.InCompany(company.Id, (db, _) => db.Reports.AsNoTracking().SingleAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([signed.Document.ReportId], invoice.ReportIds);
        Assert.Equal(137.78m, invoice.Total); // the price the customer signed for
        Assert.NotNull(invoice.Number);
        Assert.NotNull(invoice.PdfSha256);
        Assert.NotNull(invoice.UblSha256);
        Assert.NotNull(report.InvoicedAt);
        var chain = await (await company.OfficeAsync()).GetJsonAsync("/api/invoices/verification");
        Assert.True(chain.GetProperty("intact").GetBoolean(), chain.ToString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_monthly_invoice_waits_for_the_month_to_end_and_then_goes_out_the_same_way(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await OptInAsync(company, grouping: "PerCustomerPerMonth", issueLimit: 500m);
        var data = await MasterData.CreateAsync(company, "Alpha");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(22), articleCode: data.ArticleCode, withFreeTextExtra: false);
        await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);

        // 31 March, 23:30 in Brussels: the month of the visit has not ended yet.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero));
        var early = await app.InCompany(company.Id, (_, services) => StraightThroughIssuing.IssueDueAsync(services, Ct));
        var draft = await app.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(0, early);
        Assert.Equal(InvoiceStatus.Draft, draft.Status);

        // 1 April in Brussels (still 31 March in UTC): the worker's next sweep issues it, without anyone asking.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero));
        var issued = await EventuallyAsync(app, company.Id, db => db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Status == InvoiceStatus.Issued, Ct));
        Assert.Equal(draft.Id, issued.Id);
        Assert.Equal(new DateOnly(2026, 4, 1), issued.IssueDate);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Over_the_limit_approved_by_hand_or_not_opted_in_the_draft_waits_for_the_office(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var optedIn = await app.CreateCompanyAsync("Alpha");
        await OptInAsync(optedIn, grouping: "PerReport", issueLimit: 100m); // the clean report comes to 137.78
        var data = await MasterData.CreateAsync(optedIn, "Alpha");
        var clean = SignedReports.Create(data.WorkOrderId, optedIn.Technician.Id, new Random(23), articleCode: data.ArticleCode, withFreeTextExtra: false);
        await (await optedIn.TechnicianAsync()).PushAsync(clean.Document, clean.Hash);

        var other = await app.CreateCompanyAsync("Beta"); // straight-through approval on, issuing without a click off (the default)
        var otherData = await MasterData.CreateAsync(other, "Beta");
        var otherReport = SignedReports.Create(otherData.WorkOrderId, other.Technician.Id, new Random(24), articleCode: otherData.ArticleCode, withFreeTextExtra: false);
        await (await other.TechnicianAsync()).PushAsync(otherReport.Document, otherReport.Hash);

        var overLimit = await app.InCompany(optedIn.Id, (_, services) => StraightThroughIssuing.IssueDueAsync(services, Ct));
        var notOptedIn = await app.InCompany(other.Id, (_, services) => StraightThroughIssuing.IssueDueAsync(services, Ct));

        // Raised limit, but this time the office approved the report by hand: a person looks at what they approved.
        await OptInAsync(optedIn, grouping: "PerReport", issueLimit: 1000m, keepGrouping: true);
        var data2 = await MasterData.CreateAsync(optedIn, "Alpha2");
        var withExtra = SignedReports.Create(data2.WorkOrderId, optedIn.Technician.Id, new Random(25), articleCode: data2.ArticleCode);
        await (await optedIn.TechnicianAsync()).PushAsync(withExtra.Document, withExtra.Hash);
        var office = await optedIn.OfficeAsync();
        var approve = await office.PostAsync($"/api/reports/{withExtra.Document.ReportId}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        await office.PostAsync("/api/invoices/drafts", null, Ct);

        // Under the raised limit the first one now goes; the one approved by hand stays a draft.
        var issued = await EventuallyAsync(app, optedIn.Id, db => db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Status == InvoiceStatus.Issued, Ct));
        await app.InCompany(optedIn.Id, (_, services) => StraightThroughIssuing.IssueDueAsync(services, Ct));
        var invoices = await app.InCompany(optedIn.Id, (db, _) => db.Invoices.AsNoTracking().ToListAsync(Ct));
        var otherInvoices = await app.InCompany(other.Id, (db, _) => db.Invoices.AsNoTracking().ToListAsync(Ct));

        Assert.Equal(0, overLimit);
        Assert.Equal(0, notOptedIn);
        Assert.Equal([clean.Document.ReportId], issued.ReportIds);
        Assert.Equal(InvoiceStatus.Draft, Assert.Single(invoices, i => i.ReportIds.Contains(withExtra.Document.ReportId)).Status);
        Assert.Equal(InvoiceStatus.Draft, Assert.Single(otherInvoices).Status);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_issue_limit_is_checked_like_every_other_rule(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var rules = new { enabled = true, requireContract = true, extrasThreshold = 0m, maxTotal = 1000m, maxSurchargedMinutes = 0, issueAutomatically = true, issueLimit = -5m };

        var (bad, problem) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules, version = 0 });
        var stored = await admin.GetJsonAsync("/api/straight-through-rules");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rules.issueLimit", out _));
        Assert.False(stored.GetProperty("rules").GetProperty("issueAutomatically").GetBoolean());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task OptInAsync(TestCompany company, string grouping, decimal issueLimit, bool keepGrouping = false)
    {
        var admin = await company.AdminAsync();
        var current = await admin.GetJsonAsync("/api/straight-through-rules");
        var rules = new { enabled = true, requireContract = true, extrasThreshold = 0m, maxTotal = 1000m, maxSurchargedMinutes = 0, issueAutomatically = true, issueLimit };
        var (saved, body) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules, version = current.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(body.GetProperty("rules").GetProperty("issueAutomatically").GetBoolean());
        if (keepGrouping)
        {
            return;
        }

        var settings = await admin.GetJsonAsync("/api/invoices/settings");
        var (changed, _) = await admin.PutJsonAsync("/api/invoices/settings", new
        {
            grouping,
            invoiceFormat = settings.GetProperty("invoiceFormat").GetString(),
            creditNoteFormat = settings.GetProperty("creditNoteFormat").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    /// <summary>Waits (up to a generous bound) for the background worker to have done its part; fails with what it saw.</summary>
    private static async Task<T> EventuallyAsync<T>(WerkbonApp app, Guid companyId, Func<AppDb, Task<T?>> read)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await app.InCompany(companyId, (db, _) => read(db)) is { } found)
            {
                return found;
            }

            await Task.Delay(100, Ct);
        }

        var invoices = await app.InCompany(companyId, (db, _) => db.Invoices.AsNoTracking().Select(i => new { i.Status, i.Total }).ToListAsync(Ct));
        Assert.Fail("Nothing was issued straight through; invoices: " + JsonSerializer.Serialize(invoices));
        return null!;
    }
}
