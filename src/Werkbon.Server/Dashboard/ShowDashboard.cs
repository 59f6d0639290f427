using Werkbon.Core.Dashboard;
using Werkbon.Server.Hosting;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c>: lead times signed → approved → invoiced → paid (this week against last
/// week), signed work not invoiced yet, the straight-through share and the top review reasons, all
/// computed by <see cref="LeadTimes"/> from the reports' stored moments; and the cash figures of
/// <see cref="CashFigures"/> (issued → paid, DSO, overdue by age, slowest payers) from the issued invoices; and the
/// headline, signature → invoice delivered, by <see cref="DeliveryTimes"/>.
/// </summary>
public static class ShowDashboard
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", Handle).WithTags("Dashboard").RequireAuthorization(Policies.Office);
        return app;
    }

    public static async Task<Ok<DashboardFigures>> Handle(AppDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await ComputeAsync(db, clock, ct));

    public static async Task<DashboardFigures> ComputeAsync(AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var zone = (await Companies.CompanyClock.LoadAsync(db, ct)).Zone;
        var now = clock.GetUtcNow();
        var since = LeadTimes.WeekOf(now, zone).Start.AddDays(-8).UtcDateTime;

        // Only what the figures can use: work not invoiced yet, and anything that moved since last week began.
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.InvoicedAt == null || r.ReceivedAt >= since || r.ApprovedAt >= since || r.InvoicedAt >= since || r.PaidAt >= since)
            .Select(r => new { r.SignedAt, r.ReceivedAt, r.ApprovedAt, r.ApprovedBy, r.Status, r.InvoicedAt, r.PaidAt, r.PricedTotal, r.Reasons })
            .ToListAsync(ct);
        var moments = rows.Select(r => new ReportMoments(
                Utc(r.SignedAt),
                Utc(r.ReceivedAt),
                Utc(r.ApprovedAt),
                r.ApprovedAt is not null && r.ApprovedBy is null,
                Utc(r.InvoicedAt),
                Utc(r.PaidAt),
                r.PricedTotal,
                r.Reasons))
            .ToList();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var cash = CashFigures.Compute(await CashRows.LoadAsync(db, today, null, ct), today);
        var delivery = DeliveryTimes.Compute(await DeliveryMomentsAsync(db, since, ct), now, zone);
        return LeadTimes.Compute(moments, now, zone) with { Cash = cash, Delivery = delivery };
    }

    /// <summary>
    /// Per report on an invoice first delivered since <paramref name="since"/>: its signature, whether it was approved
    /// straight through on arrival, and the earliest moment a delivery of that invoice was accepted.
    /// </summary>
    private static async Task<List<DeliveryMoments>> DeliveryMomentsAsync(AppDb db, DateTime since, CancellationToken ct)
    {
        var firsts = db.Set<Delivery.InvoiceDelivery>().AsNoTracking()
            .Where(d => d.DeliveredAt != null)
            .GroupBy(d => d.InvoiceId)
            .Select(g => new { InvoiceId = g.Key, DeliveredAt = g.Min(d => d.DeliveredAt) })
            .Where(f => f.DeliveredAt >= since);
        var rows = await (from f in firsts
                          join s in db.InvoiceSources.AsNoTracking() on f.InvoiceId equals s.InvoiceId
                          join r in db.Reports.AsNoTracking() on s.ReportId equals r.Id
                          select new { r.SignedAt, r.ApprovedAt, r.ApprovedBy, f.DeliveredAt })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DeliveryMoments(Utc(r.SignedAt), r.ApprovedAt != null && r.ApprovedBy == null, Utc(r.DeliveredAt)))];
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;
}
