using Werkbon.Server.Data;

namespace Werkbon.Server.Catalog;

public enum ArticleKind
{
    Part,
    Service,
    FixedPriceTask,
}

/// <summary>Something the company sells: a part, a service, a fixed-price task.</summary>
public sealed class Article : CompanyEntity
{
    public string Code { get; set; } = "";

    public string NameNl { get; set; } = "";

    public string NameFr { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>UN/ECE Recommendation 20 unit code: C62 piece, HUR hour, KMT km, MTR metre, LTR litre.</summary>
    public string Unit { get; set; } = "C62";

    public decimal ListPrice { get; set; }

    /// <summary>VAT rate in percent, e.g. 21, 6, 0.</summary>
    public decimal VatRate { get; set; } = 21m;

    public string Category { get; set; } = "";

    public string Ean { get; set; } = "";

    public ArticleKind Kind { get; set; }

    /// <summary>Labour minutes a fixed-price task includes.</summary>
    public int? IncludedMinutes { get; set; }

    public string NameIn(string language) => language switch
    {
        "fr" => NameFr,
        "en" => NameEn,
        _ => NameNl,
    };
}
