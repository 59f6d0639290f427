using System.Buffers.Binary;
using System.Security.Claims;
using System.Security.Cryptography;
using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Core.Vat;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Reports;

/// <summary>
/// <c>GET /api/sync/changes?since=…&amp;protocol=2</c>: what a technician's device needs to work offline — their
/// open work orders from yesterday to two weeks ahead, the catalog, the rate card and the contracts of those
/// work orders' customers that may cover their visits.
/// <para>
/// The token is a <see cref="ChangeCursor"/>: the change sequence (<see cref="ChangeSequence"/>) the device is
/// complete up to, the day its window was cut on, and a binding to the technician. With a token of today that
/// this technician got, the answer is a delta: the work orders that changed since (or whose customer, site,
/// assets, contracts or site history did), the ones that left the technician (<c>RemovedWorkOrderIds</c>:
/// reassigned, cancelled, completed, archived, moved out of the window), changed and removed articles, and the
/// pricing data when any of it may have changed. Any other token — none, unknown, tampered, of another
/// technician or company, of another day, or cut in another time zone of the company — gets the full snapshot.
/// A client older than protocol 2 never gets a delta: nothing changed → an empty answer, else the full snapshot.
/// </para>
/// </summary>
public static class PullChanges
{
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    public static async Task<Ok<PullResponse>> Handle(string? since, int? protocol, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        // First, before any read: every change numbered below the horizon is visible to what follows.
        var horizon = await ChangeSequence.HorizonAsync(db, ct);
        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var companyId = db.CompanyId!.Value;
        var stamp = user.FindFirstValue(StampClaim)
            ?? await db.Users.Where(u => u.Id == me).Select(u => u.SecurityStamp).SingleAsync(ct)
            ?? "";
        var rateCard = await ReportPricing.RateCardAsync(db, ct);
        var zone = rateCard.Clock.Zone;
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).Date;
        var day = DateOnly.FromDateTime(today);
        var window = new Window(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(-1), zone), TimeZoneInfo.ConvertTimeToUtc(today.AddDays(-1), zone).AddDays(15));
        var version = Math.Min(protocol ?? 1, SyncProtocol.Version);

        long? from = ChangeCursor.TryDecode(since, out var cursor)
            && cursor.Day == day
            && cursor.Sequence <= horizon
            && cursor.Binding == Bind(companyId, me, stamp, rateCard.Clock.ZoneId, cursor.Sequence, day)
                ? cursor.Sequence
                : null;
        var token = new ChangeCursor(horizon, day, Bind(companyId, me, stamp, rateCard.Clock.ZoneId, horizon, day)).Encode();

        // SQLite numbers every write in order: an unmoved horizon means nothing was written since the token.
        // (PostgreSQL's horizon can stand still while younger transactions commit, so it always looks.)
        if (from == horizon && !db.Database.IsNpgsql())
        {
            return TypedResults.Ok(Nothing(version, since!));
        }

        var orders = await CurrentOrdersAsync(db, me, window, ct);
        if (from is not { } seq)
        {
            return TypedResults.Ok(await SnapshotAsync(db, orders, rateCard, version, token, ct));
        }

        var delta = await DeltaAsync(db, me, orders, seq, ct);
        if (delta.Orders.Count == 0 && delta.RemovedOrders.Count == 0 && delta.Articles.Count == 0 && delta.RemovedArticles.Count == 0 && !delta.Pricing)
        {
            // The same token: it stays valid, and an unchanged device need not write anything.
            return TypedResults.Ok(Nothing(version, since!));
        }

        if (version < SyncProtocol.Deltas)
        {
            return TypedResults.Ok(await SnapshotAsync(db, orders, rateCard, version, token, ct));
        }

        var contracts = await ReportPricing.CandidatesAsync(db, [.. orders.Select(o => o.CustomerId).Distinct()], ct);
        var articles = (await db.Articles.AsNoTracking().Where(a => delta.Articles.Contains(a.Id)).OrderBy(a => a.Code).ToListAsync(ct))
            .Select(ToField)
            .ToList();
        return TypedResults.Ok(new PullResponse(
            version,
            token,
            await FieldOrdersAsync(db, [.. orders.Where(o => delta.Orders.Contains(o.Id))], zone, contracts, ct),
            delta.RemovedOrders,
            articles,
            delta.RemovedArticles,
            delta.Pricing ? await PricingAsync(db, orders, contracts, rateCard, ct) : null,
            HasMore: false,
            IsDelta: true));
    }

    private sealed record Window(DateTime Start, DateTime End);

    private sealed record Delta(HashSet<Guid> Orders, List<Guid> RemovedOrders, List<Guid> Articles, List<string> RemovedArticles, bool Pricing);

    private static PullResponse Nothing(int version, string token) =>
        new(version, token, [], [], [], [], null, HasMore: false, IsDelta: version >= SyncProtocol.Deltas);

    /// <summary>The technician's open work orders in the window, as the device lists them.</summary>
    private static Task<List<WorkOrder>> CurrentOrdersAsync(AppDb db, Guid me, Window window, CancellationToken ct) =>
        db.WorkOrders.AsNoTracking()
            .Where(w => w.ArchivedAt == null && w.Technicians.Any(t => t.UserId == me))
            .Where(w => w.Status == WorkOrderStatus.Planned || w.Status == WorkOrderStatus.InProgress)
            .Where(w => w.ScheduledEnd >= window.Start && w.ScheduledStart < window.End)
            .OrderBy(w => w.ScheduledStart)
            .ToListAsync(ct);

    private static async Task<PullResponse> SnapshotAsync(AppDb db, List<WorkOrder> orders, RateCardSettings rateCard, int version, string token, CancellationToken ct)
    {
        var contracts = await ReportPricing.CandidatesAsync(db, [.. orders.Select(o => o.CustomerId).Distinct()], ct);
        var articles = (await db.Articles.AsNoTracking().Where(a => a.ArchivedAt == null).OrderBy(a => a.Code).ToListAsync(ct))
            .Select(ToField)
            .ToList();
        return new PullResponse(
            version,
            token,
            await FieldOrdersAsync(db, orders, rateCard.Clock.Zone, contracts, ct),
            [],
            articles,
            [],
            await PricingAsync(db, orders, contracts, rateCard, ct),
            HasMore: false);
    }

    /// <summary>
    /// What changed for this technician from sequence <paramref name="from"/> on. A work order is sent again
    /// when anything its card shows changed: itself (technicians and assets included), its customer, its
    /// site, the site's assets, the customer's contracts, or the site's visit history.
    /// </summary>
    private static async Task<Delta> DeltaAsync(AppDb db, Guid me, List<WorkOrder> orders, long from, CancellationToken ct)
    {
        var current = orders.Select(o => o.Id).ToHashSet();
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var siteIds = orders.Select(o => o.SiteId).Distinct().ToList();
        var ids = current.ToList();

        var changedOrders = await db.WorkOrders.Where(w => ids.Contains(w.Id) && EF.Property<long>(w, ChangeSequence.Column) >= from).Select(w => w.Id).ToListAsync(ct);
        var changedCustomers = await db.Customers.Where(c => customerIds.Contains(c.Id) && EF.Property<long>(c, ChangeSequence.Column) >= from).Select(c => c.Id)
            .Concat(db.Contracts.Where(c => customerIds.Contains(c.CustomerId) && EF.Property<long>(c, ChangeSequence.Column) >= from).Select(c => c.CustomerId))
            .Distinct().ToListAsync(ct);
        var changedSites = await db.Sites.Where(s => siteIds.Contains(s.Id) && EF.Property<long>(s, ChangeSequence.Column) >= from).Select(s => s.Id)
            .Concat(db.Assets.Where(a => siteIds.Contains(a.SiteId) && EF.Property<long>(a, ChangeSequence.Column) >= from).Select(a => a.SiteId))
            .Concat(db.Reports.Where(r => EF.Property<long>(r, ChangeSequence.Column) >= from)
                .Join(db.WorkOrders.Where(w => siteIds.Contains(w.SiteId)), r => r.WorkOrderId, w => w.Id, (r, w) => w.SiteId))
            .Distinct().ToListAsync(ct);
        var send = orders
            .Where(o => changedOrders.Contains(o.Id) || changedCustomers.Contains(o.CustomerId) || changedSites.Contains(o.SiteId))
            .Select(o => o.Id)
            .ToHashSet();

        // Gone from the set: the technician's orders that changed and no longer qualify, and those the technician was taken off.
        var removed = (await db.WorkOrders
                .Where(w => w.Technicians.Any(t => t.UserId == me) && EF.Property<long>(w, ChangeSequence.Column) >= from)
                .Select(w => w.Id)
                .Concat(db.SyncRemovals.Where(r => r.CompanyId == db.CompanyId && r.TechnicianId == me && r.ChangeSeq >= from).Select(r => r.WorkOrderId!.Value))
                .Distinct()
                .ToListAsync(ct))
            .Where(id => !current.Contains(id))
            .Order()
            .ToList();

        var articles = await db.Articles.Where(a => EF.Property<long>(a, ChangeSequence.Column) >= from)
            .Select(a => new { a.Id, a.Code, Archived = a.ArchivedAt != null })
            .ToListAsync(ct);
        var live = articles.Where(a => !a.Archived).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var removedArticles = articles.Where(a => a.Archived).Select(a => a.Code)
            .Concat(await db.SyncRemovals.Where(r => r.CompanyId == db.CompanyId && r.ArticleCode != null && r.ChangeSeq >= from).Select(r => r.ArticleCode!).ToListAsync(ct))
            .Where(code => !live.Contains(code))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var pricing = send.Count > 0 || removed.Count > 0 || changedCustomers.Count > 0
            || await db.RateCards.AnyAsync(r => EF.Property<long>(r, ChangeSequence.Column) >= from, ct)
            || await db.ContractHoursUses.AnyAsync(u => EF.Property<long>(u, ChangeSequence.Column) >= from && db.Contracts.Any(c => c.Id == u.ContractId && customerIds.Contains(c.CustomerId)), ct);
        return new Delta(send, removed, [.. articles.Where(a => !a.Archived).Select(a => a.Id)], removedArticles, pricing);
    }

    /// <summary>The cards of these work orders, with their site's assets, contract and last visits.</summary>
    private static async Task<List<FieldWorkOrder>> FieldOrdersAsync(AppDb db, List<WorkOrder> orders, TimeZoneInfo zone, List<ServiceContract> contracts, CancellationToken ct)
    {
        if (orders.Count == 0)
        {
            return [];
        }

        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var siteIds = orders.Select(o => o.SiteId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var assets = await db.Assets.AsNoTracking().Where(a => siteIds.Contains(a.SiteId) && a.ArchivedAt == null).ToListAsync(ct);
        var contractsOf = contracts.ToLookup(c => c.CustomerId);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => db.WorkOrders.Any(w => w.Id == r.WorkOrderId && siteIds.Contains(w.SiteId)))
            .Select(r => new { r.WorkOrderId, r.VisitDate, r.TechnicianId })
            .ToListAsync(ct);
        var pastOrders = await db.WorkOrders.AsNoTracking().Where(w => siteIds.Contains(w.SiteId)).Select(w => new { w.Id, w.SiteId, w.Description }).ToDictionaryAsync(w => w.Id, ct);
        var technicianIds = reports.Select(r => r.TechnicianId).Distinct().ToList();
        var technicians = await db.Users.AsNoTracking().Where(u => technicianIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var fieldOrders = new List<FieldWorkOrder>();
        foreach (var order in orders)
        {
            var customer = customers[order.CustomerId];
            var site = sites[order.SiteId];
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(order.ScheduledStart, zone));
            var contract = ContractCoverage.For(contractsOf[order.CustomerId], c => c.Coverage(), order.CustomerId, site.Id, day);
            var history = reports
                .Where(r => pastOrders.TryGetValue(r.WorkOrderId, out var past) && past.SiteId == site.Id && r.WorkOrderId != order.Id)
                .OrderByDescending(r => r.VisitDate)
                .Take(5)
                .Select(r => new FieldVisit(r.VisitDate, technicians.GetValueOrDefault(r.TechnicianId, ""), pastOrders[r.WorkOrderId].Description))
                .ToList();
            fieldOrders.Add(new FieldWorkOrder(
                order.Id,
                order.Number,
                order.Status.ToString(),
                customer.Name,
                customer.Language,
                new FieldSite(site.Id, site.Name, [site.Address.Street, $"{site.Address.PostalCode} {site.Address.City}"], site.DistanceKm, site.IsPrivateHome, site.FirstOccupiedYear),
                site.AccessNotes,
                order.Description,
                new DateTimeOffset(order.ScheduledStart, TimeSpan.Zero),
                new DateTimeOffset(order.ScheduledEnd, TimeSpan.Zero),
                [.. assets.Where(a => a.SiteId == site.Id && (order.Assets.Count == 0 || order.Assets.Any(x => x.AssetId == a.Id)))
                    .Select(a => new FieldAsset(a.Id, a.Type, a.Brand, a.Model, a.SerialNumber, a.WarrantyUntil))],
                contract is null ? null : new FieldContractSummary(contract.Id, contract.Name, contract.HidePricesOnDevice),
                history,
                [],
                customer.VatFacts(site))
            {
                CustomerId = customer.Id,
            });
        }

        return fieldOrders;
    }

    private static FieldArticle ToField(Catalog.Article a) =>
        FieldArticle.From(ReportPricing.ToCore(a), string.IsNullOrEmpty(a.Ean) ? null : a.Ean);

    /// <summary>
    /// The rate card and every contract that may cover one of the technician's visits on whatever day it
    /// happens, so the device picks the one for the actual visit date by the same rule as the server on arrival.
    /// </summary>
    private static async Task<FieldPricing> PricingAsync(AppDb db, List<WorkOrder> orders, List<ServiceContract> contracts, RateCardSettings rateCard, CancellationToken ct)
    {
        var sent = contracts
            .Where(c => orders.Any(o => o.CustomerId == c.CustomerId && (c.CoveredSiteIds.Count == 0 || c.CoveredSiteIds.Contains(o.SiteId))))
            .OrderBy(c => c.Id)
            .ToList();
        var sentIds = sent.Select(c => c.Id).ToList();
        var uses = await db.ContractHoursUses.AsNoTracking().Where(u => sentIds.Contains(u.ContractId)).ToListAsync(ct);
        return new FieldPricing(
            rateCard.Card,
            rateCard.CompanyHolidays,
            [.. sent.Select(c => new FieldContract(
                c.Id,
                c.PricingTerms(),
                [.. uses.Where(u => u.ContractId == c.Id).OrderBy(u => u.VisitDate).ThenBy(u => u.Id).Select(u => new IncludedHoursUse(u.VisitDate, u.Minutes))])
            {
                Coverage = c.Coverage(),
                HidePrices = c.HidePricesOnDevice,
            })],
            rateCard.Clock.ZoneId);
    }

    /// <summary>
    /// Ties a token to the company, the technician (and their security stamp, unknown outside the server), the
    /// company's time zone the window was cut in, and what the token says.
    /// </summary>
    private static ulong Bind(Guid companyId, Guid technicianId, string stamp, string zoneId, long sequence, DateOnly day)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"werkbon-sync|{companyId:N}|{technicianId:N}|{stamp}|{zoneId}|{sequence}|{day.DayNumber}"));
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
