using Werkbon.Server.Hosting;

namespace Werkbon.Server.Invoicing;

/// <summary>The invoicing route table.</summary>
public static class InvoiceEndpoints
{
    public static IServiceCollection AddInvoicing(this IServiceCollection services) => services
        .AddSingleton<InvoiceIssueHooks>()
        .AddSingleton<Documents.InvoicePdf>()
        .AddSingleton<InvoiceRendering>()
        .AddSingleton<StraightThroughIssuing>()
        .AddHostedService(sp => sp.GetRequiredService<StraightThroughIssuing>())
        .AddSingleton<MonthEndSignal>()
        .AddHostedService<MonthEndWorker>();

    public static IEndpointRouteBuilder MapInvoices(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").WithTags("Invoices").RequireAuthorization(Policies.Office);
        invoices.MapGet("/", SearchInvoices.Search);
        invoices.MapGet("/{id:guid}", SearchInvoices.Get);
        invoices.MapPost("/drafts", DraftInvoices.Gather);
        invoices.MapPost("/subscriptions", InvoiceSubscriptions.Handle);
        invoices.MapPut("/{id:guid}/lines/{index:int}", DraftInvoices.ChangeLine);
        invoices.MapDelete("/{id:guid}/lines/{index:int}", DraftInvoices.RemoveLine);
        invoices.MapDelete("/{id:guid}", DraftInvoices.Delete);
        invoices.MapPost("/{id:guid}/issue", IssueInvoice.Issue);
        invoices.MapPost("/issue", IssueInvoice.IssueAll);
        invoices.MapPost("/{id:guid}/credit-notes", CreateCreditNote.Handle);
        invoices.MapGet("/{id:guid}/pdf", InvoiceFiles.Pdf);
        invoices.MapGet("/{id:guid}/ubl", InvoiceFiles.Ubl);
        invoices.MapGet("/{id:guid}/deliveries", Delivery.InvoiceDeliveries.Get);
        invoices.MapGet("/verification", VerifyInvoiceChain.Handle);
        invoices.MapGet("/settings", InvoicingSettings.Get);
        invoices.MapPut("/settings", InvoicingSettings.Save);
        invoices.MapPost("/month-end-runs", MonthEndRuns.Start);
        invoices.MapGet("/month-end-runs", MonthEndRuns.List);
        invoices.MapGet("/month-end-runs/{id:guid}", MonthEndRuns.Get);
        return app;
    }
}
