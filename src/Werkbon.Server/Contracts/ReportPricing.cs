using Werkbon.Core;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using Werkbon.Server.Customers;
using CatalogArticle = Werkbon.Server.Catalog.Article;
using CatalogKind = Werkbon.Server.Catalog.ArticleKind;

namespace Werkbon.Server.Contracts;

/// <summary>What the server knows about a visit besides the technician's entries.</summary>
public sealed record VisitContext(Customer Customer, Site? Site, ServiceContract? Contract, RateCardSettings RateCard);

/// <summary>
/// Prices a visit on the server with the shared Core engine: finds the customer's rate card and
/// contract, the articles the report names, the VAT context and the included hours already used.
/// </summary>
public static class ReportPricing
{
    /// <summary>The company's rate card, or the Belgian defaults while none is saved, on the company's clock.</summary>
    public static async Task<RateCardSettings> RateCardAsync(AppDb db, CancellationToken ct) =>
        await RateCardAsync(db, await Companies.CompanyClock.LoadAsync(db, ct), ct);

    /// <summary>The company's rate card on <paramref name="clock"/>, the company's clock the caller already read.</summary>
    public static async Task<RateCardSettings> RateCardAsync(AppDb db, Werkbon.Core.Calendar.WallClock clock, CancellationToken ct) =>
        (await db.RateCards.AsNoTracking().FirstOrDefaultAsync(ct) ?? new RateCardSettings()).On(clock);

    /// <summary>
    /// The contract that covers a visit of <paramref name="customerId"/> at <paramref name="siteId"/> on
    /// <paramref name="day"/>, by the one Core rule (<see cref="ContractCoverage.For{T}"/>), among that
    /// customer's own contracts only. Null: the rate card alone.
    /// </summary>
    public static async Task<ServiceContract?> ContractAsync(AppDb db, Guid customerId, Guid? siteId, DateOnly day, CancellationToken ct) =>
        ContractCoverage.For(await CandidatesAsync(db, [customerId], ct), c => c.Coverage(), customerId, siteId, day);

    /// <summary>The contracts that may cover a visit of these customers: theirs, not archived; the rule picks among one customer's.</summary>
    public static Task<List<ServiceContract>> CandidatesAsync(AppDb db, IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        db.Contracts.AsNoTracking()
            .Where(c => customerIds.Contains(c.CustomerId) && c.ArchivedAt == null)
            .ToListAsync(ct);

    public static async Task<PricedReport> PriceAsync(AppDb db, VisitContext visit, VisitReport report, bool worksOnImmovableProperty, Language officeLanguage, CancellationToken ct) =>
        await PriceAsync(db, visit, report, await ArticlesAsync(db, visit, report, ct), worksOnImmovableProperty, officeLanguage, ct);

    /// <summary>The catalog articles a report and its contract's fixed-price tasks name.</summary>
    public static Task<List<CatalogArticle>> ArticlesAsync(AppDb db, VisitContext visit, VisitReport report, CancellationToken ct)
    {
        var codes = report.Materials.Select(m => m.ArticleCode)
            .Concat(visit.Contract?.PricingTerms().FixedPriceTasks.Select(t => t.ArticleCode) ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return db.Articles.AsNoTracking().Where(a => codes.Contains(a.Code)).ToListAsync(ct);
    }

    /// <summary>Prices with articles read beforehand; the included hours already used are read here, in the caller's transaction.</summary>
    public static async Task<PricedReport> PriceAsync(
        AppDb db, VisitContext visit, VisitReport report, IReadOnlyList<CatalogArticle> articles, bool worksOnImmovableProperty, Language officeLanguage, CancellationToken ct)
    {
        var contractTerms = visit.Contract?.PricingTerms();
        var earlier = visit.Contract is null
            ? []
            : await db.ContractHoursUses.AsNoTracking()
                .Where(u => u.ContractId == visit.Contract.Id && u.VisitDate < report.VisitDate)
                .Select(u => new IncludedHoursUse(u.VisitDate, u.Minutes))
                .ToListAsync(ct);

        var customer = visit.Customer;
        var vat = customer.VatFacts(visit.Site, worksOnImmovableProperty);
        var request = new PricingRequest(
            report with { SiteDistanceKm = report.SiteDistanceKm ?? visit.Site?.DistanceKm },
            visit.RateCard.Terms(contractTerms),
            new ArticleCatalog(articles.Select(ToCore)),
            visit.RateCard.Holidays(),
            vat)
        {
            Language = Languages.FromCode(customer.Language),
            OfficeLanguage = officeLanguage,
            EarlierIncludedUse = earlier,
        };
        return PricingEngine.Price(request);
    }

    public static Article ToCore(CatalogArticle a) => new(
        a.Code,
        new LocalizedText(a.NameEn, a.NameNl, a.NameFr),
        a.Unit,
        a.ListPrice,
        a.VatRate,
        string.IsNullOrEmpty(a.Category) ? null : a.Category,
        a.Kind switch
        {
            CatalogKind.Service => ArticleKind.Service,
            CatalogKind.FixedPriceTask => ArticleKind.FixedPriceTask,
            _ => ArticleKind.Part,
        })
    {
        IncludedMinutes = a.IncludedMinutes ?? 0,
    };
}
