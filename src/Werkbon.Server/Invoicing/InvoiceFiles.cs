using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Werkbon.Server.Invoicing;

/// <summary>
/// An issued document's PDF or UBL, byte for byte as stored when it was issued, with its SHA-256 as ETag. A document
/// whose buyer has no Peppol address has no UBL: asking for it answers 404 saying so.
/// </summary>
public static class InvoiceFiles
{
    public const string HashHeader = "X-Content-SHA256";

    public static Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Pdf(Guid id, AppDb db, HttpContext http, CancellationToken ct) =>
        Serve(id, InvoiceFile.Pdf, "pdf", db, http, ct);

    public static Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Ubl(Guid id, AppDb db, HttpContext http, CancellationToken ct) =>
        Serve(id, InvoiceFile.Ubl, "xml", db, http, ct);

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Serve(
        Guid id, string kind, string extension, AppDb db, HttpContext http, CancellationToken ct)
    {
        var file = await (from f in db.InvoiceFiles.AsNoTracking()
                          join i in db.Invoices on f.InvoiceId equals i.Id
                          where f.InvoiceId == id && f.Kind == kind
                          select new { f.Content, f.ContentType, f.Sha256, i.Number })
                         .FirstOrDefaultAsync(ct);
        if (file is null)
        {
            if (kind == InvoiceFile.Ubl
                && await db.Invoices.AsNoTracking().Where(i => i.Id == id && i.Status == InvoiceStatus.Issued && i.UblSha256 == null).Select(i => i.Number).FirstOrDefaultAsync(ct) is { } number)
            {
                return TypedResults.NotFound(new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = "This document has no Peppol UBL.",
                    Detail = $"{number} is addressed to a customer without a Peppol address (a private customer): Peppol is for businesses, so its PDF is the invoice.",
                });
            }

            return Rows.Missing($"{kind} of this invoice");
        }

        http.Response.Headers[HashHeader] = file.Sha256;
        return TypedResults.File(
            file.Content,
            file.ContentType,
            $"{file.Number!.Replace('/', '-')}.{extension}",
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }
}
