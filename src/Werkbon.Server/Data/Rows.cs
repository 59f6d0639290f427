using Microsoft.AspNetCore.Mvc;

namespace Werkbon.Server.Data;

/// <summary>Shared moves on company rows: find, check the version, archive.</summary>
public static class Rows
{
    public static NotFound<ProblemDetails> Missing(string what) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"The {what} does not exist.",
    });

    /// <summary>
    /// True when the client edited the version it read. The version is also given to EF as the original
    /// value, so a change that lands between this read and the save still fails (409).
    /// </summary>
    public static bool IsCurrent<T>(this AppDb db, T row, int? version)
        where T : CompanyEntity
    {
        if (version is null || version != row.Version)
        {
            return false;
        }

        db.Entry(row).Property(r => r.Version).OriginalValue = version.Value;
        return true;
    }

    /// <summary>Maps <c>POST {id}/archive</c> and <c>POST {id}/restore</c> for a kind of row.</summary>
    public static RouteGroupBuilder MapArchiving<T>(this RouteGroupBuilder group, Func<AppDb, DbSet<T>> rows, string what)
        where T : CompanyEntity
    {
        group.MapPost("/{id:guid}/archive", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) => Archive(rows(db), id, archive: true, clock, db, what, ct));
        group.MapPost("/{id:guid}/restore", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) => Archive(rows(db), id, archive: false, clock, db, what, ct));
        return group;
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Archive<T>(
        DbSet<T> rows, Guid id, bool archive, TimeProvider clock, AppDb db, string what, CancellationToken ct)
        where T : CompanyEntity
    {
        var row = await rows.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return Missing(what);
        }

        if (archive)
        {
            row.Archive(clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            row.Restore();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
