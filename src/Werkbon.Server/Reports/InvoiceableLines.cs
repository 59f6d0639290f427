using Werkbon.Core;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Review;

namespace Werkbon.Server.Reports;

/// <summary>
/// The lines a report puts on the invoice: the office's latest revision when there is one, else the
/// pricing made when the signed report arrived. Every line names its report (<see cref="InvoiceLine.ReportId"/>)
/// and carries its kind, article code, extra flag and explanation. A corrected line also carries a short
/// text of what the signed report said (<see cref="InvoiceLine.SignedOriginal"/>, "—" for a line the office
/// added) and the reason (<see cref="InvoiceLine.CorrectionReason"/>); both are null for a line as signed.
/// Lines the office removed are not invoiced.
/// </summary>
public static class InvoiceableLines
{
    /// <summary>The lines of one report, read from the database (company-filtered); empty when the report is unknown or not priced.</summary>
    public static async Task<IReadOnlyList<InvoiceLine>> ForAsync(AppDb db, Guid reportId, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return [];
        }

        var latest = await db.ReportRevisions.AsNoTracking()
            .Where(r => r.ReportId == reportId)
            .OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(ct);
        var language = await (from w in db.WorkOrders
                              join c in db.Customers on w.CustomerId equals c.Id
                              where w.Id == report.WorkOrderId
                              select c.Language).FirstOrDefaultAsync(ct);
        return Of(report, latest, Languages.FromCode(language));
    }

    /// <summary>The lines of a report given its latest revision (null when it was never corrected), with what was signed told in the invoice's <paramref name="language"/>.</summary>
    public static IReadOnlyList<InvoiceLine> Of(InterventionReport report, ReportRevision? latestRevision, Language language = Language.Nl)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (latestRevision is not null)
        {
            return [.. latestRevision.Revised.Lines.Select(l => Line(l.Line, report.Id, l.IsChanged ? l : null, language))];
        }

        return report.Pricing is null ? [] : [.. report.Pricing.Lines.Select(l => Line(l, report.Id, null, language))];
    }

    private static InvoiceLine Line(PricedLine line, Guid reportId, RevisedLine? corrected, Language language) =>
        InvoiceTotals.FromPriced(line, reportId) with
        {
            SignedOriginal = corrected?.SignedText(language),
            CorrectionReason = corrected?.Reason,
        };
}
