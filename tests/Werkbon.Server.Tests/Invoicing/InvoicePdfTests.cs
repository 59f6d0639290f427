using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using Werkbon.Core.Calendar;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Vat;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing.Documents;
using Werkbon.Server.Tests.Infrastructure;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Werkbon.Server.Tests.Invoicing;

public partial class InvoicePdfTests
{
    private const string Iban = "BE68539007547034";
    private const string Communication = "123456789002";

    private static readonly InvoicePdf Renderer = new(new Texts());

    private static readonly InvoiceParty Seller = new(
        "Koeltechniek Peeters BV", new PostalAddress("Industrieweg 12", "9000", "Gent"), "BE0123456749", "0123456749", "0208:0123456749",
        "factuur@peeters.example", "+32 9 123 45 67");

    private static readonly InvoiceParty Business = new(
        "Bakkerij Janssens NV", new PostalAddress("Markt 1", "9300", "Aalst"), "BE0987654316", "0987654316", "0208:0987654316");

    private static readonly InvoiceParty Household = new(
        "Marie Dubois", new PostalAddress("Rue Haute 5", "1000", "Bruxelles"), "", "", "");

    [Fact]
    public void A_business_invoice_shows_number_totals_vat_payment_and_the_signed_report()
    {
        var (attachment, invoice) = BusinessInvoice();

        var pdf = Renderer.Render(invoice, [attachment], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var text = Text(document);
        Assert.True(document.NumberOfPages > 1, $"{document.NumberOfPages} page(s)");
        Assert.Contains("Factuur F2026-00042", text, StringComparison.Ordinal);
        Assert.Contains("BE 0123.456.749", text, StringComparison.Ordinal);
        Assert.Contains("Bakkerij Janssens NV", text, StringComparison.Ordinal);
        Assert.Contains("Totaal incl. btw", text, StringComparison.Ordinal);
        Assert.Contains("203,28 €", text, StringComparison.Ordinal);
        Assert.Contains("35,28 €", text, StringComparison.Ordinal);
        Assert.Contains("+++123/4567/89002+++", text, StringComparison.Ordinal);
        Assert.Contains("IBAN BE68 5390 0754 7034", text, StringComparison.Ordinal);
        Assert.Contains("Werkbon WO-2026-0107 van 10/03/2026 · Jan Peeters · Markt 1, 9300 Aalst", text, StringComparison.Ordinal);
        Assert.Contains("Extra op vraag van de klant", text, StringComparison.Ordinal);
        Assert.Contains("Ondertekend: 2 × Flexibele slang", text, StringComparison.Ordinal);
        Assert.Contains("Gecorrigeerd: één slang bleek onbeschadigd", text, StringComparison.Ordinal);
        Assert.Contains("Vervaldatum", text, StringComparison.Ordinal);
        Assert.Contains("Pagina 1/", text, StringComparison.Ordinal);

        var report = string.Concat(document.GetPages().Skip(1).Select(p => p.Text));
        Assert.Contains("Ondertekende werkbon WO-2026-0107", report, StringComparison.Ordinal);
        Assert.Contains("Els Janssens", report, StringComparison.Ordinal);
        Assert.Contains(attachment.Hash, report, StringComparison.Ordinal);
        Assert.Contains("Thermostaatkop (niet in catalogus)", report, StringComparison.Ordinal);
        Assert.Contains("Jaarlijks onderhoud, brander gereinigd", report, StringComparison.Ordinal);
        Assert.Contains("Voorgevel", report, StringComparison.Ordinal);
        Assert.Contains("Ketelruimte", report, StringComparison.Ordinal);
        // Two photos and the signature are drawn from the report's files.
        Assert.Equal(3, document.GetPages().Skip(1).Sum(p => p.GetImages().Count()));
    }

    [Fact]
    public void The_qr_code_in_the_pdf_pays_the_amount_due_to_the_iban_with_the_structured_communication()
    {
        var (attachment, invoice) = BusinessInvoice();

        var pdf = Renderer.Render(invoice, [attachment], InvoiceBranding.None);

        var payloads = QrPayloads(pdf);
        var epc = Assert.Single(payloads, p => p.StartsWith("BCD\n", StringComparison.Ordinal));
        var fields = epc.Split('\n');
        Assert.Equal("002", fields[1]);
        Assert.Equal("SCT", fields[3]);
        Assert.Equal("GKCCBEBB", fields[4]);
        Assert.Equal("Koeltechniek Peeters BV", fields[5]);
        Assert.Equal(Iban, fields[6]);
        Assert.Equal("EUR203.28", fields[7]);
        Assert.Equal(Communication, fields[9]);
    }

    [Fact]
    public void A_private_six_percent_invoice_in_french_prints_the_statement_and_french_labels()
    {
        var (attachment, invoice) = BusinessInvoice();
        var sixPercent = invoice with
        {
            Language = "fr",
            Buyer = Household,
            Lines = [.. invoice.Lines.Select(l => l with { VatPercent = 6m })],
            VatBreakdown = [new VatSubtotal(VatCategory.S, 6m, 1234.56m, 74.07m)],
            Net = 1234.56m,
            Vat = 74.07m,
            Total = 1308.63m,
            LegalTexts = [new LegalText(LegalTextKind.RenovationSixPercent, LegalTexts.RenovationSixPercent(Core.Language.Fr))],
        };

        var pdf = Renderer.Render(sixPercent, [attachment], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var text = Text(document);
        Assert.Contains("Facture F2026-00042", text, StringComparison.Ordinal);
        Assert.Contains("Total TVA comprise", text, StringComparison.Ordinal);
        Assert.Contains("Communication structurée", text, StringComparison.Ordinal);
        Assert.Contains("1 308,63 €", text, StringComparison.Ordinal);
        Assert.Contains("74,07 €", text, StringComparison.Ordinal);
        Assert.Contains("Taux de TVA : En l'absence de contestation par écrit", text, StringComparison.Ordinal);
        Assert.Contains("Bon de travail signé", text, StringComparison.Ordinal);
        Assert.Contains("Signé par Els Janssens le 10/03/2026 09:40", text, StringComparison.Ordinal);
        Assert.Contains("EUR1308.63", Assert.Single(QrPayloads(pdf), p => p.StartsWith("BCD", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reverse_charge_invoice_in_english_shows_zero_vat_and_the_legal_mention()
    {
        var (attachment, invoice) = BusinessInvoice();
        var reverse = invoice with
        {
            Language = "en",
            Lines = [.. invoice.Lines.Select(l => l with { VatCategory = VatCategory.AE, VatPercent = 0m })],
            VatBreakdown = [new VatSubtotal(VatCategory.AE, 0m, 168.00m, 0m) { ExemptionReasonCode = "VATEX-EU-AE" }],
            Vat = 0m,
            Total = 168.00m,
            LegalTexts = [new LegalText(LegalTextKind.ReverseCharge, LegalTexts.ReverseCharge(Core.Language.En))],
        };

        var pdf = Renderer.Render(reverse, [attachment], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var text = Text(document);
        Assert.Contains("Invoice F2026-00042", text, StringComparison.Ordinal);
        Assert.Contains("0 % Reverse charge", text, StringComparison.Ordinal);
        Assert.Contains("Total incl. VAT€168.00", text, StringComparison.Ordinal);
        Assert.Contains("Reverse charge: Unless disputed in writing", text, StringComparison.Ordinal);
        Assert.Contains("Signed work report", text, StringComparison.Ordinal);
        Assert.Contains("SHA-256 of the signed report", text, StringComparison.Ordinal);
        Assert.Contains("Page 1/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_note_names_the_invoice_it_corrects_and_asks_no_payment()
    {
        var (_, invoice) = BusinessInvoice();
        var credit = invoice with
        {
            Kind = InvoiceKind.CreditNote,
            Number = "C2026-00003",
            PrecedingInvoiceNumber = "F2026-00042",
            PrecedingInvoiceIssueDate = new DateOnly(2026, 3, 12),
        };

        var pdf = Renderer.Render(credit, [], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var text = Text(document);
        Assert.Contains("Creditnota C2026-00003", text, StringComparison.Ordinal);
        Assert.Contains("Corrigeert factuur F2026-00042 van 12/03/2026", text, StringComparison.Ordinal);
        Assert.Contains("Gecrediteerd bedrag203,28 €", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Vervaldatum", text, StringComparison.Ordinal);
        Assert.Empty(QrPayloads(pdf));
    }

    [Fact]
    public void Stored_text_with_control_characters_prints_without_them()
    {
        var (attachment, invoice) = BusinessInvoice();
        var poisoned = invoice with
        {
            Buyer = invoice.Buyer with { Name = "Bakkerij\u0001 Janssens\u001B NV" },
            Lines = [invoice.Lines[0] with { Description = "Ketel\u0000 nagekeken\u0007\ten gereinigd" }, .. invoice.Lines.Skip(1)],
        };

        var pdf = Renderer.Render(poisoned, [attachment], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var text = Text(document);
        Assert.Contains("Bakkerij Janssens NV", text, StringComparison.Ordinal);
        Assert.Contains("Ketel nagekeken en gereinigd", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is '\u0000' or '\u0001' or '\u0007' or '\u001B' or '\t');
        Assert.Equal("a b c", PdfText.Printable("a\u0001\u001B b\tc"));
    }

    [Fact]
    public void Text_is_drawn_only_with_the_shipped_fonts_embedded_in_the_file()
    {
        var (attachment, invoice) = BusinessInvoice();

        var pdf = Renderer.Render(invoice, [attachment], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVu Sans(,Bold)?$", f));
        var raw = Encoding.Latin1.GetString(pdf);
        var descriptors = Regex.Count(raw, "/Type\\s*/FontDescriptor");
        Assert.Equal(2, descriptors);
        Assert.Equal(descriptors, Regex.Count(raw, "/FontFile2"));
    }

    [Fact]
    public void A_sixty_line_invoice_runs_over_numbered_pages_with_every_line()
    {
        var (attachment, invoice) = BusinessInvoice();
        var lines = Enumerable.Range(1, 60)
            .Select(i => new InvoiceLine($"Onderdeel nummer {i:00}", 1m, "C62", 10m, 10m, VatCategory.S, 21m) { ReportId = attachment.Document.ReportId })
            .ToList();
        var tall = invoice with
        {
            Lines = lines,
            VatBreakdown = [new VatSubtotal(VatCategory.S, 21m, 600m, 126m)],
            Net = 600m,
            Vat = 126m,
            Total = 726m,
        };

        var pdf = Renderer.Render(tall, [], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => p.Text).ToList();
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Pagina {i + 1}/{pages.Count}", pages[i], StringComparison.Ordinal);
        }

        var text = string.Concat(pages);
        Assert.All(Enumerable.Range(1, 60), i => Assert.Contains($"Onderdeel nummer {i:00}", text, StringComparison.Ordinal));
        Assert.Contains("726,00 €", pages[^1], StringComparison.Ordinal);
        // The table header repeats on the page the lines run over to.
        Assert.Contains("Omschrijving", pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_invoice_renders_to_the_same_bytes()
    {
        var (attachment, invoice) = BusinessInvoice();

        var first = Renderer.Render(invoice, [attachment], InvoiceBranding.None);
        var second = Renderer.Render(invoice, [attachment], InvoiceBranding.None);

        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(first)), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(second)));
    }

    [Fact]
    public void The_logo_is_drawn_on_the_first_page()
    {
        var (_, invoice) = BusinessInvoice();

        var pdf = Renderer.Render(invoice, [], new InvoiceBranding(TinyJpeg(blocks: 4), Website: "www.peeters.example", Register: "RPR Gent"));

        using var document = PdfDocument.Open(pdf);
        var first = document.GetPage(1);
        Assert.Contains(first.GetImages(), i => i.WidthInSamples == 32);
        Assert.Contains("RPR Gent", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_photo_prints_a_placeholder_and_an_absent_customer_is_named_with_the_reason()
    {
        var (attachment, invoice) = BusinessInvoice();
        var absent = attachment.Document with
        {
            Signature = new ReportSignature("Jan Peeters", attachment.Document.Signature.SignedAt, null, true, "Klant niet thuis, sleutel bij de buren"),
        };
        var withoutFiles = attachment with { Document = absent, Files = new Dictionary<string, byte[]>() };

        var pdf = Renderer.Render(invoice, [withoutFiles], InvoiceBranding.None);

        using var document = PdfDocument.Open(pdf);
        var report = string.Concat(document.GetPages().Skip(1).Select(p => p.Text));
        Assert.Equal(2, Regex.Count(report, Regex.Escape("(foto niet beschikbaar)")));
        Assert.Contains("Klant afwezig: Klant niet thuis, sleutel bij de buren", report, StringComparison.Ordinal);
        Assert.Empty(document.GetPages().Skip(1).SelectMany(p => p.GetImages()));
    }

    [Fact]
    public void An_invoice_with_a_wrong_iban_is_refused_naming_the_iban()
    {
        var (attachment, invoice) = BusinessInvoice();

        var error = Assert.Throws<ArgumentException>(() => Renderer.Render(invoice with { Iban = "BE68539007547035" }, [attachment], InvoiceBranding.None));

        Assert.Equal("iban", error.ParamName);
    }

    [Theory]
    [InlineData("Europe/Brussels", "08:20–09:35", "09:40(UTC+01:00)")]
    [InlineData("Europe/Lisbon", "07:20–08:35", "08:40(UTC+00:00)")]
    public void The_signed_report_pages_print_its_times_on_the_company_clock(string zone, string work, string signed)
    {
        // As stored, a signed document holds its instants in UTC.
        var (attachment, invoice) = BusinessInvoice();
        var document = attachment.Document with
        {
            Time = [.. attachment.Document.Time.Select(t => t with { Start = t.Start.ToUniversalTime(), End = t.End.ToUniversalTime() })],
            Signature = attachment.Document.Signature with { SignedAt = attachment.Document.Signature.SignedAt.ToUniversalTime() },
        };

        var pdf = Renderer.Render(invoice, [attachment with { Document = document, Clock = WallClock.For(zone) }], InvoiceBranding.None);

        using var read = PdfDocument.Open(pdf);
        var report = Regex.Replace(string.Concat(read.GetPages().Skip(1).Select(p => p.Text)), @"\s+", "");
        Assert.Contains(work, report, StringComparison.Ordinal);
        Assert.Contains("10/03/2026" + signed, report, StringComparison.Ordinal);
    }

    private static string Text(PdfDocument document) => string.Concat(document.GetPages().Select(p => p.Text));

    private static (SignedReportAttachment Attachment, InvoiceDocument Invoice) BusinessInvoice()
    {
        var signed = SignedReports.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), new Random(7), photos: 0);
        var photo1 = TinyJpeg(blocks: 1);
        var photo2 = TinyJpeg(blocks: 2);
        var signature = SignaturePng();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [PhotoHash.Compute(photo1)] = photo1,
            [PhotoHash.Compute(photo2)] = photo2,
            [PhotoHash.Compute(signature)] = signature,
        };
        var document = signed.Document with
        {
            Photos =
            [
                new ReportPhoto(PhotoHash.Compute(photo1), "Voorgevel", 8, 64, photo1.Length),
                new ReportPhoto(PhotoHash.Compute(photo2), "Ketelruimte na onderhoud", 16, 64, photo2.Length),
            ],
            Signature = signed.Document.Signature with { ImageSha256 = PhotoHash.Compute(signature) },
        };
        var attachment = new SignedReportAttachment(document, ReportHash.Compute(document), files, "Jan Peeters", "Bakkerij Janssens NV", "Markt 1, 9300 Aalst", "WO-2026-0107", WallClock.Brussels);
        var reportId = document.ReportId;
        InvoiceLine[] lines =
        [
            new("Arbeid technicus (normale uren)", 1.25m, "HUR", 60m, 75m, VatCategory.S, 21m) { ReportId = reportId, Kind = LineKind.Labour, Explanation = "(contract Gold)" },
            new("Verplaatsing", 1m, "C62", 35m, 35m, VatCategory.S, 21m) { ReportId = reportId, Kind = LineKind.Travel },
            new("Flexibele slang", 1m, "C62", 29.50m, 29.50m, VatCategory.S, 21m)
            {
                ReportId = reportId, Kind = LineKind.Material, ArticleCode = "HOSE",
                SignedOriginal = "2 × Flexibele slang", CorrectionReason = "één slang bleek onbeschadigd en werd teruggenomen",
            },
            new("Thermostaatkop (niet in catalogus)", 1m, "C62", 28.50m, 28.50m, VatCategory.S, 21m) { ReportId = reportId, Kind = LineKind.Material, IsExtra = true },
        ];
        var invoice = new InvoiceDocument(
            InvoiceKind.Invoice,
            "F2026-00042",
            new DateOnly(2026, 3, 12),
            new DateOnly(2026, 4, 11),
            "nl",
            Seller,
            Business,
            lines,
            [new VatSubtotal(VatCategory.S, 21m, 168.00m, 35.28m)],
            168.00m,
            35.28m,
            203.28m,
            Communication,
            Iban,
            "GKCCBEBB",
            [])
        {
            PeriodStart = new DateOnly(2026, 3, 10),
            PeriodEnd = new DateOnly(2026, 3, 10),
            PaymentTerms = "30 dagen na factuurdatum",
            Reports =
            [
                new InvoiceReportReference(reportId, "WO-2026-0107", document.VisitDate, "Jan Peeters", "Markt 1, 9300 Aalst", "Els Janssens", document.Signature.SignedAt, attachment.Hash),
            ],
        };
        return (attachment, invoice);
    }

    /// <summary>
    /// A valid baseline JPEG, <paramref name="blocks"/> 8×8 blocks wide and 64 pixels high, all mid-grey, with
    /// no JFIF header (as a canvas may write it): one quantisation table of ones and one-symbol Huffman tables,
    /// so every block is "DC difference 0, end of block" (two bits "00").
    /// </summary>
    private static byte[] TinyJpeg(int blocks)
    {
        const int Height = 64;
        var width = 8 * blocks;
        var bits = new StringBuilder();
        bits.Append('0', 2 * blocks * (Height / 8));
        while (bits.Length % 8 != 0)
        {
            bits.Append('1');
        }

        var scan = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.ToString(i * 8, 8), 2)).ToArray();
        var jpeg = new List<byte> { 0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00 };
        jpeg.AddRange(Enumerable.Repeat((byte)1, 64));
        jpeg.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, Height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00]);
        foreach (var tableClass in new byte[] { 0x00, 0x10 })
        {
            jpeg.AddRange([0xFF, 0xC4, 0x00, 0x14, tableClass, 0x01]);
            jpeg.AddRange(new byte[15]);
            jpeg.Add(0x00);
        }

        jpeg.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.AddRange(scan);
        jpeg.AddRange([0xFF, 0xD9]);
        return [.. jpeg];
    }

    /// <summary>A 60×20 RGBA PNG as a signature pad writes it: transparent, with a dark stroke across.</summary>
    private static byte[] SignaturePng()
    {
        const int Width = 60, Height = 20;
        using var pixels = new MemoryStream();
        for (var y = 0; y < Height; y++)
        {
            pixels.WriteByte(0);
            for (var x = 0; x < Width; x++)
            {
                var ink = Math.Abs(y - (10 + (int)(6 * Math.Sin(x / 6.0)))) <= 1;
                pixels.Write(ink ? [0x10, 0x20, 0x60, 0xFF] : [0, 0, 0, 0]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            pixels.Position = 0;
            pixels.CopyTo(zlib);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, Width, 0, 0, 0, Height, 8, 6, 0, 0, 0]);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream png, string type, byte[] data)
        {
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.Write([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
            png.Write(typed);
            var crc = Crc32(typed);
            png.Write([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        }

        static uint Crc32(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }

            return ~crc;
        }
    }

    /// <summary>
    /// Every QR code drawn in the PDF, decoded from what PdfPig reads back: a filled path of many rectangles
    /// (the dark modules) is laid on a grid of its smallest height, painted into pixels with a quiet zone and
    /// read by ZXing.
    /// </summary>
    private static List<string> QrPayloads(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var payloads = new List<string>();
        foreach (var path in document.GetPages().SelectMany(p => p.Paths).Where(p => p.IsFilled && p.Count > 20))
        {
            var boxes = path.Select(s => s.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>().ToList();
            var module = boxes.Min(b => b.Height);
            var (left, top) = (boxes.Min(b => b.Left), boxes.Max(b => b.Top));
            var modules = (int)Math.Round((boxes.Max(b => b.Right) - left) / module);
            const int Quiet = 4, Scale = 4;
            var width = (modules + (2 * Quiet)) * Scale;
            var gray = Enumerable.Repeat((byte)255, width * width).ToArray();
            foreach (var box in boxes)
            {
                var row = (int)Math.Round((top - box.Top) / module);
                var first = (int)Math.Round((box.Left - left) / module);
                var last = (int)Math.Round((box.Right - left) / module);
                for (var y = (row + Quiet) * Scale; y < (row + Quiet + 1) * Scale; y++)
                {
                    Array.Fill(gray, (byte)0, (y * width) + ((first + Quiet) * Scale), (last - first) * Scale);
                }
            }

            var source = new RGBLuminanceSource(gray, width, width, RGBLuminanceSource.BitmapFormat.Gray8);
            var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true, [DecodeHintType.CHARACTER_SET] = "UTF-8" };
            if (new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints) is { } result)
            {
                payloads.Add(result.Text);
            }
        }

        return payloads;
    }
}
