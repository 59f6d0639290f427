using System.Globalization;
using Werkbon.Core.Vat;

namespace Werkbon.Server.Components.Shared;

/// <summary>
/// How a VAT rate reads for the office: the percentage, with words where 0 % has a reason (reverse charge,
/// zero-rated, exempt). The UNCL5305 category code belongs to the documents and the details, not to this label.
/// </summary>
public static class VatLabel
{
    public static string Of(Hosting.Texts texts, VatCategory category, decimal percent)
    {
        var rate = percent.ToString("0.##", CultureInfo.CurrentCulture) + " %";
        return category == VatCategory.S ? rate : $"{texts["Office.VatCategory." + category]} ({rate})";
    }
}
