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
        customers.MapGet("/{id:guid}/overview", CustomerOverview.Handle);
        customers.MapPost("/", SaveCustomer.Create);
        customers.MapPut("/{id:guid}", SaveCustomer.Update);
        customers.MapArchiving(db => db.Customers, "customer");

        var sites = app.MapGroup("/api/sites").WithTags("Sites").RequireAuthorization(Policies.Office);
        sites.MapGet("/", SaveSite.Search);
        sites.MapGet("/{id:guid}", SaveSite.Get);
        sites.MapPost("/", SaveSite.Create);
        sites.MapPut("/{id:guid}", SaveSite.Update);
        sites.MapArchiving(db => db.Sites, "site");

        var assets = app.MapGroup("/api/assets").WithTags("Assets").RequireAuthorization(Policies.Office);
        assets.MapGet("/", SaveAsset.Search);
        assets.MapGet("/{id:guid}", SaveAsset.Get);
        assets.MapPost("/", SaveAsset.Create);
        assets.MapPut("/{id:guid}", SaveAsset.Update);
        assets.MapArchiving(db => db.Assets, "asset");
        return app;
    }

    private static async Task<Results<Ok<CustomerDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } customer
            ? TypedResults.Ok(CustomerDetails.From(customer))
            : Rows.Missing("customer");
}
