using Werkbon.Core.Catalog;
using System.Globalization;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Review;

/// <summary>What the office can change in the lines that feed the invoice.</summary>
public enum CorrectionKind
{
    /// <summary>Replace a line (typically a free-text item) by another, e.g. a catalog article priced under the contract.</summary>
    ReplaceLine,
    SetQuantity,
    SetUnitPrice,
    AddLine,
    RemoveLine,

    /// <summary>Keep the line but charge nothing for it.</summary>
    Goodwill,

    /// <summary>Charge nothing for the whole report.</summary>
    GoodwillReport,
}

/// <summary>
/// One correction. <see cref="Line"/> is the 1-based number of a line in the list being corrected (the
/// signed pricing or the latest revision), as it stands before this batch. <see cref="Replacement"/>
/// is the new line for <see cref="CorrectionKind.ReplaceLine"/> and <see cref="CorrectionKind.AddLine"/>.
/// </summary>
public sealed record Correction(CorrectionKind Kind, int? Line = null, decimal? Quantity = null, decimal? UnitPrice = null, PricedLine? Replacement = null);

/// <summary>
/// One line of a corrected report. <see cref="Signed"/> is what the signed report's pricing said for it
/// (null for a line the office added); <see cref="Reason"/> is the reason of the correction that last
/// changed it (null while it is as signed).
/// </summary>
public sealed record RevisedLine(PricedLine Line, PricedLine? Signed, string? Reason = null, bool Goodwill = false)
{
    public bool IsChanged => Signed is null || Signed != Line;

    /// <summary>A short account of what was signed, in the reader's words: "Flexibele slang: 2 st. × 8,40 = 16,80"; "—" for an added line.</summary>
    public string SignedText(Language language = Language.Nl) => Signed is null ? "—" : Describe(Signed, language);

    /// <summary>"Werkuren: 50 min × 60,00/u = 50,00": the line as a customer checks it, quantity × price = amount.</summary>
    public static string Describe(PricedLine line, Language language = Language.Nl)
    {
        var quantity = LineQuantity.Of(line.Quantity, line.UnitCode);
        var culture = Cultures.Of(language);
        return $"{line.Description}: {quantity.Text(language)} × {line.UnitPrice.ToString("0.00", culture)}{quantity.PriceUnit(language)} = {line.Amount.ToString("0.00", culture)}";
    }
}

/// <summary>A signed line the office took off the invoice, with the reason.</summary>
public sealed record RemovedLine(PricedLine Signed, string Reason);

/// <summary>The full corrected list of lines with VAT and totals recomputed the engine's way.</summary>
public sealed record RevisedReport(
    IReadOnlyList<RevisedLine> Lines,
    IReadOnlyList<RemovedLine> Removed,
    IReadOnlyList<VatSubtotal> VatBreakdown,
    decimal Net,
    decimal Vat,
    decimal Total);

/// <summary>Why a correction cannot be applied: the correction's index in the batch, the field and a text key's last part.</summary>
public sealed record CorrectionProblem(int Index, string Field, string Code);

public sealed record CorrectionResult(RevisedReport? Revised, IReadOnlyList<CorrectionProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Applies the office's corrections to the lines that feed the invoice, never to the signed report:
/// the outcome is a new list beside it, each line keeping what was signed. Pure and deterministic.
/// </summary>
public static class ReportCorrection
{
    public const int MaxReasonLength = 1000;

    /// <summary>The signed pricing as the starting point of the first revision.</summary>
    public static RevisedReport FromSigned(PricedReport signed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return Total([.. signed.Lines.Select(l => new RevisedLine(l, l))], []);
    }

    public static CorrectionResult Apply(RevisedReport current, IReadOnlyList<Correction> corrections, string? reason)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new List<CorrectionProblem>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new(-1, "reason", "ReasonRequired"));
        }
        else if (reason.Length > MaxReasonLength)
        {
            problems.Add(new(-1, "reason", "ReasonTooLong"));
        }

        if (corrections is null || corrections.Count == 0)
        {
            problems.Add(new(-1, "corrections", "NoCorrections"));
            return new(null, problems);
        }

        var why = reason?.Trim() ?? "";
        var lines = current.Lines.ToList();
        var removed = new bool[lines.Count];
        var added = new List<RevisedLine>();
        for (var i = 0; i < corrections.Count; i++)
        {
            var c = corrections[i];
            if (c is null)
            {
                problems.Add(new(i, "kind", "Required"));
                continue;
            }

            if (c.Kind == CorrectionKind.GoodwillReport)
            {
                for (var n = 0; n < lines.Count; n++)
                {
                    lines[n] = Goodwill(lines[n], why);
                }

                added = [.. added.Select(a => Goodwill(a, why))];
                continue;
            }

            if (c.Kind == CorrectionKind.AddLine)
            {
                if (c.Replacement is null)
                {
                    problems.Add(new(i, "line", "LineRequired"));
                }
                else if (CheckLine(c.Replacement) is { } code)
                {
                    problems.Add(new(i, "line", code));
                }
                else
                {
                    added.Add(new RevisedLine(c.Replacement, null, why));
                }

                continue;
            }

            if (c.Line is not { } number || number < 1 || number > lines.Count)
            {
                problems.Add(new(i, "line", "UnknownLine"));
                continue;
            }

            var at = number - 1;
            if (removed[at])
            {
                problems.Add(new(i, "line", "LineRemoved"));
                continue;
            }

            var line = lines[at];
            switch (c.Kind)
            {
                case CorrectionKind.RemoveLine:
                    removed[at] = true;
                    break;
                case CorrectionKind.Goodwill:
                    lines[at] = Goodwill(line, why);
                    break;
                case CorrectionKind.SetQuantity when c.Quantity is not { } quantity || quantity <= 0m || quantity > 100_000m:
                    problems.Add(new(i, "quantity", "QuantityOutOfRange"));
                    break;
                case CorrectionKind.SetQuantity:
                    lines[at] = line with { Line = Reprice(line.Line, c.Quantity!.Value, line.Line.UnitPrice), Reason = why };
                    break;
                case CorrectionKind.SetUnitPrice when c.UnitPrice is not { } price || price < 0m || price > 1_000_000m:
                    problems.Add(new(i, "unitPrice", "PriceOutOfRange"));
                    break;
                case CorrectionKind.SetUnitPrice:
                    lines[at] = line with { Line = Reprice(line.Line, line.Line.Quantity, c.UnitPrice!.Value), Reason = why, Goodwill = false };
                    break;
                case CorrectionKind.ReplaceLine when c.Replacement is null:
                    problems.Add(new(i, "line", "LineRequired"));
                    break;
                case CorrectionKind.ReplaceLine when CheckLine(c.Replacement) is { } code:
                    problems.Add(new(i, "line", code));
                    break;
                case CorrectionKind.ReplaceLine:
                    lines[at] = line with { Line = c.Replacement!, Reason = why, Goodwill = false };
                    break;
                default:
                    problems.Add(new(i, "kind", "UnknownKind"));
                    break;
            }
        }

        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        var kept = new List<RevisedLine>();
        var gone = current.Removed.ToList();
        for (var n = 0; n < lines.Count; n++)
        {
            if (!removed[n])
            {
                kept.Add(lines[n]);
            }
            else if (lines[n].Signed is { } signed)
            {
                gone.Add(new RemovedLine(signed, why));
            }
        }

        kept.AddRange(added);
        return new(Total(kept, gone), []);
    }

    /// <summary>The line at a new quantity or unit price; labour keeps its minutes exact, as the engine prices it.</summary>
    public static PricedLine Reprice(PricedLine line, decimal quantity, decimal unitPrice)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Minutes is { } minutes)
        {
            var newMinutes = quantity == line.Quantity ? minutes : (int)Math.Round(quantity * 60m, MidpointRounding.AwayFromZero);
            return line with
            {
                Minutes = newMinutes,
                Quantity = Math.Round(newMinutes / 60m, 4),
                UnitPrice = unitPrice,
                Amount = Money.Round(newMinutes * unitPrice / 60m),
            };
        }

        return line with { Quantity = quantity, UnitPrice = unitPrice, Amount = Money.Round(quantity * unitPrice) };
    }

    private static RevisedLine Goodwill(RevisedLine line, string reason) =>
        line with { Line = line.Line with { UnitPrice = 0m, Amount = 0m }, Reason = reason, Goodwill = true };

    private static string? CheckLine(PricedLine line) =>
        string.IsNullOrWhiteSpace(line.Description) ? "DescriptionRequired"
        : line.Quantity <= 0m || line.Quantity > 100_000m ? "QuantityOutOfRange"
        : line.UnitPrice < 0m || line.UnitPrice > 1_000_000m ? "PriceOutOfRange"
        : null;

    private static RevisedReport Total(IReadOnlyList<RevisedLine> lines, IReadOnlyList<RemovedLine> removed)
    {
        var totals = VatBreakdown.Of(lines.Select(l => l.Line));
        return new RevisedReport(lines, removed, totals.Breakdown, totals.Net, totals.Vat, totals.Total);
    }
}
