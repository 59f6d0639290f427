using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Werkbon.Core.Invoicing;

/// <summary>
/// The Belgian structured communication (OGM/VCS, <c>+++123/4567/89002+++</c>): a ten-digit base and two
/// check digits, the base mod 97 (a remainder of 0 is written 97). Banks match payments by it, so an
/// invoice keeps one for life.
/// </summary>
/// <remarks>
/// <see cref="ForInvoice"/> derives the base from the invoice's year and its number in the company's series:
/// the last two digits of the year, then the sequence on eight digits (<c>2026</c>, <c>104</c> →
/// <c>2600000104</c>). It is unique per company for a century and for 99,999,999 invoices a year, whether the
/// series restarts every year or runs on.
/// </remarks>
public sealed partial record StructuredCommunication
{
    public const long MaxBase = 9_999_999_999;
    public const long MaxSequence = 99_999_999;

    private StructuredCommunication(string digits) => Digits = digits;

    /// <summary>The twelve digits: the base and the two check digits.</summary>
    public string Digits { get; }

    /// <summary>The ten-digit base without its check digits.</summary>
    public long Base => long.Parse(Digits.AsSpan(0, 10), CultureInfo.InvariantCulture);

    /// <summary>The structured communication for a base from 0 to 9,999,999,999.</summary>
    public static StructuredCommunication FromBase(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxBase);
        return new(value.ToString("D10", CultureInfo.InvariantCulture) + CheckDigits(value));
    }

    /// <summary>The communication of invoice <paramref name="sequence"/> (1 and up) of <paramref name="year"/> (see remarks).</summary>
    public static StructuredCommunication ForInvoice(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(year);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return FromBase((year % 100 * (MaxSequence + 1)) + sequence);
    }

    /// <summary>
    /// Reads <c>+++123/4567/89002+++</c>, <c>***123/4567/89002***</c>, <c>123/4567/89002</c> or
    /// <c>123456789002</c> (spaces allowed); false when it is not twelve digits with correct check digits.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StructuredCommunication? communication)
    {
        communication = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        if (compact.StartsWith("+++", StringComparison.Ordinal) && compact.EndsWith("+++", StringComparison.Ordinal) && compact.Length > 6)
        {
            compact = compact[3..^3];
        }
        else if (compact.StartsWith("***", StringComparison.Ordinal) && compact.EndsWith("***", StringComparison.Ordinal) && compact.Length > 6)
        {
            compact = compact[3..^3];
        }

        var digits = compact.Replace("/", "", StringComparison.Ordinal);
        if (digits.Length != 12 || digits.AsSpan().ContainsAnyExcept("0123456789"))
        {
            return false;
        }

        var value = long.Parse(digits.AsSpan(0, 10), CultureInfo.InvariantCulture);
        if (!digits.EndsWith(CheckDigits(value), StringComparison.Ordinal))
        {
            return false;
        }

        communication = new(digits);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, with a clear error for text that is not a structured communication.</summary>
    public static StructuredCommunication Parse(string text) =>
        TryParse(text, out var communication)
            ? communication
            : throw new FormatException($"'{text}' is not a Belgian structured communication (twelve digits, the last two the first ten mod 97).");

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>
    /// The first structured communication with correct check digits inside free text, as payers type it in
    /// the free field of a transfer (<c>factuur +++260/0000/01079+++ bedankt</c>, <c>VCS 260000001079</c>).
    /// </summary>
    public static bool TryFind(string? text, [NotNullWhen(true)] out StructuredCommunication? communication)
    {
        communication = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (Match candidate in Candidates().Matches(text))
        {
            if (TryParse(new string([.. candidate.Value.Where(char.IsAsciiDigit)]), out communication))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<!\d)\d{3}[ /.]?\d{4}[ /.]?\d{5}(?!\d)")]
    private static partial Regex Candidates();

    /// <summary>As printed and as sent in <c>cbc:PaymentID</c>: <c>+++123/4567/89002+++</c>.</summary>
    public override string ToString() => $"+++{Digits[..3]}/{Digits[3..7]}/{Digits[7..]}+++";

    private static string CheckDigits(long value)
    {
        var check = value % 97;
        return (check == 0 ? 97 : check).ToString("D2", CultureInfo.InvariantCulture);
    }
}
