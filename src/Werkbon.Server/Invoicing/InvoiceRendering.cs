using System.Globalization;
using System.Text;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

public sealed record RenderedInvoice(byte[] Pdf, byte[] Ubl);

/// <summary>
/// Renders the issued document's PDF and UBL from its snapshot. Called once per document, inside the
/// issuing transaction; what it returns is stored byte-exact and served as stored.
/// </summary>
public static class InvoiceRendering
{
    public static RenderedInvoice Render(InvoiceDocument document)
    {
        var pdf = SimplePdf(document);
        return new(pdf, PeppolUbl.ToUtf8Bytes(document, new EmbeddedDocument($"{document.Number.Replace('/', '-')}.pdf", pdf)));
    }

    /// <summary>A one-page PDF listing the document's lines and totals.</summary>
    private static byte[] SimplePdf(InvoiceDocument d)
    {
        var text = new List<string>
        {
            $"{(d.Kind == InvoiceKind.CreditNote ? "Credit note" : "Invoice")} {d.Number}",
            $"{d.Seller.Name} - {d.Buyer.Name}",
            $"{d.IssueDate:yyyy-MM-dd} / {d.DueDate:yyyy-MM-dd} {d.StructuredCommunication}",
        };
        text.AddRange(d.Lines.Take(40).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Description}  {l.Quantity:0.##} x {l.UnitPrice:0.00} = {l.Amount:0.00}")));
        text.Add(string.Create(CultureInfo.InvariantCulture, $"Net {d.Net:0.00}  VAT {d.Vat:0.00}  Total {d.Total:0.00} EUR"));
        var content = new StringBuilder("BT /F1 10 Tf 50 800 Td 14 TL\n");
        foreach (var line in text)
        {
            var safe = new string([.. line.Select(c => c is < ' ' or > '~' ? '?' : c)]).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
            content.Append('(').Append(safe).Append(") Tj T*\n");
        }

        content.Append("ET");
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content.ToString())} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
