using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Invoicing;

public sealed record InvoicingSettingsInput(InvoiceGrouping Grouping, string? InvoiceFormat, string? CreditNoteFormat);

/// <summary>How the company gathers reports into drafts and how its numbers read.</summary>
public static class InvoicingSettings
{
    public static async Task<Ok<InvoicingSettingsInput>> Get(AppDb db, CancellationToken ct)
    {
        await IssueInvoice.EnsureNumberingAsync(db, ct);
        var grouping = await DraftInvoices.GroupingAsync(db, ct);
        var formats = await db.InvoiceSeries.AsNoTracking().ToDictionaryAsync(s => s.Kind, s => s.Format, ct);
        return TypedResults.Ok(new InvoicingSettingsInput(grouping, formats[InvoiceKind.Invoice], formats[InvoiceKind.CreditNote]));
    }

    public static async Task<Results<Ok<InvoicingSettingsInput>, ValidationProblem>> Save(InvoicingSettingsInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var v = new Validation(texts);
        if (!Enum.IsDefined(input.Grouping))
        {
            v.Add("grouping", "Validation.Invalid");
        }

        foreach (var (field, format) in new[] { ("invoiceFormat", input.InvoiceFormat), ("creditNoteFormat", input.CreditNoteFormat) })
        {
            try
            {
                NumberFormat.Check(format);
            }
            catch (DomainException)
            {
                v.Add(field, "Invoices.BadFormat");
            }
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        await IssueInvoice.EnsureNumberingAsync(db, ct);
        var company = await db.Companies.FirstAsync(c => c.Id == db.CompanyId, ct);
        company.InvoiceGrouping = input.Grouping;
        foreach (var series in await db.InvoiceSeries.ToListAsync(ct))
        {
            series.ChangeFormat(series.Kind == InvoiceKind.CreditNote ? input.CreditNoteFormat! : input.InvoiceFormat!);
        }

        await db.SaveChangesAsync(ct);
        return await Get(db, ct);
    }
}
