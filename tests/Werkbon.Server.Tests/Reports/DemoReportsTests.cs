using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Review;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>The demo company's past weeks arrive like synced reports: some straight through, the rest waiting with reasons.</summary>
public class DemoReportsTests
{
    [Fact]
    public async Task Clean_demo_reports_are_approved_on_arrival_with_the_reason_audited_and_every_waiting_one_says_why()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite, seedDemo: true);
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (reports, audits, stored) = await app.InCompany(companyId, async (db, services) =>
        {
            var reports = await db.Reports.AsNoTracking().ToListAsync(ct);
            var audits = await db.AuditEvents.AsNoTracking().ToListAsync(ct);
            var store = services.GetRequiredService<IFileStore>();
            var present = 0;
            foreach (var hash in reports.SelectMany(r => r.FileHashes))
            {
                present += await db.Files.AnyAsync(f => f.Sha256 == hash, ct) && await store.ReadAsync(companyId, hash, ct) is { Length: > 0 } ? 1 : 0;
            }

            return (reports, audits, present);
        });
        var approved = reports.Where(r => r.Status == ReportStatus.Approved).ToList();
        var waiting = reports.Where(r => r.Status == ReportStatus.InReview).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{reports.Count} demo reports: {approved.Count} approved straight through, {waiting.Count} waiting; reasons: {string.Join(", ", waiting.SelectMany(r => r.Reasons).Distinct())}");

        Assert.InRange(reports.Count, 15, 25);
        Assert.Equal(reports.Count, approved.Count + waiting.Count);
        Assert.True(approved.Count >= 5, $"only {approved.Count} approved straight through");
        Assert.True(waiting.Count >= 5, $"only {waiting.Count} waiting");
        Assert.All(approved, r =>
        {
            Assert.Equal([ReviewReason.Clean], r.Reasons);
            var audit = Assert.Single(audits, a => a.EntityId == r.Id && !a.Action.StartsWith("report.mail.", StringComparison.Ordinal));
            Assert.Equal("report.approved-straight-through", audit.Action);
            Assert.Equal("Clean", audit.Reason);
            Assert.Null(audit.UserId);
        });
        Assert.All(waiting, r =>
        {
            Assert.NotEmpty(r.Reasons);
            Assert.DoesNotContain(ReviewReason.Clean, r.Reasons);
            var audit = Assert.Single(audits, a => a.EntityId == r.Id && !a.Action.StartsWith("report.mail.", StringComparison.Ordinal));
            Assert.Equal("report.needs-review", audit.Action);
            Assert.Equal(string.Join(", ", r.Reasons), audit.Reason);
        });
        var reasons = waiting.SelectMany(r => r.Reasons).ToHashSet();
        Assert.Superset(
            new HashSet<ReviewReason> { ReviewReason.ExtrasOverThreshold, ReviewReason.SurchargedTimeOverLimit, ReviewReason.FreeTextItem, ReviewReason.PriceOverride, ReviewReason.TotalOverLimit, ReviewReason.NoContract, ReviewReason.CustomerAbsent },
            reasons);
        Assert.All(reports, r => Assert.True(r.IsIntact()));
        Assert.Equal(reports.Sum(r => r.FileHashes.Count), stored);
    }
}
