using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using Werkbon.Core;
using Werkbon.Core.Calendar;
using Werkbon.Core.Catalog;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Parties;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Vat;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Invoicing.Documents;

/// <summary>
/// A signed report as attached behind the invoice: its document, its hash, the files it refers to
/// (photos and the signature image, by lowercase SHA-256), the names the document itself only holds as ids,
/// and the company's clock its times are printed on (the document holds them in UTC).
/// </summary>
public sealed record SignedReportAttachment(
    ReportDocument Document,
    string Hash,
    IReadOnlyDictionary<string, byte[]> Files,
    string TechnicianName,
    string CustomerName,
    string SiteAddress,
    string WorkOrderNumber,
    WallClock Clock);

/// <summary>How the company's documents look beyond what the invoice says: its logo (PNG or JPEG) and extra identity lines.</summary>
public sealed record InvoiceBranding(byte[]? Logo, string Website = "", string Register = "")
{
    public static readonly InvoiceBranding None = new(Logo: null);
}

/// <summary>
/// Renders an invoice or credit note as an A4 PDF in the customer's language, with the Belgian mandatory
/// mentions, the lines grouped by signed report, the VAT breakdown, the legal texts, the payment details
/// with an EPC QR code, and each signed report attached as the following pages. The same input gives the
/// same bytes (the dates inside the file come from the issue date), because the PDF is hashed and stored once.
/// </summary>
public sealed class InvoicePdf(Texts texts)
{
    /// <summary>
    /// PDFsharp creates its dictionaries through reflection; the runtime keeps a type's reflection cache only
    /// while something holds it, so after every garbage collection it compiled the same constructor stubs
    /// again (and finalized the old ones). Holding the constructors keeps one set for the process.
    /// </summary>
    private static readonly ConstructorInfo[] PdfSharpConstructors = [.. typeof(PdfDocument).Assembly.GetTypes()
        .Where(t => typeof(PdfItem).IsAssignableFrom(t))
        .SelectMany(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))];

    public byte[] Render(InvoiceDocument invoice, IReadOnlyList<SignedReportAttachment> reports, InvoiceBranding branding)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(branding);
        DocumentFonts.Install();
        GC.KeepAlive(PdfSharpConstructors);

        var language = Texts.Normalize(invoice.Language);
        using var pdf = new PdfDocument();
        var title = invoice.Kind == InvoiceKind.CreditNote ? texts.In(language, "Pdf.CreditNote") : texts.In(language, "Pdf.Invoice");
        var issued = invoice.IssueDate.ToDateTime(TimeOnly.MinValue);
        pdf.Info.Title = $"{title} {invoice.Number}";
        pdf.Info.Author = invoice.Seller.Name;
        pdf.Info.Creator = "Werkbon";
        pdf.Info.CreationDate = issued;
        pdf.Info.ModificationDate = issued;
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        using (var sheet = new Sheet(pdf, new Writer(language, texts)))
        {
            new InvoicePages(sheet, invoice, branding, title).Draw();
            foreach (var report in reports)
            {
                new ReportPages(sheet, report).Draw();
            }

            sheet.Close();
            var footer = $"{invoice.Seller.Name} · {title} {invoice.Number}";
            for (var i = 0; i < pdf.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawLine(Sheet.Rule, Sheet.Left, Sheet.FooterTop - 4, Sheet.Right, Sheet.FooterTop - 4);
                g.Print(footer, Sheet.Small, Sheet.Grey, new XRect(Sheet.Left, Sheet.FooterTop, Sheet.Width, 10), XStringFormats.TopLeft);
                g.Print(string.Format(CultureInfo.InvariantCulture, texts.In(language, "Pdf.Page"), i + 1, pdf.PageCount),
                    Sheet.Small, Sheet.Grey, new XRect(Sheet.Left, Sheet.FooterTop, Sheet.Width, 10), XStringFormats.TopRight);
            }
        }

        // PDFsharp draws random ids and font subset tags; fixed ones keep the bytes the same for the same invoice.
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{invoice.Seller.VatNumber}/{invoice.Kind}/{invoice.Number}"));
        var id = Convert.ToHexString(seed)[..32];
        pdf.Internals.FirstDocumentID = id;
        pdf.Internals.SecondDocumentID = id;
        using var output = new MemoryStream();
        pdf.Save(output);
        return Deterministic(output.ToArray(), new Guid(seed.AsSpan(0, 16)));
    }

    /// <summary>
    /// The customer's copy of one signed report on its own (the receipt mailed on arrival): the same pages the invoice
    /// attaches, drawn by the same code, in <paramref name="language"/>, with <paramref name="sellerName"/> in the footer.
    /// </summary>
    public byte[] RenderReport(SignedReportAttachment report, string language, string sellerName)
    {
        ArgumentNullException.ThrowIfNull(report);
        DocumentFonts.Install();
        GC.KeepAlive(PdfSharpConstructors);

        language = Texts.Normalize(language);
        using var pdf = new PdfDocument();
        var title = $"{texts.In(language, "Pdf.SignedReport")} {report.WorkOrderNumber}";
        var signed = report.Document.Signature.SignedAt.UtcDateTime;
        pdf.Info.Title = title;
        pdf.Info.Author = sellerName;
        pdf.Info.Creator = "Werkbon";
        pdf.Info.CreationDate = signed;
        pdf.Info.ModificationDate = signed;
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        using (var sheet = new Sheet(pdf, new Writer(language, texts)))
        {
            new ReportPages(sheet, report).Draw();
            sheet.Close();
            var footer = $"{sellerName} · {title}";
            for (var i = 0; i < pdf.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawLine(Sheet.Rule, Sheet.Left, Sheet.FooterTop - 4, Sheet.Right, Sheet.FooterTop - 4);
                g.Print(footer, Sheet.Small, Sheet.Grey, new XRect(Sheet.Left, Sheet.FooterTop, Sheet.Width, 10), XStringFormats.TopLeft);
                g.Print(string.Format(CultureInfo.InvariantCulture, texts.In(language, "Pdf.Page"), i + 1, pdf.PageCount),
                    Sheet.Small, Sheet.Grey, new XRect(Sheet.Left, Sheet.FooterTop, Sheet.Width, 10), XStringFormats.TopRight);
            }
        }

        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"report/{report.Hash}/{language}"));
        var id = Convert.ToHexString(seed)[..32];
        pdf.Internals.FirstDocumentID = id;
        pdf.Internals.SecondDocumentID = id;
        using var output = new MemoryStream();
        pdf.Save(output);
        return Deterministic(output.ToArray(), new Guid(seed.AsSpan(0, 16)));
    }

    /// <summary>
    /// Replaces what PDFsharp makes up at random in the saved file — the six-letter tag of each embedded
    /// font subset (<c>/ABCDEF+DejaVuSans</c>) and the XMP document and instance uuids — by fixed values of
    /// the same length, in place, so every offset in the file holds.
    /// </summary>
    private static byte[] Deterministic(byte[] pdf, Guid documentId)
    {
        var tags = new List<byte[]>();
        foreach (var key in FontNameKeys)
        {
            for (var at = pdf.AsSpan().IndexOf(key); at >= 0;)
            {
                var tag = at + key.Length;
                while (tag < pdf.Length && pdf[tag] is (byte)' ' or (byte)'\n' or (byte)'\r')
                {
                    tag++;
                }

                if (tag + 8 <= pdf.Length && pdf[tag] == '/' && pdf[tag + 7] == '+' && pdf.AsSpan(tag + 1, 6).IndexOfAnyExceptInRange((byte)'A', (byte)'Z') < 0
                    && !tags.Any(t => t.AsSpan().SequenceEqual(pdf.AsSpan(tag, 8))))
                {
                    tags.Add(pdf.AsSpan(tag, 8).ToArray());
                }

                var next = pdf.AsSpan(tag).IndexOf(key);
                at = next < 0 ? -1 : tag + next;
            }
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var fixedTag = Encoding.ASCII.GetBytes($"/WB{(char)('A' + (i / 676 % 26))}{(char)('A' + (i / 26 % 26))}{(char)('A' + (i % 26))}A+");
            for (int from = 0, at; (at = pdf.AsSpan(from).IndexOf(tags[i])) >= 0; from += at + fixedTag.Length)
            {
                fixedTag.CopyTo(pdf.AsSpan(from + at));
            }
        }

        var uuid = Encoding.ASCII.GetBytes(documentId.ToString("D"));
        foreach (var key in XmpIdKeys)
        {
            for (int from = 0, at; (at = pdf.AsSpan(from).IndexOf(key)) >= 0; from += at + key.Length + uuid.Length)
            {
                var value = from + at + key.Length;
                if (value + uuid.Length <= pdf.Length)
                {
                    uuid.CopyTo(pdf.AsSpan(value));
                }
            }
        }

        return pdf;
    }

    private static readonly byte[][] FontNameKeys = [Encoding.ASCII.GetBytes("/BaseFont"), Encoding.ASCII.GetBytes("/FontName")];

    private static readonly byte[][] XmpIdKeys = [Encoding.ASCII.GetBytes("<xmpMM:DocumentID>uuid:"), Encoding.ASCII.GetBytes("<xmpMM:InstanceID>uuid:")];

    /// <summary>The first pages: identity, customer, lines, VAT, totals, legal texts, payment.</summary>
    private sealed class InvoicePages(Sheet sheet, InvoiceDocument invoice, InvoiceBranding branding, string title)
    {
        private readonly Writer w = sheet.Writer;

        private static readonly double[] Columns = [Sheet.Left, Sheet.Left + 250, Sheet.Left + 300, Sheet.Left + 340, Sheet.Left + 410, Sheet.Left + 445, Sheet.Right];

        public void Draw()
        {
            sheet.NewPage();
            Identity();
            Heading();
            Lines();
            VatAndTotals();
            Legal();
            Payment();
        }

        private void Identity()
        {
            var top = sheet.Y;
            var logoBottom = top;
            if (branding.Logo is { } logo && sheet.Image(logo) is { } image)
            {
                var box = Images.Fit(image, 160, 64);
                sheet.G.DrawImage(image, Sheet.Left, top, box.Width, box.Height);
                logoBottom = top + box.Height;
            }

            var seller = invoice.Seller;
            var lines = new List<(string Text, XFont Font)> { (seller.Name, Sheet.Bold) };
            lines.AddRange(Address(seller.Address).Select(a => (a, Sheet.Body)));
            lines.Add(($"{w.T("Pdf.VatNumber")} {FormatVat(seller.VatNumber)}", Sheet.Body));
            if (seller.EnterpriseNumber.Length > 0)
            {
                lines.Add(($"{w.T("Pdf.EnterpriseNumber")} {FormatEnterprise(seller.EnterpriseNumber)}", Sheet.Body));
            }

            if (branding.Register.Length > 0)
            {
                lines.Add((branding.Register, Sheet.Body));
            }

            if (invoice.Iban.Length > 0)
            {
                lines.Add(($"IBAN {FormatIban(invoice.Iban)}" + (invoice.Bic.Length > 0 ? $" · BIC {invoice.Bic}" : ""), Sheet.Body));
            }

            if (seller.Phone.Length > 0)
            {
                lines.Add(($"{w.T("Pdf.Phone")} {seller.Phone}", Sheet.Body));
            }

            if (seller.Email.Length > 0)
            {
                lines.Add(($"{w.T("Pdf.Email")} {seller.Email}", Sheet.Body));
            }

            if (branding.Website.Length > 0)
            {
                lines.Add((branding.Website, Sheet.Body));
            }

            var y = top;
            foreach (var (text, font) in lines)
            {
                sheet.G.Print(text, font, Sheet.Ink, new XRect(Sheet.Left + 250, y, Sheet.Width - 250, 12), XStringFormats.TopRight);
                y += Sheet.LineHeight(font);
            }

            sheet.Y = Math.Max(y, logoBottom) + 18;
        }

        private void Heading()
        {
            var top = sheet.Y;
            sheet.G.Print($"{title} {invoice.Number}", Sheet.Title, Sheet.Accent, Sheet.Left, top, XStringFormats.TopLeft);
            var y = top + 26;
            var facts = new List<(string Label, string Value)>
            {
                (w.T("Pdf.Number"), invoice.Number),
                (w.T("Pdf.IssueDate"), Writer.Date(invoice.IssueDate)),
            };
            if (invoice.Kind == InvoiceKind.Invoice)
            {
                facts.Add((w.T("Pdf.DueDate"), Writer.Date(invoice.DueDate)));
            }

            if (invoice.PeriodStart is { } start)
            {
                var end = invoice.PeriodEnd ?? start;
                facts.Add((w.T("Pdf.ServicePeriod"), start == end ? Writer.Date(start) : $"{Writer.Date(start)} – {Writer.Date(end)}"));
            }

            if (invoice.BuyerReference.Length > 0)
            {
                facts.Add((w.T("Pdf.BuyerReference"), invoice.BuyerReference));
            }

            foreach (var (label, value) in facts)
            {
                sheet.G.Print(label, Sheet.Body, Sheet.Grey, Sheet.Left, y, XStringFormats.TopLeft);
                sheet.G.Print(value, Sheet.Body, Sheet.Ink, Sheet.Left + 120, y, XStringFormats.TopLeft);
                y += Sheet.LineHeight(Sheet.Body);
            }

            if (invoice.Kind == InvoiceKind.CreditNote && invoice.PrecedingInvoiceNumber is { } preceding)
            {
                var date = invoice.PrecedingInvoiceIssueDate is { } d ? Writer.Date(d) : "";
                foreach (var line in sheet.Wrap(w.T("Pdf.CorrectsInvoice", preceding, date), Sheet.Bold, 250))
                {
                    sheet.G.Print(line, Sheet.Bold, Sheet.Ink, Sheet.Left, y, XStringFormats.TopLeft);
                    y += Sheet.LineHeight(Sheet.Bold);
                }

                if (!string.IsNullOrWhiteSpace(invoice.CreditReason))
                {
                    foreach (var line in sheet.Wrap($"{w.T("Pdf.CreditReason")}: {invoice.CreditReason}", Sheet.Body, 250))
                    {
                        sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left, y, XStringFormats.TopLeft);
                        y += Sheet.LineHeight(Sheet.Body);
                    }
                }
            }

            // The customer, boxed on the right where a window envelope shows it.
            var buyer = invoice.Buyer;
            var x = Sheet.Left + 290;
            var by = top + 26;
            var customer = new List<(string Text, XFont Font)> { (w.T("Pdf.Customer"), Sheet.Small), (buyer.Name, Sheet.Bold) };
            customer.AddRange(Address(buyer.Address).Select(a => (a, Sheet.Body)));
            if (buyer.VatNumber.Length > 0)
            {
                customer.Add(($"{w.T("Pdf.VatNumber")} {FormatVat(buyer.VatNumber)}", Sheet.Body));
            }
            else if (buyer.EnterpriseNumber.Length > 0)
            {
                customer.Add(($"{w.T("Pdf.EnterpriseNumber")} {FormatEnterprise(buyer.EnterpriseNumber)}", Sheet.Body));
            }

            var boxHeight = customer.Sum(c => Sheet.LineHeight(c.Font)) + 12;
            sheet.G.DrawRectangle(Sheet.Rule, x - 8, by - 6, Sheet.Right - x + 8, boxHeight);
            foreach (var (text, font) in customer)
            {
                sheet.G.Print(text, font, font == Sheet.Small ? Sheet.Grey : Sheet.Ink, x, by, XStringFormats.TopLeft);
                by += Sheet.LineHeight(font);
            }

            sheet.Y = Math.Max(y, by + 6) + 18;
        }

        private void Lines()
        {
            sheet.Need(40);
            TableHeader();
            sheet.OnBreak = TableHeader;
            var referenced = invoice.Reports.Select(r => r.ReportId).ToHashSet();
            foreach (var report in invoice.Reports)
            {
                var lines = invoice.Lines.Where(l => l.ReportId == report.ReportId).ToList();
                GroupHeader(w.T("Pdf.ReportLines", report.WorkOrderNumber, Writer.Date(report.VisitDate), report.TechnicianName, report.SiteAddress));
                foreach (var line in lines)
                {
                    Row(line);
                }
            }

            var others = invoice.Lines.Where(l => l.ReportId is not { } id || !referenced.Contains(id)).ToList();
            if (others.Count > 0 && invoice.Reports.Count > 0)
            {
                GroupHeader(w.T("Pdf.OtherLines"));
            }

            foreach (var line in others)
            {
                Row(line);
            }

            sheet.OnBreak = null;
            sheet.Y += 10;
        }

        private void TableHeader()
        {
            string[] headers = [w.T("Pdf.Description"), w.T("Pdf.Quantity"), w.T("Pdf.Unit"), w.T("Pdf.UnitPrice"), w.T("Pdf.VatRate"), w.T("Pdf.Amount")];
            sheet.G.DrawRectangle(Sheet.HeaderFill, Sheet.Left, sheet.Y, Sheet.Width, 16);
            for (var i = 0; i < headers.Length; i++)
            {
                Cell(headers[i], Sheet.SmallBold, Sheet.Ink, i, sheet.Y + 4);
            }

            sheet.Y += 20;
        }

        private void GroupHeader(string text)
        {
            var lines = sheet.Wrap(text, Sheet.Bold, Sheet.Width - 8);
            var height = (lines.Count * Sheet.LineHeight(Sheet.Bold)) + 6;
            sheet.Need(height + 24);
            sheet.G.DrawRectangle(Sheet.GroupFill, Sheet.Left, sheet.Y, Sheet.Width, height);
            var y = sheet.Y + 3;
            foreach (var line in lines)
            {
                sheet.G.Print(line, Sheet.Bold, Sheet.Accent, Sheet.Left + 4, y, XStringFormats.TopLeft);
                y += Sheet.LineHeight(Sheet.Bold);
            }

            sheet.Y += height + 4;
        }

        private void Row(InvoiceLine line)
        {
            var width = Columns[1] - Columns[0] - 6;
            var text = new List<(string Text, XFont Font, XBrush Brush)>();
            text.AddRange(sheet.Wrap(line.Description, Sheet.Body, width).Select(t => (t, Sheet.Body, Sheet.Ink)));
            if (line.Explanation.Length > 0)
            {
                text.AddRange(sheet.Wrap(line.Explanation, Sheet.Small, width).Select(t => (t, Sheet.Small, Sheet.Grey)));
            }

            if (line.IsExtra)
            {
                text.AddRange(sheet.Wrap(w.T("Pdf.Extra"), Sheet.SmallBold, width).Select(t => (t, Sheet.SmallBold, Sheet.Accent)));
            }

            if (line.SignedOriginal is { } original)
            {
                text.AddRange(sheet.Wrap(w.T("Pdf.SignedOriginal", original), Sheet.Small, width).Select(t => (t, Sheet.Small, Sheet.Warning)));
            }

            if (line.CorrectionReason is { } reason)
            {
                text.AddRange(sheet.Wrap(w.T("Pdf.CorrectionReason", reason), Sheet.Small, width).Select(t => (t, Sheet.Small, Sheet.Warning)));
            }

            var height = text.Sum(t => Sheet.LineHeight(t.Font)) + 4;
            sheet.Need(height);
            var top = sheet.Y;
            var y = top;
            foreach (var (t, font, brush) in text)
            {
                sheet.G.Print(t, font, brush, Sheet.Left, y, XStringFormats.TopLeft);
                y += Sheet.LineHeight(font);
            }

            // Quantity × unit price = amount on a pocket calculator: time as minutes at the hourly price.
            var billed = LineQuantity.Of(line.Quantity, line.UnitCode);
            Cell(w.Quantity(billed.Quantity), Sheet.Body, Sheet.Ink, 1, top);
            Cell(w.Unit(billed.UnitCode), Sheet.Body, Sheet.Ink, 2, top);
            Cell(w.UnitPrice(line.UnitPrice) + billed.PriceUnit(w.Language), Sheet.Body, Sheet.Ink, 3, top);
            Cell(line.VatCategory == VatCategory.S ? w.Quantity(line.VatPercent) : line.VatCategory.ToString(), Sheet.Body, Sheet.Ink, 4, top);
            Cell(w.Amount(line.Amount), Sheet.Body, Sheet.Ink, 5, top);
            sheet.Y = top + height;
            sheet.G.DrawLine(Sheet.Hairline, Sheet.Left, sheet.Y - 2, Sheet.Right, sheet.Y - 2);
        }

        private void Cell(string text, XFont font, XBrush brush, int column, double y)
        {
            var rect = new XRect(Columns[column] + 2, y, Columns[column + 1] - Columns[column] - 4, 12);
            sheet.G.Print(text, font, brush, rect, column == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight);
        }

        private void VatAndTotals()
        {
            var rows = invoice.VatBreakdown.Count;
            sheet.Need(40 + (rows * 12) + 70);
            var x = Sheet.Left;
            sheet.G.Print(w.T("Pdf.VatBreakdown"), Sheet.Bold, Sheet.Ink, x, sheet.Y, XStringFormats.TopLeft);
            var y = sheet.Y + 16;
            double[] cols = [x, x + 130, x + 210, x + 280];
            string[] headers = [w.T("Pdf.VatCategory"), w.T("Pdf.TaxableAmount"), w.T("Pdf.VatAmount")];
            for (var i = 0; i < headers.Length; i++)
            {
                sheet.G.Print(headers[i], Sheet.SmallBold, Sheet.Ink, new XRect(cols[i], y, cols[i + 1] - cols[i] - 4, 10), i == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight);
            }

            y += 14;
            foreach (var subtotal in invoice.VatBreakdown)
            {
                var lines = sheet.Wrap(VatLabel(subtotal), Sheet.Body, cols[1] - cols[0] - 4);
                var rowTop = y;
                foreach (var line in lines)
                {
                    sheet.G.Print(line, Sheet.Body, Sheet.Ink, cols[0], y, XStringFormats.TopLeft);
                    y += Sheet.LineHeight(Sheet.Body);
                }

                sheet.G.Print(w.Amount(subtotal.TaxableAmount), Sheet.Body, Sheet.Ink, new XRect(cols[1], rowTop, cols[2] - cols[1] - 4, 10), XStringFormats.TopRight);
                sheet.G.Print(w.Amount(subtotal.VatAmount), Sheet.Body, Sheet.Ink, new XRect(cols[2], rowTop, cols[3] - cols[2] - 4, 10), XStringFormats.TopRight);
            }

            // Totals on the right.
            var totals = new List<(string Label, string Value, XFont Font)>
            {
                (w.T("Pdf.Net"), w.Amount(invoice.Net), Sheet.Body),
                (w.T("Pdf.TotalVat"), w.Amount(invoice.Vat), Sheet.Body),
                (w.T("Pdf.Total"), w.Amount(invoice.Total), Sheet.Bold),
            };
            if (invoice.Prepaid != 0)
            {
                totals.Add((w.T("Pdf.Prepaid"), w.Amount(invoice.Prepaid), Sheet.Body));
            }

            totals.Add((invoice.Kind == InvoiceKind.CreditNote ? w.T("Pdf.Credited") : w.T("Pdf.Payable"), w.Amount(invoice.Payable), Sheet.Heading));
            var ty = sheet.Y;
            foreach (var (label, value, font) in totals)
            {
                sheet.G.Print(label, font, Sheet.Ink, new XRect(Sheet.Left + 300, ty, 130, 12), XStringFormats.TopLeft);
                sheet.G.Print(value, font, Sheet.Ink, new XRect(Sheet.Left + 420, ty, Sheet.Right - Sheet.Left - 420, 12), XStringFormats.TopRight);
                ty += Sheet.LineHeight(font) + 2;
            }

            sheet.Y = Math.Max(y, ty) + 14;
        }

        private string VatLabel(VatSubtotal subtotal) => subtotal.Category switch
        {
            VatCategory.S => $"{w.Quantity(subtotal.Percent)} %",
            VatCategory.AE => $"0 % {w.T("Pdf.ReverseCharge")}",
            VatCategory.Z => $"0 % {w.T("Pdf.ZeroRated")}",
            _ => $"0 % {w.T("Pdf.Exempt")}" + (subtotal.ExemptionReasonCode is { } code ? $" ({code})" : ""),
        };

        private void Legal()
        {
            foreach (var legal in invoice.LegalTexts)
            {
                var lines = sheet.Wrap(legal.Text, Sheet.Small, Sheet.Width);
                foreach (var line in lines)
                {
                    sheet.Need(Sheet.LineHeight(Sheet.Small));
                    sheet.G.Print(line, Sheet.Small, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
                    sheet.Y += Sheet.LineHeight(Sheet.Small);
                }

                sheet.Y += 6;
            }

            sheet.Y += 6;
        }

        private void Payment()
        {
            const double QrSize = 96;
            sheet.Need(QrSize + 30);
            var top = sheet.Y;
            sheet.G.Print(w.T("Pdf.Payment"), Sheet.Bold, Sheet.Ink, Sheet.Left, top, XStringFormats.TopLeft);
            var y = top + 16;
            var lines = new List<string>();
            if (invoice.Kind == InvoiceKind.CreditNote)
            {
                lines.Add(w.T("Pdf.CreditSettlement"));
            }
            else
            {
                lines.Add(w.T("Pdf.PayBy", Writer.Date(invoice.DueDate)));
                if (invoice.PaymentTerms.Length > 0)
                {
                    lines.Add($"{w.T("Pdf.PaymentTerms")}: {PaymentTerms.Read(invoice.PaymentTerms, w.Language)}");
                }

                if (invoice.Iban.Length > 0)
                {
                    lines.Add($"IBAN {FormatIban(invoice.Iban)}" + (invoice.Bic.Length > 0 ? $" · BIC {invoice.Bic}" : ""));
                }

                if (invoice.StructuredCommunication.Length > 0)
                {
                    lines.Add($"{w.T("Pdf.StructuredCommunication")}: {FormatCommunication(invoice.StructuredCommunication)}");
                }
            }

            foreach (var line in lines.SelectMany(l => sheet.Wrap(l, Sheet.Body, 330)))
            {
                sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left, y, XStringFormats.TopLeft);
                y += Sheet.LineHeight(Sheet.Body);
            }

            if (PaymentQr.Payload(invoice, invoice.Payable) is { } payload)
            {
                var x = Sheet.Right - QrSize;
                DrawQr(payload, x, top, QrSize);
                sheet.G.Print(w.T("Pdf.ScanToPay"), Sheet.Small, Sheet.Grey, new XRect(x - 40, top + QrSize + 2, QrSize + 40, 10), XStringFormats.TopRight);
                y = Math.Max(y, top + QrSize + 14);
            }

            sheet.Y = y + 10;
        }

        /// <summary>
        /// Draws the QR code as vector squares, sharp at any zoom and printer resolution: its own content stream
        /// of one filled path, a rectangle per run of dark modules, in module units scaled by one matrix. Far
        /// cheaper than an image, which PDFsharp decodes, hashes and re-encodes, or than a path drawn point by point.
        /// </summary>
        private void DrawQr(string payload, double x, double y, double size)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
            var rows = data.ModuleMatrix;
            var module = size / rows.Count;
            var ops = new StringBuilder();
            ops.Append(CultureInfo.InvariantCulture, $"q 0 0 0 rg {module:0.#####} 0 0 {-module:0.#####} {x:0.###} {sheet.Page.Height.Point - y:0.###} cm\n");
            for (var row = 0; row < rows.Count; row++)
            {
                for (var column = 0; column < rows[row].Length;)
                {
                    if (!rows[row][column])
                    {
                        column++;
                        continue;
                    }

                    var start = column;
                    while (column < rows[row].Length && rows[row][column])
                    {
                        column++;
                    }

                    ops.Append(CultureInfo.InvariantCulture, $"{start} {row} {column - start} 1 re\n");
                }
            }

            ops.Append("f Q\n");
            sheet.Page.Contents.AppendContent().CreateStream(Encoding.ASCII.GetBytes(ops.ToString()));
        }
    }

    /// <summary>The pages of one signed report, as the customer signed it.</summary>
    private sealed class ReportPages(Sheet sheet, SignedReportAttachment attachment)
    {
        private readonly Writer w = sheet.Writer;
        private readonly ReportDocument report = attachment.Document;

        public void Draw()
        {
            sheet.NewPage();
            sheet.G.Print($"{w.T("Pdf.SignedReport")} {attachment.WorkOrderNumber}", Sheet.Title, Sheet.Accent, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
            sheet.Y += 28;
            Facts([
                (w.T("Pdf.WorkOrder"), attachment.WorkOrderNumber),
                (w.T("Pdf.VisitDate"), Writer.Date(report.VisitDate)),
                (w.T("Pdf.Technician"), attachment.TechnicianName),
                (w.T("Pdf.Customer"), attachment.CustomerName),
                (w.T("Pdf.Site"), attachment.SiteAddress),
            ]);
            Time();
            Materials();
            Extras();
            Paragraph(w.T("Pdf.WorkDone"), report.WorkDone);
            Paragraph(w.T("Pdf.Remarks"), report.Remarks);
            Checklist();
            Flags();
            Photos();
            Signature();
        }

        private void Facts(IEnumerable<(string Label, string Value)> facts)
        {
            foreach (var (label, value) in facts)
            {
                var lines = sheet.Wrap(value, Sheet.Body, Sheet.Width - 120);
                sheet.Need(lines.Count * Sheet.LineHeight(Sheet.Body));
                sheet.G.Print(label, Sheet.Body, Sheet.Grey, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
                foreach (var line in lines)
                {
                    sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left + 120, sheet.Y, XStringFormats.TopLeft);
                    sheet.Y += Sheet.LineHeight(Sheet.Body);
                }
            }

            sheet.Y += 10;
        }

        private void Section(string title)
        {
            sheet.Need(40);
            sheet.G.Print(title, Sheet.Heading, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
            sheet.Y += 18;
        }

        private void Table(double[] columns, string[] headers, IEnumerable<string[]> rows)
        {
            void Header()
            {
                sheet.G.DrawRectangle(Sheet.HeaderFill, Sheet.Left, sheet.Y, Sheet.Width, 14);
                for (var i = 0; i < headers.Length; i++)
                {
                    sheet.G.Print(headers[i], Sheet.SmallBold, Sheet.Ink, columns[i] + 2, sheet.Y + 3, XStringFormats.TopLeft);
                }

                sheet.Y += 17;
            }

            Header();
            sheet.OnBreak = Header;
            foreach (var row in rows)
            {
                var cells = row.Select((text, i) => sheet.Wrap(text, Sheet.Body, columns[i + 1] - columns[i] - 4)).ToList();
                var height = (cells.Max(c => c.Count) * Sheet.LineHeight(Sheet.Body)) + 3;
                sheet.Need(height);
                for (var i = 0; i < cells.Count; i++)
                {
                    var y = sheet.Y;
                    foreach (var line in cells[i])
                    {
                        sheet.G.Print(line, Sheet.Body, Sheet.Ink, columns[i] + 2, y, XStringFormats.TopLeft);
                        y += Sheet.LineHeight(Sheet.Body);
                    }
                }

                sheet.Y += height;
                sheet.G.DrawLine(Sheet.Hairline, Sheet.Left, sheet.Y - 1, Sheet.Right, sheet.Y - 1);
            }

            sheet.OnBreak = null;
            sheet.Y += 10;
        }

        private void Time()
        {
            if (report.Time.Count == 0)
            {
                return;
            }

            Section(w.T("Pdf.Time"));
            Table(
                [Sheet.Left, Sheet.Left + 120, Sheet.Left + 230, Sheet.Left + 290, Sheet.Right],
                [w.T("Pdf.FromTo"), w.T("Pdf.Kind"), w.T("Pdf.Duration"), w.T("Pdf.Note")],
                report.Time.OrderBy(t => t.Start).Select(t => new[]
                {
                    $"{Clock(t.Start)} – {Clock(t.End)}",
                    Kind(t.Kind) + (t.IsExtra ? $" · {w.T("Pdf.ExtraShort")}" : ""),
                    Duration(t.End - t.Start),
                    t.Note ?? "",
                }));
            if (report.DistanceKm is { } km)
            {
                sheet.G.Print(w.T("Pdf.Distance", w.Quantity(km)), Sheet.Body, Sheet.Ink, Sheet.Left, sheet.Y - 6, XStringFormats.TopLeft);
                sheet.Y += 10;
            }
        }

        private void Materials()
        {
            if (report.Materials.Count == 0)
            {
                return;
            }

            Section(w.T("Pdf.Materials"));
            Table(
                [Sheet.Left, Sheet.Left + 100, Sheet.Left + 370, Sheet.Left + 430, Sheet.Left + 470, Sheet.Right],
                [w.T("Pdf.Article"), w.T("Pdf.Description"), w.T("Pdf.Quantity"), w.T("Pdf.Unit"), ""],
                report.Materials.Select(m => new[]
                {
                    m.IsFreeText ? w.T("Pdf.FreeText") : m.ArticleCode ?? "",
                    m.Description,
                    w.Quantity(m.Quantity),
                    w.Unit(m.UnitCode),
                    m.IsExtra ? w.T("Pdf.ExtraShort") : "",
                }));
        }

        private void Extras()
        {
            var extras = report.Time.Where(t => t.IsExtra).Select(t => $"{Kind(t.Kind)} {Clock(t.Start)} – {Clock(t.End)}" + (t.Note is { Length: > 0 } note ? $": {note}" : ""))
                .Concat(report.Materials.Where(m => m.IsExtra).Select(m => $"{m.Description} ({w.Quantity(m.Quantity)} {w.Unit(m.UnitCode)})"))
                .ToList();
            if (extras.Count > 0)
            {
                Paragraph(w.T("Pdf.Extras"), string.Join('\n', extras.Select(e => "• " + e)));
            }
        }

        private void Paragraph(string title, string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            Section(title);
            foreach (var line in sheet.Wrap(text, Sheet.Body, Sheet.Width))
            {
                sheet.Need(Sheet.LineHeight(Sheet.Body));
                sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
                sheet.Y += Sheet.LineHeight(Sheet.Body);
            }

            sheet.Y += 10;
        }

        private void Checklist()
        {
            if (report.Checklist.Count > 0)
            {
                Paragraph(w.T("Pdf.Checklist"), string.Join('\n', report.Checklist.Select(c => $"{c.Question}: {c.Answer}")));
            }
        }

        private void Flags()
        {
            var flags = new List<string>();
            if (report.WarrantyRepair)
            {
                flags.Add(w.T("Pdf.WarrantyRepair"));
            }

            if (report.SixPercentStatementConfirmed)
            {
                flags.Add(w.T("Pdf.SixPercentConfirmed"));
            }

            foreach (var line in flags.SelectMany(f => sheet.Wrap(f, Sheet.Body, Sheet.Width)))
            {
                sheet.Need(Sheet.LineHeight(Sheet.Body));
                sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
                sheet.Y += Sheet.LineHeight(Sheet.Body);
            }

            sheet.Y += flags.Count > 0 ? 10 : 0;
        }

        private void Photos()
        {
            if (report.Photos.Count == 0)
            {
                return;
            }

            const double Cell = 160;
            const double Gap = (Sheet.Width - (3 * Cell)) / 2;
            const double ImageHeight = 120;
            Section(w.T("Pdf.Photos"));
            foreach (var row in report.Photos.Chunk(3))
            {
                var captions = row.Select(p => sheet.Wrap(p.Caption, Sheet.Small, Cell)).ToList();
                var height = ImageHeight + 4 + (captions.Max(c => c.Count) * Sheet.LineHeight(Sheet.Small)) + 10;
                sheet.Need(height);
                for (var i = 0; i < row.Length; i++)
                {
                    var x = Sheet.Left + (i * (Cell + Gap));
                    if (attachment.Files.TryGetValue(row[i].Sha256, out var bytes) && sheet.Image(bytes) is { } image)
                    {
                        var box = Images.Fit(image, Cell, ImageHeight);
                        sheet.G.DrawImage(image, x, sheet.Y, box.Width, box.Height);
                    }
                    else
                    {
                        sheet.G.DrawRectangle(Sheet.Rule, x, sheet.Y, Cell, ImageHeight);
                        sheet.G.Print(w.T("Pdf.PhotoMissing"), Sheet.Small, Sheet.Grey, new XRect(x, sheet.Y, Cell, ImageHeight), XStringFormats.Center);
                    }

                    var y = sheet.Y + ImageHeight + 4;
                    foreach (var line in captions[i])
                    {
                        sheet.G.Print(line, Sheet.Small, Sheet.Ink, x, y, XStringFormats.TopLeft);
                        y += Sheet.LineHeight(Sheet.Small);
                    }
                }

                sheet.Y += height;
            }
        }

        private void Signature()
        {
            const double Width = 220;
            const double Height = 90;
            var signature = report.Signature;
            Section(w.T("Pdf.Signature"));
            sheet.Need(Height + 50);
            if (signature.ImageSha256 is { } hash && attachment.Files.TryGetValue(hash, out var bytes) && sheet.Image(bytes) is { } image)
            {
                var box = Images.Fit(image, Width, Height);
                sheet.G.DrawImage(image, Sheet.Left, sheet.Y, box.Width, box.Height);
                sheet.G.DrawLine(Sheet.Rule, Sheet.Left, sheet.Y + Height + 2, Sheet.Left + Width, sheet.Y + Height + 2);
                sheet.Y += Height + 6;
            }

            var signedAt = attachment.Clock.Local(signature.SignedAt).ToString("dd/MM/yyyy HH:mm '(UTC'zzz')'", CultureInfo.InvariantCulture);
            var lines = new List<string> { w.T("Pdf.SignedBy", signature.SignerName, signedAt) };
            if (signature.CustomerAbsent)
            {
                lines.Add(w.T("Pdf.CustomerAbsent", signature.AbsenceReason ?? ""));
            }

            foreach (var line in lines.SelectMany(l => sheet.Wrap(l, Sheet.Body, Sheet.Width)))
            {
                sheet.G.Print(line, Sheet.Body, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
                sheet.Y += Sheet.LineHeight(Sheet.Body);
            }

            sheet.Y += 6;
            sheet.G.Print(w.T("Pdf.ReportHash"), Sheet.Small, Sheet.Grey, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
            sheet.Y += Sheet.LineHeight(Sheet.Small);
            sheet.G.Print(attachment.Hash, Sheet.Small, Sheet.Ink, Sheet.Left, sheet.Y, XStringFormats.TopLeft);
            sheet.Y += Sheet.LineHeight(Sheet.Small);
        }

        private string Kind(TimeEntryKind kind) => kind == TimeEntryKind.Travel ? w.T("Pdf.Travel") : w.T("Pdf.Work");

        private string Clock(DateTimeOffset instant) => attachment.Clock.Time(instant);

        private static string Duration(TimeSpan span) => $"{(int)span.TotalHours}:{span.Minutes:00}";
    }

    private static IEnumerable<string> Address(PostalAddress address) =>
        [address.Street, $"{address.PostalCode} {address.City}".Trim() + (address.CountryCode is "BE" or "" ? "" : $" ({address.CountryCode})")];

    private static string FormatVat(string vat) =>
        vat.Length == 12 && vat.StartsWith("BE", StringComparison.Ordinal) && vat[2..].All(char.IsAsciiDigit) ? $"BE {EnterpriseNumber.Format(vat[2..])}" : vat;

    private static string FormatEnterprise(string number) =>
        number.Length == 10 && number.All(char.IsAsciiDigit) ? EnterpriseNumber.Format(number) : number;

    private static string FormatIban(string iban)
    {
        var compact = new string([.. iban.Where(c => !char.IsWhiteSpace(c))]);
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }

    private static string FormatCommunication(string communication)
    {
        var digits = new string([.. communication.Where(char.IsAsciiDigit)]);
        return digits.Length == 12 ? $"+++{digits[..3]}/{digits[3..7]}/{digits[7..]}+++" : communication;
    }

    /// <summary>Texts, amounts and dates in the document's language.</summary>
    private sealed class Writer(string language, Texts texts)
    {
        public string T(string key) => texts.In(language, key);

        public string T(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, texts.In(language, key), args);

        public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        /// <summary>1.234,56 € (nl), 1 234,56 € (fr), €1,234.56 (en).</summary>
        public string Amount(decimal amount) => Number(amount, "#,##0.00") switch
        {
            var n when language == "en" => amount < 0 ? $"-€{n[1..]}" : $"€{n}",
            var n => $"{n} €",
        };

        public string UnitPrice(decimal amount) => Number(amount, "#,##0.00##") switch
        {
            var n when language == "en" => amount < 0 ? $"-€{n[1..]}" : $"€{n}",
            var n => $"{n} €",
        };

        public Language Language { get; } = Languages.FromCode(language);

        public string Quantity(decimal quantity) => Number(quantity, "#,##0.####");

        public string Unit(string code) => UnitWords.Of(code, Language);

        private string Number(decimal value, string format)
        {
            var invariant = value.ToString(format, CultureInfo.InvariantCulture);
            return language switch
            {
                "en" => invariant,
                "fr" => invariant.Replace(',', ' ').Replace('.', ','),
                _ => invariant.Replace(',', '_').Replace('.', ',').Replace('_', '.'),
            };
        }
    }

    /// <summary>The page being drawn on, its cursor and the pens, brushes and fonts of the document.</summary>
    private sealed class Sheet(PdfDocument pdf, Writer writer) : IDisposable
    {
        public const double Left = 42;
        public const double Right = 553;
        public const double Width = Right - Left;
        public const double Top = 42;
        public const double Bottom = 790;
        public const double FooterTop = 808;

        // Unicode (Identity-H) so any customer's name prints, not only what WinAnsi covers.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public static readonly XFont Body = new(DocumentFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Bold = new(DocumentFonts.Family, 8.5, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Small = new(DocumentFonts.Family, 7, XFontStyleEx.Regular, Unicode);
        public static readonly XFont SmallBold = new(DocumentFonts.Family, 7, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Heading = new(DocumentFonts.Family, 10.5, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Title = new(DocumentFonts.Family, 17, XFontStyleEx.Bold, Unicode);
        public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x22, 0x22, 0x22));
        public static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(0x66, 0x66, 0x66));
        public static readonly XBrush Accent = new XSolidBrush(XColor.FromArgb(0x1F, 0x4E, 0x79));
        public static readonly XBrush Warning = new XSolidBrush(XColor.FromArgb(0x9C, 0x3D, 0x00));
        public static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xE8, 0xEC, 0xF1));
        public static readonly XBrush GroupFill = new XSolidBrush(XColor.FromArgb(0xF4, 0xF6, 0xF8));
        public static readonly XPen Rule = new(XColor.FromArgb(0xAA, 0xAA, 0xAA), 0.6);
        public static readonly XPen Hairline = new(XColor.FromArgb(0xDD, 0xDD, 0xDD), 0.4);

        private readonly List<XImage> images = [];
        private XGraphics? graphics;

        public Writer Writer { get; } = writer;

        public XGraphics G => graphics ?? throw new InvalidOperationException("No page is open.");

        public PdfPage Page { get; private set; } = null!;

        public double Y { get; set; }

        /// <summary>Drawn at the top of the next page when content breaks over (a table's header).</summary>
        public Action? OnBreak { get; set; }

        public static double LineHeight(XFont font) => font.Size * 1.3;

        public void NewPage()
        {
            graphics?.Dispose();
            Page = pdf.AddPage();
            Page.Size = PageSize.A4;
            graphics = XGraphics.FromPdfPage(Page);
            Y = Top;
            OnBreak?.Invoke();
        }

        public void Need(double height)
        {
            if (Y + height > Bottom)
            {
                NewPage();
            }
        }

        /// <summary>The image, or null when PDFsharp cannot read it (it reads JPEG, 8-bit PNG and BMP).</summary>
        public XImage? Image(byte[] bytes)
        {
            XImage image;
            try
            {
                image = XImage.FromStream(new MemoryStream(Images.WithJfifHeader(bytes), writable: false));
            }
            catch (InvalidOperationException)
            {
                return null;
            }

            images.Add(image);
            return image;
        }

        /// <summary>Breaks text into lines that fit <paramref name="width"/>, at spaces where it can, keeping the writer's line breaks.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                // Most texts fit on one line: one measurement instead of one per word.
                if (Fits(paragraph, font, width))
                {
                    lines.Add(paragraph);
                    continue;
                }

                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (Fits(candidate, font, width))
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (!Fits(line, font, width) && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && !Fits(line[..cut], font, width))
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        private bool Fits(string text, XFont font, double width) => G.MeasureString(text, font).Width <= width;

        /// <summary>Ends drawing so the pages can be stamped and saved.</summary>
        public void Close()
        {
            graphics?.Dispose();
            graphics = null;
        }

        public void Dispose()
        {
            Close();
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    private static class Images
    {
        /// <summary>
        /// PDFsharp only takes a JPEG that opens with a JFIF (APP0) segment; one without it (Exif or none,
        /// as canvases and cameras write) gets a neutral one inserted. The image data is untouched.
        /// </summary>
        public static byte[] WithJfifHeader(byte[] bytes)
        {
            if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 || (bytes[2] == 0xFF && bytes[3] == 0xE0))
            {
                return bytes;
            }

            byte[] jfif = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
            return [.. bytes.AsSpan(0, 2), .. jfif, .. bytes.AsSpan(2)];
        }

        public static XSize Fit(XImage image, double width, double height)
        {
            var scale = Math.Min(width / image.PixelWidth, height / image.PixelHeight);
            return new XSize(image.PixelWidth * scale, image.PixelHeight * scale);
        }
    }
}
