using System.Globalization;
using System.Text.RegularExpressions;

namespace Werkbon.Server.Invoicing;

/// <summary>Invoice number formats: <c>{yyyy}</c>, <c>{yy}</c> (issue year) and <c>{n}</c> or <c>{n:000000}</c> (sequence, zero-padded).</summary>
public static partial class NumberFormat
{
    public static string Apply(string format, long sequence, DateOnly issueDate) =>
        Placeholder().Replace(format, m => m.Groups["name"].Value switch
        {
            "yyyy" => issueDate.Year.ToString("0000", CultureInfo.InvariantCulture),
            "yy" => (issueDate.Year % 100).ToString("00", CultureInfo.InvariantCulture),
            _ => sequence.ToString(m.Groups["pad"].Success ? m.Groups["pad"].Value : "0", CultureInfo.InvariantCulture),
        });

    /// <summary>A format must name the sequence exactly once and nothing unknown.</summary>
    public static void Check(string? format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > 40
            || Placeholder().Matches(format).Count(m => m.Groups["name"].Value == "n") != 1
            || Placeholder().Replace(format, "").IndexOfAny(['{', '}']) >= 0
            || Placeholder().Replace(format, "").Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('/' or '-' or '.' or '_')))
        {
            throw new DomainException(
                "A number format names the sequence once as {n} or {n:000000}, may use {yyyy} or {yy}, and otherwise only letters, digits and / - . _.",
                "format",
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    [GeneratedRegex(@"\{(?<name>yyyy|yy|n)(:(?<pad>0{1,12}))?\}")]
    private static partial Regex Placeholder();
}
