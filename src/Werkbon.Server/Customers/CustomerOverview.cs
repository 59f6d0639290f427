using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Reports;
using Werkbon.Server.Contracts;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Customers;

public sealed record OverviewAsset(Guid Id, string Type, string Brand, string Model, string SerialNumber, DateOnly? WarrantyUntil, bool UnderWarranty);

public sealed record OverviewSite(Guid Id, string Name, Address Address, IReadOnlyList<OverviewAsset> Assets);

public sealed record OverviewContract(Guid Id, string Name, ContractKind Kind, DateOnly StartsOn, DateOnly? EndsOn, bool Active, IncludedHoursStatus? IncludedHours);

public enum TimelineKind
{
    WorkOrder,
    Report,
    Invoice,
    Payment,
    Reminder,
}

/// <summary>
/// One line of a customer's history, whatever its source. <c>Status</c> is a text key suffix
/// (e.g. <c>WorkOrderStatus.Planned</c>); <c>Link</c> is the page to open.
/// </summary>
public sealed record TimelineEntry(DateTime At, TimelineKind Kind, Guid Id, string Title, string Detail, string Status, decimal? Amount, int Photos, string Link);

public sealed record CustomerOverviewDetails(
    CustomerDetailsSummary Customer,
    IReadOnlyList<OverviewSite> Sites,
    IReadOnlyList<OverviewContract> Contracts,
    IReadOnlyList<TimelineEntry> Timeline,
    Core.Dashboard.PaymentBehaviour Payment);

public sealed record CustomerDetailsSummary(
    Guid Id, CustomerKind Kind, string Name, string VatNumber, string EnterpriseNumber, Address BillingAddress, string Email, string Phone, string Language,
    int PaymentTermDays, string Notes, bool Archived);

/// <summary>
/// <c>GET /api/customers/{id}/overview?search=</c>: the customer 360 — profile, sites with assets and
/// warranty, contracts with this contract year's included-hours balance, the timeline newest first, and the
/// payment behaviour (average days late, open and overdue amounts, <see cref="Core.Dashboard.CashFigures.Behaviour"/>).
/// The timeline is the merge of every <see cref="Sources"/> entry; invoicing adds its own source.
/// </summary>
public static class CustomerOverview
{
    public const int MaxTimeline = 500;

    /// <summary>Where timeline entries come from; each returns a customer's entries, any order.</summary>
    public static readonly IReadOnlyList<Func<AppDb, Guid, CancellationToken, Task<IReadOnlyList<TimelineEntry>>>> Sources =
    [
        WorkOrderEntriesAsync,
        ReportEntriesAsync,
        Invoicing.InvoiceTimeline.EntriesAsync,
        Payments.Reminders.TimelineAsync,
    ];

    public static async Task<Results<Ok<CustomerOverviewDetails>, NotFound<ProblemDetails>>> Handle(
        Guid id, string? search, AppDb db, TimeProvider clock, CancellationToken ct) =>
        await LoadAsync(db, id, search, clock, ct) is { } overview ? TypedResults.Ok(overview) : Rows.Missing("customer");

    public static async Task<CustomerOverviewDetails?> LoadAsync(AppDb db, Guid id, string? search, TimeProvider clock, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CustomerDetailsSummary(
                c.Id, c.Kind, c.Name, c.VatNumber, c.EnterpriseNumber, c.BillingAddress, c.Email, c.Phone, c.Language, c.PaymentTermDays, c.Notes, c.ArchivedAt != null))
            .FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var zone = (await Companies.CompanyClock.LoadAsync(db, ct)).Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var sites = await db.Sites.AsNoTracking().Where(s => s.CustomerId == id && s.ArchivedAt == null).OrderBy(s => s.Name).ToListAsync(ct);
        var siteIds = sites.Select(s => s.Id).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => siteIds.Contains(a.SiteId) && a.ArchivedAt == null).OrderBy(a => a.Type).ToListAsync(ct);
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.CustomerId == id && c.ArchivedAt == null).OrderByDescending(c => c.StartsOn).ToListAsync(ct);
        var contractViews = new List<OverviewContract>();
        foreach (var contract in contracts)
        {
            contractViews.Add(new OverviewContract(
                contract.Id, contract.Name, contract.Kind, contract.StartsOn, contract.EndsOn, contract.IsActiveOn(today),
                await SaveContract.IncludedHoursAsync(db, contract, clock, ct)));
        }

        return new CustomerOverviewDetails(
            customer,
            [.. sites.Select(s => new OverviewSite(s.Id, s.Name, s.Address, [.. assets.Where(a => a.SiteId == s.Id)
                .Select(a => new OverviewAsset(a.Id, a.Type, a.Brand, a.Model, a.SerialNumber, a.WarrantyUntil, a.IsUnderWarrantyOn(today)))]))],
            contractViews,
            await TimelineAsync(db, id, search, ct),
            Core.Dashboard.CashFigures.Behaviour(customer.Id, customer.Name, await Dashboard.CashRows.LoadAsync(db, today, id, ct), today));
    }

    /// <summary>Every source's entries for the customer, newest first, those matching the search (any word of title, detail or number).</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(AppDb db, Guid customerId, string? search, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        foreach (var source in Sources)
        {
            entries.AddRange(await source(db, customerId, ct));
        }

        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. entries
            .Where(e => words.All(w => e.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || e.Detail.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(e => e.At)
            .ThenBy(e => e.Kind)
            .Take(MaxTimeline)];
    }

    private static async Task<IReadOnlyList<TimelineEntry>> WorkOrderEntriesAsync(AppDb db, Guid customerId, CancellationToken ct)
    {
        var rows = await (
            from w in db.WorkOrders.AsNoTracking()
            where w.CustomerId == customerId && w.ArchivedAt == null
            join s in db.Sites on w.SiteId equals s.Id
            orderby w.ScheduledStart descending
            select new { w.Id, w.ScheduledStart, w.Number, SiteName = s.Name, w.Description, w.Status })
            .Take(MaxTimeline).ToListAsync(ct);
        return [.. rows.Select(w => new TimelineEntry(
            w.ScheduledStart, TimelineKind.WorkOrder, w.Id, w.Number, $"{w.SiteName} · {w.Description}", $"WorkOrderStatus.{w.Status}", null, 0, $"/work-orders/{w.Id}"))];
    }

    private static async Task<IReadOnlyList<TimelineEntry>> ReportEntriesAsync(AppDb db, Guid customerId, CancellationToken ct)
    {
        var rows = await (
            from r in db.Reports.AsNoTracking()
            join w in db.WorkOrders on r.WorkOrderId equals w.Id
            where w.CustomerId == customerId
            join s in db.Sites on w.SiteId equals s.Id
            join u in db.Users on r.TechnicianId equals u.Id into technicians
            from u in technicians.DefaultIfEmpty()
            orderby r.SignedAt descending
            select new { r.Id, r.SignedAt, w.Number, SiteName = s.Name, Technician = u == null ? "" : u.DisplayName, r.Status, r.PricedTotal, r.CanonicalDocument })
            .Take(MaxTimeline).ToListAsync(ct);

        return [.. rows.Select(r => new TimelineEntry(
            r.SignedAt, TimelineKind.Report, r.Id, r.Number, $"{r.SiteName} · {r.Technician}", $"ReportStatus.{r.Status}", r.PricedTotal,
            PhotoCount(r.CanonicalDocument), $"/reports/{r.Id}"))];
    }

    private static int PhotoCount(string canonical)
    {
        var document = JsonSerializer.Deserialize<ReportDocument>(canonical, JsonColumns.Options);
        return document?.Photos?.Count ?? 0;
    }
}
