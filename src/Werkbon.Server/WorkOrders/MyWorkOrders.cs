using System.Security.Claims;
using Werkbon.Server.Customers;

namespace Werkbon.Server.WorkOrders;

public sealed record AssetSummary(Guid Id, string Type, string Brand, string Model, string SerialNumber, DateOnly? WarrantyUntil);

public sealed record MyWorkOrder(
    Guid Id,
    string Number,
    string CustomerName,
    string CustomerLanguage,
    string SiteName,
    Address SiteAddress,
    string AccessNotes,
    string Description,
    DateTime ScheduledStart,
    DateTime ScheduledEnd,
    WorkOrderStatus Status,
    IReadOnlyList<AssetSummary> Assets);

/// <summary>The signed-in technician's open work orders from today (company time) for the next 14 days.</summary>
public static class MyWorkOrders
{
    public static async Task<Ok<IReadOnlyList<MyWorkOrder>>> Handle(ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var zone = (await Companies.CompanyClock.LoadAsync(db, ct)).Zone;
        var localToday = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).Date;
        var windowStart = TimeZoneInfo.ConvertTimeToUtc(localToday, zone);
        var windowEnd = windowStart.AddDays(14);

        var orders = await (
            from w in db.WorkOrders.AsNoTracking()
            where w.ArchivedAt == null
                && (w.Status == WorkOrderStatus.Planned || w.Status == WorkOrderStatus.InProgress)
                && w.Technicians.Any(t => t.UserId == me)
                && w.ScheduledEnd >= windowStart && w.ScheduledStart < windowEnd
            join c in db.Customers on w.CustomerId equals c.Id
            join s in db.Sites on w.SiteId equals s.Id
            orderby w.ScheduledStart
            select new
            {
                w.Id, w.Number, CustomerName = c.Name, c.Language, SiteName = s.Name, s.Address, s.AccessNotes, w.Description,
                w.ScheduledStart, w.ScheduledEnd, w.Status, AssetIds = w.Assets.Select(a => a.AssetId).ToList(),
            }).ToListAsync(ct);

        var assetIds = orders.SelectMany(o => o.AssetIds).Distinct().ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id))
            .Select(a => new AssetSummary(a.Id, a.Type, a.Brand, a.Model, a.SerialNumber, a.WarrantyUntil))
            .ToDictionaryAsync(a => a.Id, ct);

        IReadOnlyList<MyWorkOrder> result = [.. orders.Select(o => new MyWorkOrder(
            o.Id, o.Number, o.CustomerName, o.Language, o.SiteName, o.Address, o.AccessNotes, o.Description, o.ScheduledStart, o.ScheduledEnd, o.Status,
            [.. o.AssetIds.Where(assets.ContainsKey).Select(id => assets[id])]))];
        return TypedResults.Ok(result);
    }
}
