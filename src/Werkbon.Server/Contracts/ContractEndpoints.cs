using Werkbon.Server.Hosting;

namespace Werkbon.Server.Contracts;

public static class ContractEndpoints
{
    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization(Policies.Office);
        contracts.MapGet("/", SaveContract.Search);
        contracts.MapGet("/{id:guid}", SaveContract.Get);
        contracts.MapGet("/{id:guid}/summary", ContractSummary.Handle);
        contracts.MapPost("/", SaveContract.Create);
        contracts.MapPut("/{id:guid}", SaveContract.Update);
        contracts.MapArchiving(db => db.Contracts, "contract");

        app.MapGet("/api/rate-card", SaveRateCard.Get).WithTags("Rate card").RequireAuthorization(Policies.Office);
        app.MapPut("/api/rate-card", SaveRateCard.Update).WithTags("Rate card").RequireAuthorization(Policies.Admin);
        app.MapPost("/api/price-preview", PricePreview.Handle).WithTags("Pricing").RequireAuthorization(Policies.Office);
        return app;
    }
}
