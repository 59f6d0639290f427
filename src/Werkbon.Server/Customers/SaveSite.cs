using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Customers;

public sealed record SiteInput(
    Guid CustomerId, string Name, Address? Address, decimal DistanceKm, bool IsPrivateHome, int? FirstOccupiedYear, string? AccessNotes, int? Version = null);

public sealed record SiteDetails(
    Guid Id, Guid CustomerId, string Name, Address Address, decimal DistanceKm, bool IsPrivateHome, int? FirstOccupiedYear, string AccessNotes, bool Archived, int Version)
{
    public static SiteDetails From(Site s) =>
        new(s.Id, s.CustomerId, s.Name, s.Address, s.DistanceKm, s.IsPrivateHome, s.FirstOccupiedYear, s.AccessNotes, s.IsArchived, s.Version);
}

/// <summary>Sites of a customer: where the work happens, how far it is, how old the home is.</summary>
public static class SaveSite
{
    public static async Task<Ok<Page<SiteDetails>>> Search(
        AppDb db, Guid? customerId, string? search, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Sites.AsNoTracking();
        if (includeArchived != true)
        {
            query = query.Where(s => s.ArchivedAt == null);
        }

        if (customerId is not null)
        {
            query = query.Where(s => s.CustomerId == customerId);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(s => EF.Functions.Like(s.Name.ToLower(), pattern)
                || EF.Functions.Like(s.Address.Street.ToLower(), pattern)
                || EF.Functions.Like(s.Address.City.ToLower(), pattern));
        }

        var result = await query.OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new SiteDetails(s.Id, s.CustomerId, s.Name, s.Address, s.DistanceKm, s.IsPrivateHome, s.FirstOccupiedYear, s.AccessNotes, s.ArchivedAt != null, s.Version))
            .ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<SiteDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } site
            ? TypedResults.Ok(SiteDetails.From(site))
            : Rows.Missing("site");

    public static async Task<Results<Created<SiteDetails>, ValidationProblem>> Create(
        SiteInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var site = new Site();
        var validation = await Apply(input, site, db, texts, clock, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/sites/{site.Id}", SiteDetails.From(site));
    }

    public static async Task<Results<Ok<SiteDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, SiteInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return Rows.Missing("site");
        }

        if (!db.IsCurrent(site, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = await Apply(input, site, db, texts, clock, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SiteDetails.From(site));
    }

    public static async Task<Validation> Apply(SiteInput input, Site site, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation(texts);
        v.Required("name", input.Name, Fields.Name);
        v.Address("address", input.Address);
        v.Range("distanceKm", input.DistanceKm, 0, 1000);
        v.Field("accessNotes", input.AccessNotes, Fields.Note);
        var thisYear = clock.GetUtcNow().Year;
        if (input.FirstOccupiedYear is { } year && (year < 1800 || year > thisYear))
        {
            v.Add("firstOccupiedYear", "Validation.Range", 1800, thisYear);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
        {
            v.Add("customerId", "Validation.UnknownCustomer");
        }

        if (!v.IsValid)
        {
            return v;
        }

        site.CustomerId = input.CustomerId;
        site.Name = input.Name.Trim();
        site.Address = SaveCustomer.Normalize(input.Address!);
        site.DistanceKm = Math.Round(input.DistanceKm, 1);
        site.IsPrivateHome = input.IsPrivateHome;
        site.FirstOccupiedYear = input.FirstOccupiedYear;
        site.AccessNotes = input.AccessNotes?.Trim() ?? "";
        return v;
    }
}
