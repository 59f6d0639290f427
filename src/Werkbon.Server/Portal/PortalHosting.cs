using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Werkbon.Core;
using Werkbon.Core.Catalog;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Portal;

/// <summary>
/// The customer portal's wiring. Every request under <c>/portal/{token}</c> is first limited per client address
/// (<c>Portal:PermitsPerMinute</c>), then its token is resolved once (<see cref="UsePortal"/>): the visitor's company
/// becomes the request's company and the customer's language its language. A token that opens nothing leaves no
/// visitor, and every page and file then answers the same 404.
/// </summary>
public static class PortalHosting
{
    public const string BasePath = "/portal";

    public const string RateLimitPolicy = "portal";

    public const int DefaultPermitsPerMinute = 120;

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.AddSingleton<PortalLinks>();
        return services.AddRateLimiter(o => o.AddPolicy<string, PortalLimit>(RateLimitPolicy));
    }

    /// <summary>The visitor the request's token opens, or null (bad, expired or revoked token; not a portal address).</summary>
    public static PortalVisitor? Visitor(this HttpContext http) => http.Items[typeof(PortalVisitor)] as PortalVisitor;

    /// <summary>Resolves the token of a portal address; must run after the signed-in user's company is set, so the link's company wins.</summary>
    public static IApplicationBuilder UsePortal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase, out var rest))
            {
                var segments = (rest.Value ?? "").Trim('/').Split('/');
                var token = segments[0];
                var services = context.RequestServices;
                var db = services.GetRequiredService<AppDb>();
                var visitor = await services.GetRequiredService<PortalLinks>().ResolveAsync(db, token, context.RequestAborted);
                if (visitor is not null)
                {
                    var language = await db.Customers.IgnoreQueryFilters().AsNoTracking()
                        .Where(c => c.Id == visitor.CustomerId && c.CompanyId == visitor.CompanyId)
                        .Select(c => c.Language).FirstOrDefaultAsync(context.RequestAborted);
                    services.GetRequiredService<CurrentCompany>().Set(visitor.CompanyId);
                    context.Items[typeof(PortalVisitor)] = visitor;
                    var culture = Cultures.Of(Languages.FromCode(Texts.Normalize(language?.ToLowerInvariant())));
                    CultureInfo.CurrentCulture = culture;
                    CultureInfo.CurrentUICulture = culture;
                }

                // A link that opens nothing, or an invoice or report that is not the visitor's: one and the same 404 page,
                // before any page, form or file is looked at.
                if (visitor is null || !await OwnsAsync(db, visitor, segments, context.RequestAborted))
                {
                    await NotFoundAsync(context, services.GetRequiredService<Texts>());
                    return;
                }
            }

            await next(context);
        });

    /// <summary>True unless the address names an invoice or report (<c>/invoices/{id}…</c>, <c>/reports/{id}…</c>) that is not the visitor's.</summary>
    private static async Task<bool> OwnsAsync(AppDb db, PortalVisitor visitor, string[] segments, CancellationToken ct)
    {
        if (segments.Length < 3)
        {
            return true;
        }

        return segments[1] switch
        {
            "invoices" => Guid.TryParse(segments[2], out var invoiceId)
                && await PortalQueries.Invoices(db, visitor).AnyAsync(i => i.Id == invoiceId, ct),
            "reports" => Guid.TryParse(segments[2], out var reportId)
                && await PortalQueries.Reports(db, visitor).AnyAsync(r => r.Id == reportId, ct),
            _ => true,
        };
    }

    /// <summary>The portal's one "not found" page: it says nothing about what was wrong with the address.</summary>
    private static Task NotFoundAsync(HttpContext context, Texts texts)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        var title = System.Net.WebUtility.HtmlEncode(texts["Portal.NotFound.Title"]);
        var text = System.Net.WebUtility.HtmlEncode(texts["Portal.NotFound.Text"]);
        return context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{Texts.Language}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <meta name="robots" content="noindex, nofollow" /><title>{title} · Werkbon</title><link href="/portal.css" rel="stylesheet" /></head>
            <body><div class="portal"><header class="portal-bar"><span class="portal-brand">Werkbon</span></header><main class="portal-main">
            <section class="portal-card" data-testid="portal-not-found"><h1>{title}</h1><p>{text}</p></section></main></div></body></html>
            """,
            context.RequestAborted);
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup(BasePath + "/{token}").RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        portal.MapGet("/invoices/{id}/pdf", (string id, HttpContext http, AppDb db, CancellationToken ct) => Document(id, InvoiceFile.Pdf, http, db, ct));
        portal.MapGet("/invoices/{id}/ubl", (string id, HttpContext http, AppDb db, CancellationToken ct) => Document(id, InvoiceFile.Ubl, http, db, ct));
        portal.MapGet("/reports/{id}/files/{sha256}", ReportFile);

        var links = app.MapGroup("/api/customers/{id:guid}/portal-links").WithTags("Customers").RequireAuthorization(Policies.Office);
        links.MapPost("/", PortalLinkEndpoints.Create);
        links.MapDelete("/", PortalLinkEndpoints.RevokeAll);

        app.MapGet("/api/invoices/{id:guid}/disputes", PortalLinkEndpoints.Disputes).WithTags("Invoices").RequireAuthorization(Policies.Office);
        return app;
    }

    /// <summary>The PDF or UBL of one of the visitor's issued invoices, as stored when it was issued.</summary>
    private static async Task<IResult> Document(string id, string kind, HttpContext http, AppDb db, CancellationToken ct)
    {
        if (http.Visitor() is not { } visitor || !Guid.TryParse(id, out var invoiceId)
            || !await db.Invoices.AsNoTracking().AnyAsync(i => i.Id == invoiceId && i.CustomerId == visitor.CustomerId && i.Status == InvoiceStatus.Issued, ct))
        {
            return Results.NotFound();
        }

        var file = await (from f in db.InvoiceFiles.AsNoTracking()
                          join i in db.Invoices on f.InvoiceId equals i.Id
                          where f.InvoiceId == invoiceId && f.Kind == kind
                          select new { f.Content, f.ContentType, i.Number }).FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return Results.NotFound();
        }

        var name = $"{file.Number!.Replace('/', '-')}.{(kind == InvoiceFile.Pdf ? "pdf" : "xml")}";
        return TypedResults.File(file.Content, file.ContentType, name);
    }

    /// <summary>A photo or the signature of one of the visitor's reports, served as the office's reader serves it.</summary>
    private static async Task<IResult> ReportFile(string id, string sha256, HttpContext http, AppDb db, IFileStore store, CancellationToken ct)
    {
        if (http.Visitor() is not { } visitor || !Guid.TryParse(id, out var reportId))
        {
            return Results.NotFound();
        }

        var hashes = await PortalQueries.Reports(db, visitor).Where(r => r.Id == reportId).Select(r => r.FileHashes).FirstOrDefaultAsync(ct);
        if (hashes is null || !hashes.Contains(sha256, StringComparer.Ordinal)
            || !await db.Files.AsNoTracking().AnyAsync(f => f.Sha256 == sha256, ct)
            || await store.ReadAsync(visitor.CompanyId, sha256, ct) is not { } bytes)
        {
            return Results.NotFound();
        }

        var (contentType, disposition) = ReadReportFile.ServedAs(bytes, sha256);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(bytes, contentType);
    }
}

/// <summary>The visitor's rows: every portal read starts here, so it is the link's company (filter) and customer (here).</summary>
public static class PortalQueries
{
    public static IQueryable<Invoice> Invoices(AppDb db, PortalVisitor visitor) =>
        db.Invoices.AsNoTracking().Where(i => i.CustomerId == visitor.CustomerId && i.Status == InvoiceStatus.Issued);

    public static IQueryable<InterventionReport> Reports(AppDb db, PortalVisitor visitor) =>
        from r in db.Reports.AsNoTracking()
        join w in db.WorkOrders on r.WorkOrderId equals w.Id
        where w.CustomerId == visitor.CustomerId
        select r;
}

/// <summary>The office makes and revokes a customer's portal links.</summary>
public static class PortalLinkEndpoints
{
    public sealed record CreatedLink(string Url, DateTime ExpiresAt);

    public sealed record RevokedLinks(int Revoked);

    /// <summary>What the customer answered in the portal about one invoice: when they approved it, and their disputes.</summary>
    public sealed record CustomerAnswers(DateTime? ApprovedAt, IReadOnlyList<DisputeView> Disputes);

    /// <summary><c>GET /api/invoices/{id}/disputes</c>: the customer's approval and disputes of an invoice, newest dispute first.</summary>
    public static async Task<Results<Ok<CustomerAnswers>, NotFound<ProblemDetails>>> Disputes(Guid id, AppDb db, CancellationToken ct)
    {
        if (!await db.Invoices.AsNoTracking().AnyAsync(i => i.Id == id, ct))
        {
            return Rows.Missing("invoice");
        }

        return TypedResults.Ok(new CustomerAnswers(
            await InvoiceDisputes.ApprovedAtAsync(db, id, ct), await InvoiceDisputes.ListAsync(db, id, openOnly: false, ct)));
    }

    /// <summary><c>POST /api/customers/{id}/portal-links</c>: a new link for an active customer; the address is shown once, only its hash is kept.</summary>
    public static async Task<Results<Created<CreatedLink>, NotFound<ProblemDetails>>> Create(
        Guid id, AppDb db, PortalLinks links, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == id && c.ArchivedAt == null, ct))
        {
            return Rows.Missing("customer");
        }

        var url = links.Issue(db, id);
        await db.SaveChangesAsync(ct);
        var expires = db.ChangeTracker.Entries<PortalLink>().Select(e => e.Entity).Where(l => l.CustomerId == id).Max(l => l.ExpiresAt);
        return TypedResults.Created($"/api/customers/{id}", new CreatedLink(url, expires));
    }

    /// <summary><c>DELETE /api/customers/{id}/portal-links</c>: every open link of the customer stops working at once.</summary>
    public static async Task<Results<Ok<RevokedLinks>, NotFound<ProblemDetails>>> RevokeAll(Guid id, AppDb db, PortalLinks links, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == id, ct))
        {
            return Rows.Missing("customer");
        }

        return TypedResults.Ok(new RevokedLinks(await links.RevokeAllAsync(db, id, ct)));
    }
}

/// <summary>Counts every portal request (pages, posts, files) per client address; past the limit 429 with Retry-After.</summary>
public sealed class PortalLimit(IConfiguration configuration, Texts texts) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(texts["Portal.TooMany"], ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var permits = Math.Max(1, configuration.GetValue("Portal:PermitsPerMinute", PortalHosting.DefaultPermitsPerMinute));
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
