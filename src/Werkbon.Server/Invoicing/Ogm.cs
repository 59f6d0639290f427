using System.Globalization;

namespace Werkbon.Server.Invoicing;

/// <summary>Belgian structured communication (OGM/VCS): <c>+++ddd/dddd/ddddd+++</c>, ten digits and their mod-97 check.</summary>
public static class Ogm
{
    public static string For(long tenDigits)
    {
        if (tenDigits is < 0 or > 9_999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(tenDigits));
        }

        var check = tenDigits % 97;
        var digits = tenDigits.ToString("0000000000", CultureInfo.InvariantCulture) + (check == 0 ? 97 : check).ToString("00", CultureInfo.InvariantCulture);
        return $"+++{digits[..3]}/{digits[3..7]}/{digits[7..]}+++";
    }

    /// <summary>The communication of an invoice: issue year and sequence, unique within the company.</summary>
    public static string ForInvoice(DateOnly issueDate, long sequence) => For((issueDate.Year * 1_000_000L) + (sequence % 1_000_000));
}
