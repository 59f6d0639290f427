using Werkbon.Core.Review;

namespace Werkbon.Server.Reports;

/// <summary>
/// The office's corrected version of what a signed report feeds to the invoice: the full list of lines
/// (each keeping what was signed), VAT and totals, the corrections asked for and why, who and when.
/// Revisions are numbered 1..n per report and never changed; the signed report itself stays as it arrived.
/// </summary>
public sealed class ReportRevision : CompanyEntity
{
    private ReportRevision()
    {
    }

    public ReportRevision(Guid reportId, int number, RevisedReport revised, IReadOnlyList<Correction> corrections, string reason, Guid userId, DateTime at)
    {
        ReportId = reportId;
        Number = number;
        Revised = revised;
        Corrections = [.. corrections];
        Reason = reason;
        UserId = userId;
        At = at;
    }

    public Guid ReportId { get; private set; }

    public int Number { get; private set; }

    public RevisedReport Revised { get; private set; } = default!;

    public List<Correction> Corrections { get; private set; } = [];

    public string Reason { get; private set; } = "";

    public Guid UserId { get; private set; }

    public DateTime At { get; private set; }
}
