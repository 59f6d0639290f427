using System.Security.Claims;
using Microsoft.Net.Http.Headers;

namespace Werkbon.Server.Hosting;

/// <summary>Who the signed-in technician is, as the field app signs reports: id, rate class, language.</summary>
public sealed record FieldIdentity(Guid Id, string Name, string Email, string? RateClass, string Language, string CompanyName);

/// <summary>
/// Hosts the technician's PWA (<c>src/Werkbon.Field</c>) under <c>/field</c>. Its files are static web
/// assets with base path <c>field</c>, served (fingerprinted, compressed) by <c>MapStaticAssets</c>,
/// which replaces <c>UseBlazorFrameworkFiles</c> since .NET 9; any other path under <c>/field</c> is
/// one of the app's own routes and gets its <c>index.html</c>.
/// </summary>
public static class FieldHosting
{
    public const string BasePath = "/field";

    public static IEndpointRouteBuilder MapFieldApp(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile(BasePath + "/{*path:nonfile}", "field/index.html", new StaticFileOptions
        {
            // The service worker decides what is cached; the shell itself is always revalidated.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapGet("/api/sync/me", Me).WithTags("Field sync").RequireAuthorization(Policies.Technician);
        return app;
    }

    /// <summary><c>GET /api/sync/me</c>: the technician's identity, which the app keeps for offline starts and signs reports with.</summary>
    public static async Task<Results<Ok<FieldIdentity>, NotFound>> Me(ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var identity = await db.Users.AsNoTracking()
            .Where(u => u.Id == me && u.CompanyId == db.CompanyId && u.ArchivedAt == null)
            .Select(u => new FieldIdentity(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                u.RateClass,
                u.Language,
                db.Companies.Where(c => c.Id == u.CompanyId).Select(c => c.Name).FirstOrDefault() ?? ""))
            .FirstOrDefaultAsync(ct);
        return identity is null ? TypedResults.NotFound() : TypedResults.Ok(identity);
    }
}
