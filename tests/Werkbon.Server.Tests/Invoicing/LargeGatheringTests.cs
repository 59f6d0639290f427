using Microsoft.EntityFrameworkCore;
using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>The office gathers a whole company's approved reports at once: more customers than one part holds in memory.</summary>
public sealed class LargeGatheringTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Gathering_hundreds_of_customers_puts_every_report_on_exactly_one_draft_of_its_own_customer_and_month(DatabaseProvider provider)
    {
        await using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Groot Verzamelen");
        var office = await company.OfficeAsync();
        (await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerCustomerPerMonth", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" }))
            .Response.EnsureSuccessStatusCode();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var march = await app.InCompany(company.Id, (db, _) => VolumeSeed.ApprovedReportsAsync(
            db, company.Technician.Id, reports: 700, customers: 450, new DateOnly(2026, 3, 1), seed: 11, now, TestContext.Current.CancellationToken));
        var april = await app.InCompany(company.Id, (db, _) => VolumeSeed.ApprovedReportsAsync(
            db, company.Technician.Id, reports: 60, customers: 30, new DateOnly(2026, 4, 1), seed: 12, now, TestContext.Current.CancellationToken));

        var (gathered, body) = await office.PostJsonAsync("/api/invoices/drafts", new { });
        Assert.Equal(HttpStatusCode.OK, gathered.StatusCode);
        Assert.Equal(760, body.GetProperty("reportsGathered").GetInt32());
        Assert.Equal(480, body.GetProperty("intoDrafts").GetInt32());

        await app.InCompany(company.Id, async (db, _) =>
        {
            var ct = TestContext.Current.CancellationToken;
            var sources = await db.InvoiceSources.AsNoTracking().ToListAsync(ct);
            Assert.Equal(march.Concat(april).Order(), sources.Select(s => s.ReportId).Order());
            var drafts = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft).ToDictionaryAsync(i => i.Id, ct);
            Assert.Equal(480, drafts.Count);
            var reports = await (from r in db.Reports.AsNoTracking()
                                 join w in db.WorkOrders.AsNoTracking() on r.WorkOrderId equals w.Id
                                 select new { r.Id, r.VisitDate, w.CustomerId }).ToDictionaryAsync(r => r.Id, ct);
            foreach (var source in sources)
            {
                var draft = drafts[source.InvoiceId];
                var report = reports[source.ReportId];
                Assert.Equal(report.CustomerId, draft.CustomerId);
                Assert.Equal(DraftInvoices.GroupKey(InvoiceGrouping.PerCustomerPerMonth, report.Id, Guid.Empty, report.CustomerId, report.VisitDate), draft.GroupKey);
                Assert.Contains(report.Id, draft.ReportIds);
            }

            Assert.Equal(760, drafts.Values.Sum(d => d.ReportIds.Count));
            return 0;
        });

        // Gathering again finds nothing more.
        var (again, againBody) = await office.PostJsonAsync("/api/invoices/drafts", new { });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, againBody.GetProperty("reportsGathered").GetInt32());
        Assert.Equal(480, againBody.GetProperty("drafts").GetInt32());
    }
}
