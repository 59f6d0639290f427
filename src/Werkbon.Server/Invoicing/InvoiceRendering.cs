using Werkbon.Core.Calendar;
using Werkbon.Core.Reports;
using Werkbon.Server.Invoicing.Documents;
using Werkbon.Server.Reports;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

/// <summary>The rendered files of a document; <see cref="Ubl"/> is null when the buyer has no Peppol address.</summary>
public sealed record RenderedInvoice(byte[] Pdf, byte[]? Ubl);

/// <summary>
/// Renders an issued document's PDF (with its signed reports attached) and, when the buyer has a Peppol address
/// (<see cref="PeppolUbl.IsFor"/>), its Peppol UBL (with the PDF embedded), checked by <see cref="PeppolRules"/>
/// before it is kept: a UBL that breaks a rule stops the issue. The reports' times print on the company's clock. Called once per document, inside the issuing
/// transaction; what it returns is stored byte-exact.
/// </summary>
public sealed class InvoiceRendering(InvoicePdf pdf, IFileStore files)
{
    public async Task<RenderedInvoice> RenderAsync(Guid companyId, WallClock clock, InvoiceDocument document, IReadOnlyList<ReportForPdf> reports, CancellationToken ct)
    {
        var attachments = new List<SignedReportAttachment>(reports.Count);
        foreach (var report in reports)
        {
            attachments.Add(await AttachmentAsync(companyId, clock, report, document.Buyer.Name, ct));
        }

        var rendered = pdf.Render(document, attachments, InvoiceBranding.None);
        if (!PeppolUbl.IsFor(document))
        {
            return new(rendered, null);
        }

        var ubl = PeppolUbl.ToXml(document, new EmbeddedDocument($"{document.Number.Replace('/', '-')}.pdf", rendered));
        if (PeppolRules.Check(ubl) is { Count: > 0 } broken)
        {
            throw new DomainException(
                $"{document.Number} cannot be issued: its Peppol UBL breaks {string.Join("; ", broken.Select(b => $"{b.RuleId} ({b.Message})"))}",
                status: StatusCodes.Status422UnprocessableEntity);
        }

        return new(rendered, PeppolUbl.ToUtf8Bytes(ubl, rendered.Length));
    }

    /// <summary>The customer's copy of one signed report, alone, with its photos and signature (the receipt mailed on arrival).</summary>
    public async Task<byte[]> RenderReportAsync(Guid companyId, WallClock clock, ReportForPdf report, string customerName, string language, string sellerName, CancellationToken ct) =>
        pdf.RenderReport(await AttachmentAsync(companyId, clock, report, customerName, ct), language, sellerName);

    private async Task<SignedReportAttachment> AttachmentAsync(Guid companyId, WallClock clock, ReportForPdf report, string customerName, CancellationToken ct)
    {
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var hash in report.Document.FileHashes())
        {
            // Only a whole image of a sane size reaches the PDF writer; anything else prints as a missing photo.
            if (await files.ReadAsync(companyId, hash, ct) is { } bytes && ReportImage.Read(bytes) is { } image && ReportImage.IsWithinBounds(image))
            {
                content[hash] = bytes;
            }
        }

        return new SignedReportAttachment(report.Document, report.Hash, content, report.TechnicianName, customerName, report.SiteAddress, report.WorkOrderNumber, clock);
    }
}

/// <summary>A signed report as the PDF attaches it after the invoice.</summary>
public sealed record ReportForPdf(ReportDocument Document, string Hash, string TechnicianName, string SiteAddress, string WorkOrderNumber);
