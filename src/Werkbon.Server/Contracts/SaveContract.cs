using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Pricing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Contracts;

public sealed record ContractInput(
    Guid CustomerId,
    string Name,
    ContractKind Kind,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<Guid>? CoveredSiteIds,
    IReadOnlyList<Guid>? CoveredAssetIds,
    ContractTerms? Terms,
    int? SlaResponseHours,
    string? TermsText,
    bool HidePricesOnDevice = false,
    int? Version = null,
    decimal? SubscriptionFee = null,
    int? SubscriptionPeriodMonths = null);

public sealed record IncludedHoursStatus(DateOnly ContractYearStart, int MinutesPerYear, int MinutesUsed, int MinutesLeft);

public sealed record ContractDetails(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string Name,
    ContractKind Kind,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<Guid> CoveredSiteIds,
    IReadOnlyList<Guid> CoveredAssetIds,
    ContractTerms Terms,
    int? SlaResponseHours,
    string TermsText,
    bool HidePricesOnDevice,
    IncludedHoursStatus? IncludedHours,
    bool Archived,
    int Version);

/// <summary>Service contracts per customer: coverage, period and the terms that override the rate card.</summary>
public static class SaveContract
{
    public static async Task<Ok<Page<ContractDetails>>> Search(
        AppDb db, TimeProvider clock, Guid? customerId, string? search, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Contracts.AsNoTracking();
        if (includeArchived != true)
        {
            query = query.Where(c => c.ArchivedAt == null);
        }

        if (customerId is not null)
        {
            query = query.Where(c => c.CustomerId == customerId);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern)
                || db.Customers.Any(k => k.Id == c.CustomerId && EF.Functions.Like(k.Name.ToLower(), pattern)));
        }

        var rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, pageSize, ct);
        var details = new List<ContractDetails>(rows.Items.Count);
        foreach (var contract in rows.Items)
        {
            details.Add(await DetailsAsync(db, contract, clock, ct));
        }

        return TypedResults.Ok(new Page<ContractDetails>(details, rows.Total, rows.PageNumber, rows.PageSize));
    }

    public static async Task<Results<Ok<ContractDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
        await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } contract
            ? TypedResults.Ok(await DetailsAsync(db, contract, clock, ct))
            : Rows.Missing("contract");

    public static async Task<Results<Created<ContractDetails>, ValidationProblem>> Create(
        ContractInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var contract = new ServiceContract();
        var validation = await Apply(input, contract, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.Contracts.Add(contract);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/contracts/{contract.Id}", await DetailsAsync(db, contract, clock, ct));
    }

    public static async Task<Results<Ok<ContractDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, ContractInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return Rows.Missing("contract");
        }

        if (!db.IsCurrent(contract, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = await Apply(input, contract, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailsAsync(db, contract, clock, ct));
    }

    public static async Task<Validation> Apply(ContractInput input, ServiceContract contract, AppDb db, Texts texts, CancellationToken ct)
    {
        var v = new Validation(texts);
        v.Required("name", input.Name, Fields.Name);
        v.Field("termsText", input.TermsText, Fields.Document);
        v.Date("startsOn", input.StartsOn);
        if (input.EndsOn is { } endsOn)
        {
            v.Date("endsOn", endsOn);
        }

        if (!Enum.IsDefined(input.Kind))
        {
            v.Add("kind", "Validation.Invalid");
        }

        if (input.EndsOn is { } end && end < input.StartsOn)
        {
            v.Add("endsOn", "Validation.EndBeforeStart");
        }

        if (input.SlaResponseHours is { } sla && (sla < 1 || sla > 24 * 30))
        {
            v.Add("slaResponseHours", "Validation.Range", 1, 24 * 30);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
        {
            v.Add("customerId", "Validation.UnknownCustomer");
        }

        var siteIds = (input.CoveredSiteIds ?? []).Distinct().ToList();
        if (siteIds.Count > 0 && await db.Sites.CountAsync(s => siteIds.Contains(s.Id) && s.CustomerId == input.CustomerId, ct) != siteIds.Count)
        {
            v.Add("coveredSiteIds", "Validation.SiteOfCustomer");
        }

        var assetIds = (input.CoveredAssetIds ?? []).Distinct().ToList();
        if (assetIds.Count > 0 && await db.Assets.CountAsync(a => assetIds.Contains(a.Id) && db.Sites.Any(s => s.Id == a.SiteId && s.CustomerId == input.CustomerId), ct) != assetIds.Count)
        {
            v.Add("coveredAssetIds", "Validation.AssetsOfSite");
        }

        if (input.SubscriptionFee is { } fee)
        {
            v.Range("subscriptionFee", fee, 0, 1_000_000);
        }

        if (input.SubscriptionPeriodMonths is { } months && months is not (1 or 3 or 6 or 12))
        {
            v.Add("subscriptionPeriodMonths", "Validation.Invalid");
        }

        var terms = input.Terms ?? new ContractTerms(input.Name ?? "");
        foreach (var (rateClass, rate) in terms.HourlyRates ?? new Dictionary<string, decimal>())
        {
            v.Range($"terms.hourlyRates.{rateClass}", rate, 0, 1000);
        }

        if (terms.MinimumMinutes is { } minimum)
        {
            v.Range("terms.minimumMinutes", minimum, 0, 480);
        }

        if (terms.RoundingMinutes is { } rounding)
        {
            v.Range("terms.roundingMinutes", rounding, 1, 120);
        }

        if (terms.Travel is not null)
        {
            SaveRateCard.ValidateTravel(v, "terms.travel", terms.Travel);
        }

        v.Range("terms.partsDiscountPercent", terms.PartsDiscountPercent, 0, 100);
        if (terms.IncludedHours is { } included)
        {
            v.Range("terms.includedHours.minutesPerContractYear", included.MinutesPerContractYear, 0, 100_000);
        }

        var tasks = terms.FixedPriceTasks ?? [];
        for (var i = 0; i < tasks.Count; i++)
        {
            v.Required($"terms.fixedPriceTasks[{i}].articleCode", tasks[i].ArticleCode, Fields.Code);
            v.Range($"terms.fixedPriceTasks[{i}].price", tasks[i].Price, 0, 1_000_000);
            v.Range($"terms.fixedPriceTasks[{i}].includedMinutes", tasks[i].IncludedMinutes, 0, 10_000);
        }

        if (!v.IsValid)
        {
            return v;
        }

        contract.CustomerId = input.CustomerId;
        contract.Name = input.Name!.Trim();
        contract.Kind = input.Kind;
        contract.StartsOn = input.StartsOn;
        contract.EndsOn = input.EndsOn;
        contract.CoveredSiteIds = siteIds;
        contract.CoveredAssetIds = assetIds;
        contract.Terms = terms with
        {
            Name = contract.Name,
            CoveredCategories = [.. (terms.CoveredCategories ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct()],
            FixedPriceTasks = tasks,
            IncludedHours = terms.IncludedHours is { } hours ? hours with { ContractStart = input.StartsOn } : null,
        };
        contract.SlaResponseHours = input.SlaResponseHours;
        contract.TermsText = input.TermsText?.Trim() ?? "";
        contract.HidePricesOnDevice = input.HidePricesOnDevice;
        contract.SubscriptionFee = input.SubscriptionFee;
        contract.SubscriptionPeriodMonths = input.SubscriptionPeriodMonths ?? 12;
        return v;
    }

    /// <summary>The contract with its customer and the included hours left in the current contract year.</summary>
    public static async Task<ContractDetails> DetailsAsync(AppDb db, ServiceContract c, TimeProvider clock, CancellationToken ct)
    {
        var customerName = await db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefaultAsync(ct) ?? "";
        return new ContractDetails(
            c.Id, c.CustomerId, customerName, c.Name, c.Kind, c.StartsOn, c.EndsOn, c.CoveredSiteIds, c.CoveredAssetIds, c.Terms,
            c.SlaResponseHours, c.TermsText, c.HidePricesOnDevice, await IncludedHoursAsync(db, c, clock, ct), c.IsArchived, c.Version);
    }

    public static async Task<IncludedHoursStatus?> IncludedHoursAsync(AppDb db, ServiceContract contract, TimeProvider clock, CancellationToken ct)
    {
        if (contract.PricingTerms().IncludedHours is not { } included)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var yearStart = included.ContractYearOf(today);
        var yearEnd = yearStart.AddYears(1);
        var used = (await db.ContractHoursUses.AsNoTracking()
            .Where(u => u.ContractId == contract.Id && u.VisitDate >= yearStart && u.VisitDate < yearEnd)
            .Select(u => u.Minutes)
            .ToListAsync(ct)).Sum();
        return new IncludedHoursStatus(yearStart, included.MinutesPerContractYear, used, Math.Max(0, included.MinutesPerContractYear - used));
    }
}
