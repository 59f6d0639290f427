using Werkbon.Core.Dashboard;
using Werkbon.Server.Companies;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;

namespace Werkbon.Server.WorkOrders;

public sealed record BoardTechnician(Guid Id, string Name);

/// <summary>A work order in one technician's lane (or unassigned) on one day; times are company-local.</summary>
public sealed record BoardCard(
    Guid WorkOrderId,
    string Number,
    string CustomerName,
    string SiteName,
    string City,
    string Description,
    DateTime Start,
    DateTime End,
    WorkOrderStatus Status,
    Guid? TechnicianId,
    int Version,
    bool Overlaps)
{
    public DateOnly Day => DateOnly.FromDateTime(Start);

    public bool Movable => Status is WorkOrderStatus.Planned or WorkOrderStatus.InProgress;
}

public sealed record Board(DateOnly From, int Days, IReadOnlyList<BoardTechnician> Technicians, IReadOnlyList<BoardCard> Cards, IReadOnlyList<BoardCard> Unassigned);

/// <summary>
/// <c>GET /api/planning?from=&amp;days=</c>: the planning board — each active technician's work orders per
/// day from <c>from</c> (a company-local day, default this week's Monday) for <c>days</c> days (1–14,
/// default 7), the open unassigned orders from that day on, and overlaps within one technician's lane.
/// </summary>
public static class PlanningBoard
{
    public const int MaxUnassigned = 200;

    public static async Task<Results<Ok<Board>, ValidationProblem>> Handle(DateOnly? from, int? days, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        if (from is { } day && new Validation(texts).Date("from", day) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        var zone = (await CompanyClock.LoadAsync(db, ct)).Zone;
        var start = from ?? LeadTimes.WeekOf(clock.GetUtcNow(), zone).Monday;
        return TypedResults.Ok(await LoadAsync(db, start, Math.Clamp(days ?? 7, 1, 14), zone, ct));
    }

    public static async Task<Board> LoadAsync(AppDb db, DateOnly from, int days, TimeZoneInfo zone, CancellationToken ct)
    {
        var windowStart = LeadTimes.StartOfDay(from, zone).UtcDateTime;
        var windowEnd = LeadTimes.StartOfDay(from.AddDays(days), zone).UtcDateTime;
        var technicians = (await InviteUser.Search(db, null, Roles.Technician, false, 1, Paging.MaxPageSize, ct)).Value!.Items
            .Select(t => new BoardTechnician(t.Id, t.DisplayName))
            .ToList();

        var rows = await (
            from w in db.WorkOrders.AsNoTracking()
            where w.ArchivedAt == null && w.Status != WorkOrderStatus.Cancelled
                && ((w.ScheduledEnd > windowStart && w.ScheduledStart < windowEnd)
                    || (!w.Technicians.Any() && w.ScheduledEnd > windowStart && (w.Status == WorkOrderStatus.Planned || w.Status == WorkOrderStatus.InProgress)))
            join c in db.Customers on w.CustomerId equals c.Id
            join s in db.Sites on w.SiteId equals s.Id
            orderby w.ScheduledStart
            select new
            {
                w.Id, w.Number, CustomerName = c.Name, SiteName = s.Name, s.Address.City, w.Description, w.ScheduledStart, w.ScheduledEnd, w.Status, w.Version,
                TechnicianIds = w.Technicians.Select(t => t.UserId).ToList(),
            }).Take(2000).ToListAsync(ct);

        var cards = new List<BoardCard>();
        var unassigned = new List<BoardCard>();
        foreach (var row in rows)
        {
            BoardCard Make(Guid? technicianId) => new(
                row.Id, row.Number, row.CustomerName, row.SiteName, row.City, row.Description,
                TimeZoneInfo.ConvertTimeFromUtc(row.ScheduledStart, zone), TimeZoneInfo.ConvertTimeFromUtc(row.ScheduledEnd, zone),
                row.Status, technicianId, row.Version, Overlaps: false);
            if (row.TechnicianIds.Count == 0)
            {
                if (unassigned.Count < MaxUnassigned)
                {
                    unassigned.Add(Make(null));
                }
            }
            else if (row.ScheduledStart < windowEnd && row.ScheduledEnd > windowStart)
            {
                cards.AddRange(row.TechnicianIds.Select(id => Make(id)));
            }
        }

        return new Board(from, days, technicians, MarkOverlaps(cards), unassigned);
    }

    /// <summary>A company-local day and time of day as an instant (a time in the spring-forward gap moves on by the gap).</summary>
    public static DateTimeOffset Instant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Flags each card whose window overlaps another card in the same technician's lane.</summary>
    public static IReadOnlyList<BoardCard> MarkOverlaps(IReadOnlyList<BoardCard> cards) =>
        [.. cards.Select(card => card with
        {
            Overlaps = cards.Any(other => other.WorkOrderId != card.WorkOrderId && other.TechnicianId == card.TechnicianId
                && other.Start < card.End && card.Start < other.End),
        })];
}
