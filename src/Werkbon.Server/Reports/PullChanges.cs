using System.Buffers.Binary;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Core.Vat;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Reports;

/// <summary>
/// <c>GET /api/sync/changes?since=…</c>: what a technician's device needs to work offline — their open
/// work orders from yesterday to two weeks ahead, the catalog, the rate card and the contracts of those
/// work orders' customers that may cover their visits. The change token is a fingerprint of that content:
/// when the device's token still matches, the answer is empty and the device keeps what it has.
/// </summary>
public static class PullChanges
{
    public static async Task<Ok<PullResponse>> Handle(string? since, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var rateCard = await ReportPricing.RateCardAsync(db, ct);
        var zone = rateCard.Clock.Zone;
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).Date;
        var windowStart = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(-1), zone);
        var windowEnd = windowStart.AddDays(15);

        var orders = await db.WorkOrders.AsNoTracking()
            .Where(w => w.ArchivedAt == null && w.Technicians.Any(t => t.UserId == me))
            .Where(w => w.Status == WorkOrderStatus.Planned || w.Status == WorkOrderStatus.InProgress)
            .Where(w => w.ScheduledEnd >= windowStart && w.ScheduledStart < windowEnd)
            .OrderBy(w => w.ScheduledStart)
            .ToListAsync(ct);
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var siteIds = orders.Select(o => o.SiteId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var assets = await db.Assets.AsNoTracking().Where(a => siteIds.Contains(a.SiteId) && a.ArchivedAt == null).ToListAsync(ct);
        var contracts = await ReportPricing.CandidatesAsync(db, customerIds, ct);
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

        var articles = (await db.Articles.AsNoTracking().Where(a => a.ArchivedAt == null).OrderBy(a => a.Code).ToListAsync(ct))
            .Select(a => FieldArticle.From(ReportPricing.ToCore(a), string.IsNullOrEmpty(a.Ean) ? null : a.Ean))
            .ToList();
        // Every contract that may cover one of these visits on whatever day it happens, so the device
        // picks the one for the actual visit date by the same rule as the server on arrival.
        var sent = contracts
            .Where(c => orders.Any(o => o.CustomerId == c.CustomerId && (c.CoveredSiteIds.Count == 0 || c.CoveredSiteIds.Contains(o.SiteId))))
            .OrderBy(c => c.Id)
            .ToList();
        var sentIds = sent.Select(c => c.Id).ToList();
        var uses = await db.ContractHoursUses.AsNoTracking().Where(u => sentIds.Contains(u.ContractId)).ToListAsync(ct);
        var pricing = new FieldPricing(
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

        var snapshot = new PullResponse(SyncProtocol.Version, "", fieldOrders, [], articles, [], pricing, HasMore: false);
        var token = ChangeToken.Encode(Fingerprint(snapshot));
        return TypedResults.Ok(since == token
            ? new PullResponse(SyncProtocol.Version, token, [], [], [], [], null, HasMore: false)
            : snapshot with { ChangeToken = token });
    }

    private static long Fingerprint(PullResponse snapshot)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(snapshot, JsonColumns.Options));
        return BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
    }
}
