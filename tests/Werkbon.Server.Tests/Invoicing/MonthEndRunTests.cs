using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

public sealed class MonthEndRunTests
{
    private static readonly DateOnly March = new(2026, 3, 1);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_month_end_run_issues_one_invoice_per_customer_for_the_month_and_nothing_of_other_months_or_companies(DatabaseProvider provider)
    {
        await using var app = await WerkbonApp.StartAsync(provider, settings: new Dictionary<string, string> { ["MonthEnd:BatchSize"] = "4" });
        var alpha = await app.CreateCompanyAsync("Maand Alfa");
        var bravo = await app.CreateCompanyAsync("Maand Bravo");
        var office = await alpha.OfficeAsync();
        var bravoOffice = await bravo.OfficeAsync();
        await PerCustomerMonthAsync(office);
        await PerCustomerMonthAsync(bravoOffice);
        var march = await SeedAsync(app, alpha, reports: 30, customers: 7, March, seed: 1);
        var february = await SeedAsync(app, alpha, reports: 4, customers: 2, new DateOnly(2026, 2, 1), seed: 2);
        var bravoReports = await SeedAsync(app, bravo, reports: 5, customers: 2, March, seed: 3);

        var (started, body) = await office.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2026-03" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("2026-03", body.GetProperty("period").GetString());
        var run = await FinishedAsync(office, body.GetProperty("id").GetGuid());
        Assert.Equal(7, run.GetProperty("total").GetInt32());
        Assert.Equal(7, run.GetProperty("done").GetInt32());
        Assert.Equal(0, run.GetProperty("errors").GetInt32());
        Assert.NotNull(run.GetProperty("finishedAt").GetString());

        // One invoice per customer for March, every March report on exactly one of them, invoiced; February waits, Bravo untouched.
        var issued = await Invoices.IssuedAsync(alpha);
        Assert.Equal(7, issued.Count);
        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), issued.Select(i => i.Sequence));
        Assert.True((await Invoices.VerifyAsync(alpha)).Intact);
        await app.InCompany(alpha.Id, async (db, _) =>
        {
            var sources = await db.InvoiceSources.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(march.Order(), sources.Select(s => s.ReportId).Order());
            var invoices = await db.Invoices.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            Assert.All(invoices, i => Assert.StartsWith("month:", i.GroupKey, StringComparison.Ordinal));
            Assert.Equal(7, invoices.Select(i => i.CustomerId).Distinct().Count());
            var statuses = await db.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Status, TestContext.Current.CancellationToken);
            Assert.All(march, id => Assert.Equal(ReportStatus.Invoiced, statuses[id]));
            Assert.All(february, id => Assert.Equal(ReportStatus.Approved, statuses[id]));
            Assert.Equal(14, await db.InvoiceFiles.CountAsync(TestContext.Current.CancellationToken)); // a PDF and a UBL each
            return 0;
        });
        Assert.Empty(await Invoices.IssuedAsync(bravo));
        await app.InCompany(bravo.Id, async (db, _) =>
        {
            Assert.Equal(bravoReports.Count, await db.Reports.CountAsync(r => r.Status == ReportStatus.Approved, TestContext.Current.CancellationToken));
            return 0;
        });

        // Another company neither reads the run nor lists it.
        Assert.Equal(HttpStatusCode.NotFound, (await bravoOffice.GetAsync($"/api/invoices/month-end-runs/{run.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, (await bravoOffice.GetJsonAsync("/api/invoices/month-end-runs")).GetArrayLength());
        Assert.Equal(1, (await office.GetJsonAsync("/api/invoices/month-end-runs")).GetArrayLength());

        // Running the month again, a minute later, finds nothing more to issue.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (again, againBody) = await office.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2026-03" });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await FinishedAsync(office, againBody.GetProperty("id").GetGuid());
        Assert.Equal(0, second.GetProperty("total").GetInt32());
        Assert.Equal(7, (await Invoices.IssuedAsync(alpha)).Count);

        // Refusals: no month, a technician.
        var (bad, badBody) = await office.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2026-13" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("period", out _));
        var technician = await alpha.TechnicianAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2026-03" })).Response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_run_stopped_by_a_failure_resumes_after_a_restart_without_gaps_or_doubles(DatabaseProvider provider)
    {
        var app = await WerkbonApp.StartAsync(provider, settings: new Dictionary<string, string> { ["MonthEnd:BatchSize"] = "3" });
        try
        {
            var company = await app.CreateCompanyAsync("Maand Herstart");
            var office = await company.OfficeAsync();
            await PerCustomerMonthAsync(office);
            var reports = await SeedAsync(app, company, reports: 20, customers: 8, March, seed: 4);

            // The process "dies" in the second batch, after its numbers were taken and before it commits.
            var commits = 0;
            app.Services.GetRequiredService<InvoiceIssueHooks>().BeforeCommit = (_, _) =>
                ++commits > 3 ? throw new IOException("disk gone") : Task.CompletedTask;
            var (_, body) = await office.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2026-03" });
            var id = body.GetProperty("id").GetGuid();
            var stuck = await WaitAsync(office, id, r => r.GetProperty("done").GetInt32() == 3 && commits > 3);
            Assert.Equal("Running", stuck.GetProperty("state").GetString());
            Assert.Equal(3, (await Invoices.IssuedAsync(company)).Count);

            app = app.Restart();
            office = await app.ClientForAsync(company.Office.Email!);
            var run = await FinishedAsync(office, id);
            Assert.Equal(8, run.GetProperty("done").GetInt32());
            Assert.Equal(8, run.GetProperty("total").GetInt32());
            var issued = await Invoices.IssuedAsync(company with { App = app });
            Assert.Equal(Enumerable.Range(1, 8).Select(n => (long)n), issued.Select(i => i.Sequence));
            Assert.True((await Invoices.VerifyAsync(company with { App = app })).Intact);
            await app.InCompany(company.Id, async (db, _) =>
            {
                var sources = await db.InvoiceSources.AsNoTracking().Select(s => s.ReportId).ToListAsync(TestContext.Current.CancellationToken);
                Assert.Equal(reports.Order(), sources.Order());
                Assert.Equal(20, await db.Reports.CountAsync(r => r.Status == ReportStatus.Invoiced, TestContext.Current.CancellationToken));
                return 0;
            });
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task PerCustomerMonthAsync(HttpClient office) =>
        (await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerCustomerPerMonth", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" }))
            .Response.EnsureSuccessStatusCode();

    private static Task<IReadOnlyList<Guid>> SeedAsync(WerkbonApp app, TestCompany company, int reports, int customers, DateOnly month, int seed) =>
        app.InCompany(company.Id, (db, _) => VolumeSeed.ApprovedReportsAsync(
            db, company.Technician.Id, reports, customers, month, seed, app.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken));

    private static Task<JsonElement> FinishedAsync(HttpClient office, Guid id) =>
        WaitAsync(office, id, r => r.GetProperty("state").GetString() == "Done");

    private static async Task<JsonElement> WaitAsync(HttpClient office, Guid id, Func<JsonElement, bool> until)
    {
        for (var i = 0; ; i++)
        {
            var run = await office.GetJsonAsync($"/api/invoices/month-end-runs/{id}");
            if (until(run))
            {
                return run;
            }

            Assert.True(i < 600, $"The run did not get there: {run}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
