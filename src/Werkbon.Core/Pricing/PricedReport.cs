using Werkbon.Core.Vat;

namespace Werkbon.Core.Pricing;

public enum LineKind
{
    Labour,
    TravelTime,
    Travel,
    Material,
}

/// <summary>
/// One invoice line. <see cref="Amount"/> is rounded to the cent; for labour it is computed from
/// <see cref="Minutes"/> (exact), while <see cref="Quantity"/> in hours is rounded to 4 decimals for display and UBL.
/// </summary>
public sealed record PricedLine(
    LineKind Kind,
    string Description,
    decimal Quantity,
    string UnitCode,
    decimal UnitPrice,
    decimal Amount,
    VatCategory VatCategory,
    decimal VatPercent,
    string Explanation,
    bool IsExtra = false)
{
    public string? ArticleCode { get; init; }
    public int? Minutes { get; init; }

    /// <summary>For labour: the surcharge of the time band (evening, night, weekend, holiday), 0 for normal hours.</summary>
    public decimal SurchargePercent { get; init; }
}

/// <summary>VAT of one category and rate, computed on the sum of its lines, never per line.</summary>
public sealed record VatSubtotal(VatCategory Category, decimal Percent, decimal TaxableAmount, decimal VatAmount)
{
    /// <summary>VATEX code for AE (and E) subtotals.</summary>
    public string? ExemptionReasonCode { get; init; }
}

public enum LegalTextKind
{
    RenovationSixPercent,
    ReverseCharge,
}

public sealed record LegalText(LegalTextKind Kind, string Text);

/// <summary>The contract year's included hours: what was left, what this visit used, what remains.</summary>
public sealed record IncludedHoursBalance(DateOnly ContractYearStart, int MinutesAvailable, int MinutesUsed)
{
    public int MinutesLeft => MinutesAvailable - MinutesUsed;
}

public enum WarningKind
{
    UnknownArticle,
    PriceOverride,
    Extras,
    SurchargedTime,
    FixedPriceOvertime,
    MissingTechnicianClass,
    UnknownTechnicianClass,
    MissingDistance,
    InvalidTimeEntry,
    NoWorkTime,
    WarrantyNotApplicable,
    VatStatement,
}

/// <summary>Something the office should look at before the invoice goes out.</summary>
public sealed record PricingWarning(WarningKind Kind, string Message)
{
    /// <summary>The same warning in every language; null for a warning stored before it was kept so.</summary>
    public LocalizedText? Text { get; init; }

    /// <summary>The warning as <paramref name="language"/>'s reader reads it.</summary>
    public string In(Language language) => Text?.In(language) ?? Message;
}

public sealed record PricedReport(
    IReadOnlyList<PricedLine> Lines,
    IReadOnlyList<VatSubtotal> VatBreakdown,
    decimal Net,
    decimal Vat,
    decimal Total,
    VatRegime VatRegime,
    IReadOnlyList<LegalText> LegalTexts,
    IncludedHoursBalance? IncludedHours,
    IReadOnlyList<PricingWarning> Warnings)
{
    /// <summary>What to append to the contract's history (<see cref="PricingRequest.EarlierIncludedUse"/>).</summary>
    public IncludedHoursUse? IncludedUse(DateOnly visitDate) =>
        IncludedHours is { MinutesUsed: > 0 } used ? new IncludedHoursUse(visitDate, used.MinutesUsed) : null;
}
