using Werkbon.Core;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Sync;
using Werkbon.Core.Vat;
using Werkbon.Field.Sync;

namespace Werkbon.Field.Reports;

/// <summary>
/// From a draft to the signed document, and its price, with the same Core code the server runs: the
/// document is what the customer signs, <see cref="ReportHash"/> seals it here and the server checks
/// the seal; <see cref="PricingEngine"/> prices it here exactly as the office will invoice it.
/// </summary>
public static class Sealing
{
    /// <summary>The signed document. Catalog items are described in the customer's language; empty lines and running timers are left out.</summary>
    public static ReportDocument Document(ReportDraft draft, FieldWorkOrder order, FieldIdentity technician, FieldData data, ReportSignature signature, bool sixPercentConfirmed)
    {
        var customer = Languages.FromCode(order.CustomerLanguage);
        var time = draft.Time.Where(t => t.End is not null).OrderBy(t => t.Start).ToList();
        return new ReportDocument(
            ReportDocument.CurrentVersion,
            draft.ReportId,
            order.Id,
            technician.Id,
            string.IsNullOrWhiteSpace(technician.RateClass) ? null : technician.RateClass,
            VisitDate(draft, data, signature.SignedAt),
            [.. time.Select(t => new ReportTimeEntry(t.Id, t.Start, t.End!.Value, t.Kind, t.IsExtra, string.IsNullOrWhiteSpace(t.Note) ? null : t.Note.Trim()))],
            draft.DistanceKm,
            [.. draft.Materials.Where(m => m.Quantity > 0).Select(m => new ReportMaterial(
                m.Id,
                m.IsFreeText ? null : m.ArticleCode,
                !m.IsFreeText && m.ArticleCode is not null && data.FindArticle(m.ArticleCode) is { } article ? article.Name.In(customer) : m.Description.Trim(),
                m.Quantity,
                m.UnitCode,
                m.IsExtra,
                m.PriceOverride,
                m.IsFreeText))],
            draft.WorkDone.Trim(),
            draft.Remarks.Trim(),
            [.. order.Checklist
                .Where(q => draft.Checklist.TryGetValue(q.Key, out var answer) && !string.IsNullOrWhiteSpace(answer))
                .Select(q => new ChecklistAnswer(q.Key, q.Question, draft.Checklist[q.Key].Trim()))],
            [.. draft.Photos.Select(p => new ReportPhoto(p.Sha256, p.Caption.Trim(), p.Width, p.Height, p.Length))],
            draft.WarrantyRepair && WarrantyRuns(order, draft.AssetId, data.Clock, signature.SignedAt),
            draft.AssetId,
            sixPercentConfirmed && !signature.CustomerAbsent,
            signature);
    }

    /// <summary>The visit's day in the company's zone: the day the first entry started, else the day of signing.</summary>
    public static DateOnly VisitDate(ReportDraft draft, FieldData data, DateTimeOffset signedAt)
    {
        var first = draft.Time.Count == 0 ? signedAt : draft.Time.Min(t => t.Start);
        return data.Clock.DateOf(first);
    }

    /// <summary>Whether the asset's warranty still runs on <paramref name="at"/>'s day in the company zone.</summary>
    public static bool WarrantyRuns(FieldWorkOrder order, Guid? assetId, WallClock clock, DateTimeOffset at) =>
        order.Assets.FirstOrDefault(a => a.Id == assetId)?.WarrantyUntil is { } until
        && until >= clock.DateOf(at);

    /// <summary>Whether the customer is asked to confirm the 6 % renovation statement (private home ≥ 10 years).</summary>
    public static bool AsksSixPercentStatement(FieldWorkOrder order, DateOnly visitDate) =>
        VatRules.QualifiesForRenovationRate(order.Vat, visitDate.Year);

    /// <summary>The price the office will invoice, computed here with the pulled rate card, contract terms and catalog; null before the first pull.</summary>
    public static PricedReport? Price(ReportDocument document, FieldWorkOrder order, FieldData data) =>
        data.Pricing?.Price(document, order, data.Catalog);

    /// <summary>The work order as the customer's summary shows it: naming the contract its visit on <paramref name="visitDate"/> is priced under.</summary>
    public static FieldWorkOrder PricedAs(FieldWorkOrder order, FieldData data, DateOnly visitDate) =>
        data.Pricing is { } pricing ? order with { Contract = pricing.ContractFor(order, visitDate)?.Summary() } : order;

    /// <summary>
    /// Freezes the report: checks the shape the server will check, then seals it. Answers the problems
    /// instead when the document would be refused, so the customer never signs something that cannot be sent.
    /// </summary>
    public static (string? Hash, IReadOnlyList<ReportProblem> Problems) Seal(ReportDocument document)
    {
        var problems = ReportRules.Check(document);
        return problems.Count > 0 ? (null, problems) : (ReportHash.Compute(document), problems);
    }
}
