using BenchmarkDotNet.Attributes;
using Werkbon.Core.Calendar;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Vat;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing.Documents;

namespace Werkbon.Benchmarks;

/// <summary>
/// Renders a typical invoice (12 lines over one signed report, attached as a page) against a one-line
/// invoice as the baseline: the figures read as ratios, the fixed cost (fonts, QR code) shows in the baseline.
/// </summary>
[MemoryDiagnoser]
public class InvoicePdfBenchmarks
{
    private static readonly TimeSpan Brussels = TimeSpan.FromHours(1);

    private readonly InvoicePdf renderer = new(new Texts());

    private InvoiceDocument oneLine = null!;
    private InvoiceDocument typical = null!;
    private SignedReportAttachment report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var day = new DateOnly(2026, 3, 10);
        var document = new ReportDocument(
            ReportDocument.CurrentVersion, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "technician", day,
            [
                new(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 10, 8, 0, 0, Brussels), new DateTimeOffset(2026, 3, 10, 8, 25, 0, Brussels), TimeEntryKind.Travel, false, null),
                new(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 10, 8, 25, 0, Brussels), new DateTimeOffset(2026, 3, 10, 11, 40, 0, Brussels), TimeEntryKind.Work, false, "Ketel nagekeken"),
            ],
            24m,
            [.. Enumerable.Range(1, 8).Select(i => new ReportMaterial(Guid.CreateVersion7(), $"ART-{i:000}", $"Onderdeel {i}", i, "C62", i == 8, null, false))],
            "Jaarlijks onderhoud, brander gereinigd, lekdichtheid getest",
            "Klant vraagt offerte voor nieuwe thermostaat",
            [],
            [],
            false,
            null,
            false,
            new ReportSignature("Els Janssens", new DateTimeOffset(2026, 3, 10, 11, 45, 0, Brussels), null, true, "Klant niet thuis, sleutel bij buren"));
        report = new SignedReportAttachment(document, ReportHash.Compute(document), new Dictionary<string, byte[]>(), "Jan Peeters", "Bakkerij Janssens NV", "Markt 1, 9300 Aalst", "WO-2026-0107", WallClock.Brussels);

        var seller = new InvoiceParty("Koeltechniek Peeters BV", new PostalAddress("Industrieweg 12", "9000", "Gent"), "BE0123456749", "0123456749", "0208:0123456749");
        var buyer = new InvoiceParty("Bakkerij Janssens NV", new PostalAddress("Markt 1", "9300", "Aalst"), "BE0987654316", "0987654316", "0208:0987654316");
        InvoiceLine Line(int i) => new($"Onderdeel {i}", i, "C62", 10m, 10m * i, VatCategory.S, 21m) { ReportId = document.ReportId, Explanation = "(contract Gold)" };
        oneLine = new InvoiceDocument(
            InvoiceKind.Invoice, "F2026-00042", new DateOnly(2026, 3, 12), new DateOnly(2026, 4, 11), "nl", seller, buyer,
            [Line(1)], [new VatSubtotal(VatCategory.S, 21m, 10m, 2.10m)], 10m, 2.10m, 12.10m, "123456789002", "BE68539007547034", "GKCCBEBB", []);
        var lines = Enumerable.Range(1, 12).Select(Line).ToList();
        var net = lines.Sum(l => l.Amount);
        typical = oneLine with
        {
            Lines = lines,
            VatBreakdown = [new VatSubtotal(VatCategory.S, 21m, net, net * 0.21m)],
            Net = net,
            Vat = net * 0.21m,
            Total = net * 1.21m,
            Reports = [new InvoiceReportReference(document.ReportId, "WO-2026-0107", day, "Jan Peeters", "Markt 1, 9300 Aalst", "Els Janssens", document.Signature.SignedAt, report.Hash)],
        };
    }

    [Benchmark(Baseline = true)]
    public byte[] OneLineInvoice() => renderer.Render(oneLine, [], InvoiceBranding.None);

    [Benchmark]
    public byte[] TypicalInvoiceWithSignedReport() => renderer.Render(typical, [report], InvoiceBranding.None);
}
