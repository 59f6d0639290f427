namespace Werkbon.Core.Parties;

/// <summary>
/// A Belgian enterprise number (KBO/BCE): ten digits, the first 0 or 1, the last two a mod 97 check
/// over the first eight. Written <c>0123.456.749</c>; the VAT number is <c>BE</c> + the same ten digits.
/// </summary>
public static class EnterpriseNumber
{
    /// <summary>Normalises to ten digits, or returns null when the text is not a valid number.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        var rest = new string([.. text.Where(c => !char.IsAsciiDigit(c) && c is not ('.' or ' ' or '-'))]);
        if (rest.Length > 0 && !rest.Equals("BE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (digits.Length == 9)
        {
            digits = "0" + digits; // numbers issued before 2005 are often written without the leading 0
        }

        return IsValidDigits(digits) ? digits : null;
    }

    public static bool IsValid(string? text) => Normalize(text) is not null;

    /// <summary>Formats ten digits as <c>0123.456.749</c>.</summary>
    public static string Format(string digits) => $"{digits[..4]}.{digits[4..7]}.{digits[7..]}";

    private static bool IsValidDigits(string digits)
    {
        if (digits.Length != 10 || digits[0] is not ('0' or '1'))
        {
            return false;
        }

        var body = long.Parse(digits.AsSpan(0, 8), System.Globalization.CultureInfo.InvariantCulture);
        var check = int.Parse(digits.AsSpan(8, 2), System.Globalization.CultureInfo.InvariantCulture);
        return 97 - (int)(body % 97) == check;
    }
}
