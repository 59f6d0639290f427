using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Sync;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>The 17:00 sync: many technicians push their signed reports at the same moment.</summary>
public class ConcurrentIngestTests
{
    private const int Pushes = 64;
    private const int Duplicates = 8;

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Sixty_four_pushes_at_once_all_succeed_and_every_approved_report_is_on_exactly_one_draft(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Rush");
        var customers = new[] { await MasterData.CreateAsync(company, "Rush"), await MasterData.CreateAsync(company, "Peak") };
        var office = await company.OfficeAsync();
        // One draft per customer and month: every approved push of a customer adds to the same draft.
        var (settings, settingsBody) = await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerCustomerPerMonth", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" });
        Assert.True(settings.StatusCode == HttpStatusCode.OK, settingsBody.ToString());

        // 56 reports on 56 work orders of two customers; one in four has a free-text item and waits for the office.
        // Eight of them are delivered twice at the same moment, as a device whose answer was lost retries.
        var random = new Random(20261203);
        var reports = new List<SignedReports.Signed>();
        for (var i = 0; i < Pushes - Duplicates; i++)
        {
            var data = customers[i % customers.Length];
            var (created, order) = await office.PostJsonAsync("/api/work-orders", new
            {
                customerId = data.CustomerId,
                siteId = data.SiteId,
                description = $"Onderhoud {i}",
                scheduledStart = "2026-03-10T08:00:00+01:00",
                scheduledEnd = "2026-03-10T10:00:00+01:00",
                technicianIds = new[] { company.Technician.Id },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, order.ToString());
            reports.Add(SignedReports.Create(order.GetProperty("id").GetGuid(), company.Technician.Id, random, photos: 0, articleCode: data.ArticleCode, withFreeTextExtra: i % 4 == 3));
        }

        var deliveries = reports.Concat(reports.Take(Duplicates)).ToList();
        var technician = await company.TechnicianAsync();
        using var start = new SemaphoreSlim(0);
        var pushes = deliveries.Select(signed => Task.Run(async () =>
        {
            await start.WaitAsync(ct);
            var response = await technician.PushAsync(signed.Document, signed.Hash);
            var body = await response.Content.ReadAsStringAsync(ct);
            var outcome = response.IsSuccessStatusCode ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString() : null;
            return (signed.Document.ReportId, response.StatusCode, Body: body, Outcome: outcome);
        }, ct)).ToList();
        start.Release(deliveries.Count);
        var answers = await Task.WhenAll(pushes);

        var failed = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {answers.Length} pushes failed, first: {failed.Select(f => $"{(int)f.StatusCode} {f.Body}").FirstOrDefault()}");
        Assert.All(answers.GroupBy(a => a.ReportId), g => Assert.Equal(1, g.Count(a => a.Outcome == nameof(PushOutcome.Stored))));

        var (stored, sources, drafts) = await app.InCompany(company.Id, async (db, _) => (
            await db.Reports.AsNoTracking().ToListAsync(ct),
            await db.InvoiceSources.AsNoTracking().ToListAsync(ct),
            await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft).ToListAsync(ct)));
        var approved = stored.Where(r => r.Status == ReportStatus.Approved).Select(r => r.Id).ToHashSet();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{provider}: {answers.Length} pushes at once, {failed.Count} failed, {stored.Count} reports stored, {approved.Count} approved, {sources.Count} on {drafts.Count} drafts");

        Assert.Equal(reports.Count, stored.Count);
        Assert.All(stored, r => Assert.True(r.IsIntact() && r.Hash == reports.Single(s => s.Document.ReportId == r.Id).Hash));
        Assert.Equal(reports.Count - reports.Count / 4, approved.Count);
        Assert.Equal(approved.Order(), sources.Select(s => s.ReportId).Order()); // each approved report on one invoice, nothing else
        Assert.Equal(approved.Order(), drafts.SelectMany(d => d.ReportIds).Order());
        Assert.Equal(customers.Select(c => c.CustomerId).Order(), drafts.Select(d => d.CustomerId).Order());
        Assert.All(drafts, d => Assert.Equal(sources.Where(s => s.InvoiceId == d.Id).Select(s => s.ReportId).Order(), d.ReportIds.Order()));

        // Nothing was left for a later gathering, and nothing went wrong on the way.
        var (gathered, gatheredBody) = await office.PostJsonAsync("/api/invoices/drafts", new { });
        Assert.Equal(HttpStatusCode.OK, gathered.StatusCode);
        Assert.Equal(0, gatheredBody.GetProperty("reportsGathered").GetInt32());
        Assert.True(app.Logs.Failures.Count == 0, string.Join(Environment.NewLine, app.Logs.Failures));
    }
}
