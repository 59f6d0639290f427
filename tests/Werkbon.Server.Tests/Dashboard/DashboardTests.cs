using System.Text.Json;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Review;
using Werkbon.Core.Vat;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Dashboard;

/// <summary>The office dashboard's figures from reports stored with known moments, on the app's clock.</summary>
public class DashboardTests
{
    private static DateTime Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_dashboard_gives_lead_times_this_week_against_last_week_and_the_work_not_invoiced(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var random = new Random(7);
        var specs = new[]
        {
            // signed, received, approved (null: waits), by rules, invoiced, paid, total, reasons
            (Utc(3, 2, 8), Utc(3, 3, 8), false, (DateTime?)Utc(3, 4, 8), (DateTime?)Utc(3, 10, 8), 300m, new[] { ReviewReason.FreeTextItem }),
            (Utc(3, 9, 8), Utc(3, 9, 10), true, null, null, 120.50m, new[] { ReviewReason.Clean }),
            (Utc(3, 10, 8), Utc(3, 11, 14), false, null, null, 80m, new[] { ReviewReason.FreeTextItem }),
            (Utc(3, 11, 8), Utc(3, 11, 12), false, (DateTime?)Utc(3, 12, 8), null, 500m, new[] { ReviewReason.FreeTextItem, ReviewReason.NoContract }),
        };
        await app.InCompany(company.Id, async (db, _) =>
        {
            foreach (var (signed, approved, byRules, invoiced, paid, total, reasons) in specs)
            {
                var report = Store(data, company, random, signed);
                report.Arrive(Priced(total), data.ContractId, new StraightThroughDecision(byRules, reasons), byRules ? approved : signed);
                if (!byRules)
                {
                    report.Approve(company.Office.Id, approved);
                }

                if (invoiced is { } i)
                {
                    report.MarkInvoiced(i);
                }

                if (paid is { } p)
                {
                    report.MarkPaid(p);
                }

                db.Reports.Add(report);
            }

            // Waits in review since 1 February: over four weeks old.
            var waiting = Store(data, company, random, Utc(2, 1, 8));
            waiting.Arrive(Priced(1000m), data.ContractId, new StraightThroughDecision(false, [ReviewReason.TotalOverLimit]), Utc(2, 1, 8));
            db.Reports.Add(waiting);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        app.Clock.SetUtcNow(new DateTimeOffset(Utc(3, 13, 12))); // Friday 13 March, 13:00 in Brussels
        var office = await company.OfficeAsync();

        var figures = await office.GetJsonAsync("/api/dashboard");
        var stages = figures.GetProperty("leadTimes").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        string Week(string stage, string week)
        {
            var f = stages[stage].GetProperty(week);
            return $"{f.GetProperty("count").GetInt32()} {f.GetProperty("medianHours").GetRawText()} {f.GetProperty("percentile90Hours").GetRawText()}";
        }

        Assert.Equal("2026-03-09", figures.GetProperty("thisWeek").GetProperty("monday").GetString());
        Assert.Equal("3 4 24.8", Week("SignedToApproved", "thisWeek"));
        Assert.Equal("1 24 24", Week("SignedToApproved", "lastWeek"));
        Assert.Equal("1 20 20", Week("ApprovedToInvoiced", "thisWeek"));
        Assert.Equal("1 24 24", Week("ApprovedToInvoiced", "lastWeek"));
        Assert.Equal("1 144 144", Week("InvoicedToPaid", "thisWeek"));
        Assert.Equal("0 null null", Week("InvoicedToPaid", "lastWeek"));
        Assert.Equal("1 192 192", Week("SignedToPaid", "thisWeek"));

        var uninvoiced = figures.GetProperty("uninvoiced");
        Assert.Equal(3, uninvoiced.GetProperty("count").GetInt32());
        Assert.Equal(1200.50m, uninvoiced.GetProperty("value").GetDecimal());
        Assert.Equal(
            ["UnderOneWeek 2 200.5", "OneToFourWeeks 0 0", "FourToEightWeeks 1 1000", "OverEightWeeks 0 0"],
            uninvoiced.GetProperty("ages").EnumerateArray().Select(a => $"{a.GetProperty("bucket").GetString()} {a.GetProperty("count")} {a.GetProperty("value").GetDecimal():0.##}"));

        var share = figures.GetProperty("straightThroughThisWeek");
        Assert.Equal(3, share.GetProperty("received").GetInt32());
        Assert.Equal(1, share.GetProperty("straightThrough").GetInt32());
        Assert.Equal(33.3m, share.GetProperty("percent").GetDecimal());
        Assert.Equal(JsonValueKind.Number, figures.GetProperty("straightThroughLastWeek").GetProperty("percent").ValueKind);
        Assert.Equal(
            ["FreeTextItem 3", "NoContract 1"],
            figures.GetProperty("topReasons").EnumerateArray().Select(r => $"{r.GetProperty("reason").GetString()} {r.GetProperty("count")}"));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Invoicing_needs_an_approved_report_and_payment_an_invoiced_one(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var report = Store(data, company, new Random(8), Utc(3, 9, 8));
        report.Arrive(Priced(10m), null, new StraightThroughDecision(false, [ReviewReason.NoContract]), Utc(3, 9, 8));

        Assert.Throws<DomainException>(() => report.MarkInvoiced(Utc(3, 10, 8)));
        Assert.Throws<DomainException>(() => report.MarkPaid(Utc(3, 10, 8)));
        report.Approve(company.Office.Id, Utc(3, 9, 9));
        report.MarkInvoiced(Utc(3, 10, 8));
        report.MarkPaid(Utc(3, 20, 8));
        Assert.Equal(ReportStatus.Invoiced, report.Status);
        Assert.Equal(Utc(3, 10, 8), report.InvoicedAt);
        Assert.Equal(Utc(3, 20, 8), report.PaidAt);
    }

    private static InterventionReport Store(MasterData data, TestCompany company, Random random, DateTime signedAt)
    {
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, random);
        var document = signed.Document with { Signature = signed.Document.Signature with { SignedAt = new DateTimeOffset(signedAt) } };
        return new InterventionReport(document, CanonicalReport.ToText(document), ReportHash.Compute(document), signedAt);
    }

    private static PricedReport Priced(decimal total) => new([], [], total, 0m, total, VatRegime.LineRates, [], null, []);
}
