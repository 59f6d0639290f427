using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Customers;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.Office);
        customers.MapGet("/", SearchCustomers.Handle);
        customers.MapGet("/{id:guid}", Get);
        customers.MapPost("/", SaveCustomer.Create);
        customers.MapPut("/{id:guid}", SaveCustomer.Update);
        customers.MapPost("/{id:guid}/archive", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Customers, id, archive: true, clock, db, "customer", ct));
        customers.MapPost("/{id:guid}/restore", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Customers, id, archive: false, clock, db, "customer", ct));

        var sites = app.MapGroup("/api/sites").WithTags("Sites").RequireAuthorization(Policies.Office);
        sites.MapGet("/", SaveSite.Search);
        sites.MapGet("/{id:guid}", SaveSite.Get);
        sites.MapPost("/", SaveSite.Create);
        sites.MapPut("/{id:guid}", SaveSite.Update);
        sites.MapPost("/{id:guid}/archive", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Sites, id, archive: true, clock, db, "site", ct));
        sites.MapPost("/{id:guid}/restore", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Sites, id, archive: false, clock, db, "site", ct));

        var assets = app.MapGroup("/api/assets").WithTags("Assets").RequireAuthorization(Policies.Office);
        assets.MapGet("/", SaveAsset.Search);
        assets.MapGet("/{id:guid}", SaveAsset.Get);
        assets.MapPost("/", SaveAsset.Create);
        assets.MapPut("/{id:guid}", SaveAsset.Update);
        assets.MapPost("/{id:guid}/archive", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Assets, id, archive: true, clock, db, "asset", ct));
        assets.MapPost("/{id:guid}/restore", (Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
            Rows.Archive(db.Assets, id, archive: false, clock, db, "asset", ct));
        return app;
    }

    private static async Task<Results<Ok<CustomerDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } customer
            ? TypedResults.Ok(CustomerDetails.From(customer))
            : Rows.Missing("customer");
}
