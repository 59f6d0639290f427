namespace Werkbon.Core.Pricing;

public enum ArticleKind
{
    Part,
    Service,

    /// <summary>A service at a fixed price that includes <see cref="Article.IncludedMinutes"/> of labour.</summary>
    FixedPriceTask,
}

/// <summary>A catalog entry as the engine needs it. <see cref="UnitCode"/> is UN/ECE Rec 20 (C62, MTR, HUR…).</summary>
public sealed record Article(
    string Code,
    LocalizedText Name,
    string UnitCode,
    decimal ListPrice,
    decimal VatPercent,
    string? Category = null,
    ArticleKind Kind = ArticleKind.Part)
{
    public int IncludedMinutes { get; init; }
    public bool IncludesTravel { get; init; }
}

/// <summary>Articles by code (case-insensitive). Build once; the field app keeps one for its offline catalog.</summary>
public sealed class ArticleCatalog
{
    private readonly Dictionary<string, Article> byCode = new(StringComparer.OrdinalIgnoreCase);

    public ArticleCatalog(IEnumerable<Article> articles)
    {
        foreach (var article in articles)
        {
            byCode[article.Code] = article; // a duplicate code keeps the last entry rather than failing a report
        }
    }

    public static ArticleCatalog Empty { get; } = new([]);

    public int Count => byCode.Count;

    public Article? Find(string? code) =>
        code is not null && byCode.TryGetValue(code.Trim(), out var article) ? article : null;
}
