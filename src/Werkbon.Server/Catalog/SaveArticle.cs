using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Catalog;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Catalog;

public sealed record ArticleInput(
    string Code, string NameNl, string? NameFr, string? NameEn, string? Unit, decimal ListPrice, decimal VatRate,
    string? Category, string? Ean, ArticleKind Kind, int? IncludedMinutes, int? Version = null);

public sealed record ArticleDetails(
    Guid Id, string Code, string NameNl, string NameFr, string NameEn, string Unit, decimal ListPrice, decimal VatRate,
    string Category, string Ean, ArticleKind Kind, int? IncludedMinutes, bool Archived, int Version)
{
    public static ArticleDetails From(Article a) => new(
        a.Id, a.Code, a.NameNl, a.NameFr, a.NameEn, a.Unit, a.ListPrice, a.VatRate, a.Category, a.Ean, a.Kind, a.IncludedMinutes, a.IsArchived, a.Version);
}

/// <summary>The catalog: parts, services and fixed-price tasks, named in three languages.</summary>
public static class SaveArticle
{
    public static readonly decimal[] VatRates = [0m, 6m, 12m, 21m];

    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles").WithTags("Articles").RequireAuthorization(Policies.Office);
        articles.MapGet("/", Search);
        articles.MapGet("/{id:guid}", Get);
        articles.MapPost("/", Create);
        articles.MapPut("/{id:guid}", Update);
        articles.MapArchiving(db => db.Articles, "article");
        return app;
    }

    public static async Task<Ok<Page<ArticleDetails>>> Search(
        AppDb db, string? search, string? category, ArticleKind? kind, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Articles.AsNoTracking();
        if (includeArchived != true)
        {
            query = query.Where(a => a.ArchivedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(a => a.Category == category);
        }

        if (kind is not null)
        {
            query = query.Where(a => a.Kind == kind);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            var exact = search!.Trim();
            query = query.Where(a => a.Ean == exact
                || EF.Functions.Like(a.Code.ToLower(), pattern)
                || EF.Functions.Like(a.NameNl.ToLower(), pattern)
                || EF.Functions.Like(a.NameFr.ToLower(), pattern)
                || EF.Functions.Like(a.NameEn.ToLower(), pattern));
        }

        var result = await query.OrderBy(a => a.Code).ThenBy(a => a.Id)
            .Select(a => new ArticleDetails(a.Id, a.Code, a.NameNl, a.NameFr, a.NameEn, a.Unit, a.ListPrice, a.VatRate, a.Category, a.Ean, a.Kind, a.IncludedMinutes, a.ArchivedAt != null, a.Version))
            .ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ArticleDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } article
            ? TypedResults.Ok(ArticleDetails.From(article))
            : Rows.Missing("article");

    public static async Task<Results<Created<ArticleDetails>, ValidationProblem>> Create(
        ArticleInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var article = new Article();
        var validation = await Apply(input, article, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/articles/{article.Id}", ArticleDetails.From(article));
    }

    public static async Task<Results<Ok<ArticleDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, ArticleInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Rows.Missing("article");
        }

        if (!db.IsCurrent(article, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = await Apply(input, article, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ArticleDetails.From(article));
    }

    public static async Task<Validation> Apply(ArticleInput input, Article article, AppDb db, Texts texts, CancellationToken ct)
    {
        var v = new Validation(texts);
        v.Required("code", input.Code, Fields.Code);
        v.Required("nameNl", input.NameNl, Fields.Name);
        v.Field("nameFr", input.NameFr, Fields.Name);
        v.Field("nameEn", input.NameEn, Fields.Name);
        v.Field("category", input.Category, Fields.Label);
        v.Field("unit", input.Unit, Fields.Code);
        v.Field("ean", input.Ean, Fields.Code);
        var unit = string.IsNullOrWhiteSpace(input.Unit) ? "C62" : input.Unit.Trim().ToUpperInvariant();
        if (!UnitCodes.IsKnown(unit))
        {
            v.Add("unit", "Validation.Unit", string.Join(", ", UnitCodes.Common));
        }

        v.Range("listPrice", input.ListPrice, 0, 1_000_000);
        if (decimal.Round(input.ListPrice, 4) != input.ListPrice)
        {
            v.Add("listPrice", "Validation.Decimals", 4);
        }

        if (!VatRates.Contains(input.VatRate))
        {
            v.Add("vatRate", "Validation.VatRate");
        }

        var ean = input.Ean?.Trim() ?? "";
        if (ean.Length > 0 && !Gtin.IsValid(ean))
        {
            v.Add("ean", "Validation.Ean");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            v.Add("kind", "Validation.Invalid");
        }
        else if (input.Kind == ArticleKind.FixedPriceTask && input.IncludedMinutes is not > 0)
        {
            v.Add("includedMinutes", "Validation.IncludedMinutes");
        }

        var code = input.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.Articles.AnyAsync(a => a.Code == code && a.Id != article.Id, ct))
        {
            v.Add("code", "Validation.CodeTaken");
        }

        if (!v.IsValid)
        {
            return v;
        }

        article.Code = code;
        article.NameNl = input.NameNl.Trim();
        article.NameFr = string.IsNullOrWhiteSpace(input.NameFr) ? article.NameNl : input.NameFr.Trim();
        article.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? article.NameNl : input.NameEn.Trim();
        article.Unit = unit;
        article.ListPrice = input.ListPrice;
        article.VatRate = input.VatRate;
        article.Category = input.Category?.Trim() ?? "";
        article.Ean = ean;
        article.Kind = input.Kind;
        article.IncludedMinutes = input.Kind == ArticleKind.FixedPriceTask ? input.IncludedMinutes : null;
        return v;
    }
}
