using Microsoft.AspNetCore.Mvc;
using Werkbon.Core;
using Werkbon.Core.Pricing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Contracts;

public sealed record PreviewTimeEntry(DateTimeOffset Start, DateTimeOffset End, TimeEntryKind Kind = TimeEntryKind.Work, string? TechnicianClass = null, bool IsExtra = false);

public sealed record PreviewMaterial(string ArticleCode, decimal Quantity, decimal? PriceOverride = null, string? Description = null, bool IsExtra = false);

/// <summary>A draft visit to price: the technician's entries, for a customer (and site, contract) or a work order.</summary>
public sealed record PricePreviewRequest(
    Guid? CustomerId,
    Guid? SiteId,
    Guid? WorkOrderId,
    Guid? ContractId,
    Guid? AssetId,
    DateOnly? VisitDate,
    IReadOnlyList<PreviewTimeEntry>? TimeEntries,
    IReadOnlyList<PreviewMaterial>? Materials,
    decimal? DistanceKm,
    bool WarrantyRepair = false,
    bool SixPercentStatementConfirmed = false,
    bool WorksOnImmovableProperty = true);

public sealed record PricePreviewResult(Guid CustomerId, Guid? SiteId, Guid? ContractId, string? ContractName, string Language, PricedReport Pricing);

/// <summary>
/// <c>POST /api/price-preview</c>: prices a draft report or a planned work order against the customer's
/// contract, with every line explained, without storing anything.
/// </summary>
public static class PricePreview
{
    public static async Task<Results<Ok<PricePreviewResult>, ValidationProblem>> Handle(
        PricePreviewRequest request, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation(texts);
        var customerId = request.CustomerId;
        var siteId = request.SiteId;
        var time = request.TimeEntries ?? [];
        if (request.WorkOrderId is { } workOrderId)
        {
            var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workOrderId, ct);
            if (order is null)
            {
                v.Add("workOrderId", "Validation.UnknownWorkOrder");
            }
            else
            {
                customerId ??= order.CustomerId;
                siteId ??= order.SiteId;
                if (time.Count == 0)
                {
                    // Price the planned window as work by the first assigned technician.
                    var technician = order.Technicians.Select(t => t.UserId).FirstOrDefault();
                    var rateClass = await db.Users.Where(u => u.Id == technician).Select(u => u.RateClass).FirstOrDefaultAsync(ct);
                    time = [new PreviewTimeEntry(new DateTimeOffset(order.ScheduledStart, TimeSpan.Zero), new DateTimeOffset(order.ScheduledEnd, TimeSpan.Zero), TechnicianClass: rateClass)];
                }
            }
        }

        var customer = customerId is null ? null : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null && request.WorkOrderId is null)
        {
            v.Add("customerId", "Validation.UnknownCustomer");
        }

        var site = siteId is null ? null : await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId && s.CustomerId == customerId, ct);
        if (siteId is not null && site is null)
        {
            v.Add("siteId", "Validation.SiteOfCustomer");
        }

        var asset = request.AssetId is null || site is null ? null : await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AssetId && a.SiteId == site.Id, ct);
        if (request.AssetId is not null && asset is null)
        {
            v.Add("assetId", "Validation.AssetsOfSite");
        }

        if (request.VisitDate is { } visitDate)
        {
            v.Date("visitDate", visitDate);
        }

        for (var i = 0; i < time.Count; i++)
        {
            v.Date($"timeEntries[{i}].start", time[i].Start);
            v.Date($"timeEntries[{i}].end", time[i].End);
            if (time[i].End <= time[i].Start)
            {
                v.Add($"timeEntries[{i}].end", "Validation.EndBeforeStart");
            }
            else if (time[i].End - time[i].Start > TimeSpan.FromHours(24))
            {
                v.Add($"timeEntries[{i}].end", "Validation.TimeEntryTooLong");
            }
        }

        var materials = request.Materials ?? [];
        for (var i = 0; i < materials.Count; i++)
        {
            v.Required($"materials[{i}].articleCode", materials[i].ArticleCode, Fields.Code);
            v.Field($"materials[{i}].description", materials[i].Description, Fields.Line);
            v.Range($"materials[{i}].quantity", materials[i].Quantity, 0.001m, 100_000m);
        }

        if (request.DistanceKm is { } km)
        {
            v.Range("distanceKm", km, 0, 2000);
        }

        if (!v.IsValid || customer is null)
        {
            return v.Problem();
        }

        var rateCard = await ReportPricing.RateCardAsync(db, ct);
        var day = request.VisitDate
            ?? (time.Count > 0 ? rateCard.Clock.DateOf(time.Min(t => t.Start)) : (DateOnly?)null)
            ?? rateCard.Clock.Today(clock);
        // The preview prices under the contract the invoice will use; a contract asked for must be that one.
        var contract = await ReportPricing.ContractAsync(db, customer.Id, site?.Id, day, ct);
        if (request.ContractId is { } asked && contract?.Id != asked)
        {
            var known = await db.Contracts.AnyAsync(c => c.Id == asked && c.CustomerId == customer.Id, ct);
            v.Add("contractId", known ? "Validation.ContractDoesNotCoverVisit" : "Validation.UnknownContract");
            return v.Problem();
        }

        var report = new VisitReport(
            day,
            [.. time.Select(t => new TimeEntry(t.Start, t.End, t.Kind, t.TechnicianClass, t.IsExtra))],
            [.. materials.Select(m => new MaterialUse(m.ArticleCode.Trim(), m.Quantity, m.PriceOverride, m.Description, m.IsExtra))])
        {
            DistanceKm = request.DistanceKm,
            IsWarrantyRepair = request.WarrantyRepair,
            WarrantyEndsOn = asset?.WarrantyUntil,
            SixPercentStatementConfirmed = request.SixPercentStatementConfirmed,
        };
        var priced = await ReportPricing.PriceAsync(
            db, new VisitContext(customer, site, contract, rateCard), report, request.WorksOnImmovableProperty, Languages.FromCode(Texts.Language), ct);
        return TypedResults.Ok(new PricePreviewResult(customer.Id, site?.Id, contract?.Id, contract?.Name, customer.Language, priced));
    }
}
