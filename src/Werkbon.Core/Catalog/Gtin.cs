namespace Werkbon.Core.Catalog;

/// <summary>EAN/GTIN barcodes (8, 12, 13 or 14 digits) with their GS1 check digit.</summary>
public static class Gtin
{
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length is not (8 or 12 or 13 or 14) || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Weights 3,1,3,1… from the right, the check digit excluded.
        var sum = 0;
        for (var i = code.Length - 2; i >= 0; i--)
        {
            var weight = (code.Length - 2 - i) % 2 == 0 ? 3 : 1;
            sum += (code[i] - '0') * weight;
        }

        return (10 - (sum % 10)) % 10 == code[^1] - '0';
    }
}

/// <summary>UN/ECE Recommendation 20 unit codes the catalog accepts (Peppol uses the same list).</summary>
public static class UnitCodes
{
    public static readonly IReadOnlyList<string> Common = ["C62", "H87", "HUR", "MIN", "DAY", "KMT", "MTR", "MTK", "MTQ", "LTR", "KGM", "SET", "PR", "XBX", "XRO", "LS"];

    public static bool IsKnown(string? code) => code is not null && Common.Contains(code);
}
