using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Customers;

public sealed record AssetInput(
    Guid SiteId, string Type, string? Brand, string? Model, string? SerialNumber, DateOnly? InstalledOn, DateOnly? WarrantyUntil, int? Version = null);

public sealed record AssetDetails(
    Guid Id, Guid SiteId, string Type, string Brand, string Model, string SerialNumber, DateOnly? InstalledOn, DateOnly? WarrantyUntil, bool Archived, int Version)
{
    public static AssetDetails From(Asset a) =>
        new(a.Id, a.SiteId, a.Type, a.Brand, a.Model, a.SerialNumber, a.InstalledOn, a.WarrantyUntil, a.IsArchived, a.Version);
}

/// <summary>Equipment at a site, with its warranty.</summary>
public static class SaveAsset
{
    public static async Task<Ok<Page<AssetDetails>>> Search(
        AppDb db, Guid? siteId, string? search, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Assets.AsNoTracking();
        if (includeArchived != true)
        {
            query = query.Where(a => a.ArchivedAt == null);
        }

        if (siteId is not null)
        {
            query = query.Where(a => a.SiteId == siteId);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(a => EF.Functions.Like(a.Type.ToLower(), pattern)
                || EF.Functions.Like(a.Brand.ToLower(), pattern)
                || EF.Functions.Like(a.Model.ToLower(), pattern)
                || EF.Functions.Like(a.SerialNumber.ToLower(), pattern));
        }

        var result = await query.OrderBy(a => a.Type).ThenBy(a => a.Brand).ThenBy(a => a.Id)
            .Select(a => new AssetDetails(a.Id, a.SiteId, a.Type, a.Brand, a.Model, a.SerialNumber, a.InstalledOn, a.WarrantyUntil, a.ArchivedAt != null, a.Version))
            .ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<AssetDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } asset
            ? TypedResults.Ok(AssetDetails.From(asset))
            : Rows.Missing("asset");

    public static async Task<Results<Created<AssetDetails>, ValidationProblem>> Create(
        AssetInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var asset = new Asset();
        var validation = await Apply(input, asset, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.Assets.Add(asset);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/assets/{asset.Id}", AssetDetails.From(asset));
    }

    public static async Task<Results<Ok<AssetDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, AssetInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Rows.Missing("asset");
        }

        if (!db.IsCurrent(asset, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = await Apply(input, asset, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AssetDetails.From(asset));
    }

    public static async Task<Validation> Apply(AssetInput input, Asset asset, AppDb db, Texts texts, CancellationToken ct)
    {
        var v = new Validation(texts);
        v.Required("type", input.Type, Fields.Label);
        v.Field("brand", input.Brand, Fields.Label);
        v.Field("model", input.Model, Fields.Label);
        v.Field("serialNumber", input.SerialNumber, Fields.Label);
        if (input.InstalledOn is { } installed && input.WarrantyUntil is { } until && until < installed)
        {
            v.Add("warrantyUntil", "Validation.WarrantyBeforeInstall");
        }

        if (!await db.Sites.AnyAsync(s => s.Id == input.SiteId, ct))
        {
            v.Add("siteId", "Validation.UnknownSite");
        }

        if (!v.IsValid)
        {
            return v;
        }

        asset.SiteId = input.SiteId;
        asset.Type = input.Type.Trim();
        asset.Brand = input.Brand?.Trim() ?? "";
        asset.Model = input.Model?.Trim() ?? "";
        asset.SerialNumber = input.SerialNumber?.Trim() ?? "";
        asset.InstalledOn = input.InstalledOn;
        asset.WarrantyUntil = input.WarrantyUntil;
        return v;
    }
}
