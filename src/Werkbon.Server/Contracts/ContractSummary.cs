using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Catalog;
using Werkbon.Core.Pricing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Contracts;

/// <summary>
/// <c>GET /api/contracts/{id}/summary</c>: the contract as a printable page in the customer's language
/// (or <c>?language=</c>), with the effective rates after the contract's overrides.
/// </summary>
public static class ContractSummary
{
    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> Handle(
        Guid id, string? language, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return Rows.Missing("contract");
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == contract.CustomerId, ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct);
        var sites = await db.Sites.AsNoTracking().Where(s => s.CustomerId == customer.Id && s.ArchivedAt == null).ToListAsync(ct);
        var rateCard = await ReportPricing.RateCardAsync(db, ct);
        var included = await SaveContract.IncludedHoursAsync(db, contract, clock, ct);
        var lang = Texts.Normalize(language ?? customer.Language);
        var inLanguage = Werkbon.Core.Languages.FromCode(lang);
        var culture = Cultures.Of(inLanguage);
        var terms = rateCard.Terms(contract.PricingTerms());
        string T(string key) => texts.In(lang, key);
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        string Money(decimal amount) => amount.ToString("C2", culture);

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{E(contract.Name)}</title>");
        html.Append("<style>body{font-family:sans-serif;max-width:780px;margin:2rem auto;color:#222}h1{color:#1f5f8b}th{text-align:left;padding-right:1.5rem;vertical-align:top}td,th{padding:.25rem 0}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(company.LegalName)} · {E(company.VatNumber)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(T("Summary.Title"))}: {E(contract.Name)}</h1><table>");
        void Row(string key, string value) => html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(T(key))}</th><td>{value}</td></tr>");
        Row("Summary.Customer", E(customer.Name));
        Row("Summary.Kind", E(T($"ContractKind.{contract.Kind}")));
        Row("Summary.Period", E(contract.StartsOn.ToString("d", culture) + " – " + (contract.EndsOn?.ToString("d", culture) ?? T("Summary.OpenEnded"))));
        var covered = contract.CoveredSiteIds.Count == 0 ? sites : [.. sites.Where(s => contract.CoveredSiteIds.Contains(s.Id))];
        Row("Summary.Sites", string.Join("<br>", covered.Select(s => E($"{s.Name} — {s.Address}"))));
        Row("Summary.LabourRates", string.Join("<br>", terms.HourlyRates.Select(r => E($"{terms.ClassName(r.Key, inLanguage)}: {Money(r.Value)}/{UnitWords.Of("HUR", inLanguage)}"))));
        Row("Summary.Surcharges", string.Join("<br>", terms.TimeBands.Where(b => b.SurchargePercent > 0).Select(b =>
            E($"{b.Name.In(Werkbon.Core.Languages.FromCode(lang))}: +{b.SurchargePercent.ToString("0.##", culture)} %"))));
        Row("Summary.Minimum", E($"{terms.MinimumMinutes} min · {T("Summary.Rounding")} {terms.RoundingMinutes} min"));
        Row("Summary.Travel", E(terms.Travel.Kind switch
        {
            TravelKind.Included => T("Summary.TravelIncluded"),
            TravelKind.Flat => $"{T("Summary.TravelFlat")} {Money(terms.Travel.FlatFee)}",
            _ => string.Join(" · ", terms.Travel.Zones.Select(z => $"≤ {z.UpToKm.ToString("0.#", culture)} km: {Money(z.Fee)}"))
                + $" · {T("Summary.TravelBeyond")} {Money(terms.Travel.BeyondPerKm)}/km",
        }));
        if (contract.Terms.PartsDiscountPercent > 0)
        {
            Row("Summary.PartsDiscount", E($"{contract.Terms.PartsDiscountPercent.ToString("0.##", culture)} %"));
        }

        if (contract.Terms.CoveredCategories.Count > 0)
        {
            Row("Summary.CoveredCategories", E(string.Join(", ", contract.Terms.CoveredCategories)));
        }

        if (included is not null)
        {
            Row("Summary.IncludedHours", E($"{included.MinutesPerYear / 60m:0.##} h · {T("Summary.Left")} {included.MinutesLeft / 60m:0.##} h"));
        }

        foreach (var task in contract.Terms.FixedPriceTasks)
        {
            Row("Summary.FixedPriceTask", E($"{task.ArticleCode}: {Money(task.Price)} ({task.IncludedMinutes} min)"));
        }

        if (contract.SlaResponseHours is { } sla)
        {
            Row("Summary.Sla", E($"{sla} h"));
        }

        html.Append("</table>");
        if (contract.TermsText.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(T("Summary.Terms"))}</h2><p style=\"white-space:pre-wrap\">{E(contract.TermsText)}</p>");
        }

        html.Append("</body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
