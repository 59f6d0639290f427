using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Core.Review;

/// <summary>
/// A company's rules for approving a signed report on arrival, without anyone looking at it, and whether the
/// invoice of such reports is then issued (and delivered) without a click too.
/// </summary>
/// <param name="IssueAutomatically">Opt-in: drafts holding only reports approved on arrival are issued as soon as
/// their grouping's period has ended (at once for one invoice per report or per work order).</param>
/// <param name="IssueLimit">The largest invoice total (VAT included) issued without a click; above it the draft waits.</param>
public sealed record StraightThroughRules(
    bool Enabled = true,
    bool RequireContract = true,
    decimal ExtrasThreshold = 0m,
    decimal MaxTotal = 1_000m,
    int MaxSurchargedMinutes = 0,
    bool IssueAutomatically = false,
    decimal IssueLimit = 500m)
{
    public static StraightThroughRules Default { get; } = new();

    /// <summary>Whether a draft of this total, holding only reports approved on arrival, is issued without a click.</summary>
    public bool IssuesWithoutClick(decimal invoiceTotal) => Enabled && IssueAutomatically && invoiceTotal <= IssueLimit;
}

/// <summary>Why a report waits for the office (or, for <see cref="Clean"/>, why it went straight through).</summary>
public enum ReviewReason
{
    Clean,
    RulesDisabled,
    CustomerAbsent,
    NoContract,
    UnknownArticle,
    PriceOverride,
    ExtrasOverThreshold,
    SurchargedTimeOverLimit,
    TotalOverLimit,
    MissingData,
    VatStatement,
    FreeTextItem,
}

public sealed record StraightThroughDecision(bool Approve, IReadOnlyList<ReviewReason> Reasons);

/// <summary>
/// Decides whether a signed, priced report is approved on arrival. Pure: the same report, pricing and
/// rules always give the same decision, with every reason that kept it back.
/// </summary>
public static class StraightThrough
{
    public static StraightThroughDecision Decide(ReportDocument report, PricedReport pricing, bool hasContract, StraightThroughRules rules)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(rules);
        var reasons = new List<ReviewReason>();
        if (!rules.Enabled)
        {
            reasons.Add(ReviewReason.RulesDisabled);
        }

        if (report.Signature.CustomerAbsent)
        {
            reasons.Add(ReviewReason.CustomerAbsent);
        }

        if (rules.RequireContract && !hasContract)
        {
            reasons.Add(ReviewReason.NoContract);
        }

        if (report.Materials.Any(m => m.IsFreeText))
        {
            reasons.Add(ReviewReason.FreeTextItem);
        }

        foreach (var warning in pricing.Warnings)
        {
            var reason = warning.Kind switch
            {
                WarningKind.UnknownArticle => ReviewReason.UnknownArticle,
                WarningKind.PriceOverride => ReviewReason.PriceOverride,
                WarningKind.VatStatement => ReviewReason.VatStatement,
                WarningKind.Extras or WarningKind.SurchargedTime or WarningKind.FixedPriceOvertime => (ReviewReason?)null, // judged by the limits below
                _ => ReviewReason.MissingData,
            };
            if (reason is { } r && !reasons.Contains(r))
            {
                reasons.Add(r);
            }
        }

        var extras = pricing.Lines.Where(l => l.IsExtra).Sum(l => l.Amount);
        if (extras > rules.ExtrasThreshold)
        {
            reasons.Add(ReviewReason.ExtrasOverThreshold);
        }

        var surcharged = pricing.Lines.Where(l => l.Kind == LineKind.Labour && l.SurchargePercent > 0m).Sum(l => l.Minutes ?? 0);
        if (surcharged > rules.MaxSurchargedMinutes)
        {
            reasons.Add(ReviewReason.SurchargedTimeOverLimit);
        }

        if (pricing.Total > rules.MaxTotal)
        {
            reasons.Add(ReviewReason.TotalOverLimit);
        }

        return reasons.Count == 0
            ? new StraightThroughDecision(true, [ReviewReason.Clean])
            : new StraightThroughDecision(false, reasons);
    }
}
