using System.Text.RegularExpressions;

namespace Werkbon.Core.Parties;

/// <summary>
/// EU VAT identification numbers. Belgian numbers are checked (mod 97); the others by their
/// country's published format, since their check digits need each country's own algorithm.
/// </summary>
public static partial class VatNumber
{
    private static readonly Dictionary<string, Regex> Formats = new(StringComparer.Ordinal)
    {
        ["AT"] = new(@"^U\d{8}$"),
        ["BG"] = new(@"^\d{9,10}$"),
        ["CY"] = new(@"^\d{8}[A-Z]$"),
        ["CZ"] = new(@"^\d{8,10}$"),
        ["DE"] = new(@"^\d{9}$"),
        ["DK"] = new(@"^\d{8}$"),
        ["EE"] = new(@"^\d{9}$"),
        ["EL"] = new(@"^\d{9}$"),
        ["ES"] = new(@"^[A-Z0-9]\d{7}[A-Z0-9]$"),
        ["FI"] = new(@"^\d{8}$"),
        ["FR"] = new(@"^[A-HJ-NP-Z0-9]{2}\d{9}$"),
        ["HR"] = new(@"^\d{11}$"),
        ["HU"] = new(@"^\d{8}$"),
        ["IE"] = new(@"^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$"),
        ["IT"] = new(@"^\d{11}$"),
        ["LT"] = new(@"^(\d{9}|\d{12})$"),
        ["LU"] = new(@"^\d{8}$"),
        ["LV"] = new(@"^\d{11}$"),
        ["MT"] = new(@"^\d{8}$"),
        ["NL"] = new(@"^\d{9}B\d{2}$"),
        ["PL"] = new(@"^\d{10}$"),
        ["PT"] = new(@"^\d{9}$"),
        ["RO"] = new(@"^\d{2,10}$"),
        ["SE"] = new(@"^\d{12}$"),
        ["SI"] = new(@"^\d{8}$"),
        ["SK"] = new(@"^\d{10}$"),
        ["XI"] = new(@"^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$"),
    };

    /// <summary>Normalises to <c>CC</c> + number without separators, or null when invalid.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = Separators().Replace(text, "").ToUpperInvariant();
        if (compact.Length < 4)
        {
            return null;
        }

        var country = compact[..2];
        var number = compact[2..];
        if (country == "BE")
        {
            var digits = EnterpriseNumber.Normalize(number);
            return digits is null ? null : "BE" + digits;
        }

        return Formats.TryGetValue(country, out var format) && format.IsMatch(number) ? compact : null;
    }

    public static bool IsValid(string? text) => Normalize(text) is not null;

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex Separators();
}
