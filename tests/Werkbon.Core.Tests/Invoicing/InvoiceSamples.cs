using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Invoicing;

/// <summary>Invoices of a Ghent plumber to a Brussels builder, as the office issues them.</summary>
internal static class InvoiceSamples
{
    public static readonly InvoiceParty Seller = new(
        "Loodgieterij Janssens BV",
        new PostalAddress("Kerkstraat 1", "9000", "Gent"),
        "BE0712345630",
        "0712.345.630",
        "0208:0712345630",
        "boekhouding@janssens.example",
        "+32 9 123 45 67");

    public static readonly InvoiceParty Buyer = new(
        "Bouwbedrijf Peeters NV",
        new PostalAddress("Nijverheidslaan 10", "1000", "Brussel"),
        "BE0412345614",
        "0412345614",
        "0208:0412345614");

    public static readonly Guid ReportId = Guid.Parse("019c6a3e-5b10-7d2a-9c41-3f8e2a6b7c01");

    public static InvoiceLine Line(string description, decimal quantity, string unit, decimal price, decimal percent, VatCategory category = VatCategory.S) =>
        new(description, quantity, unit, price, Money.Round(quantity * price), category, percent);

    public static InvoiceDocument Document(IReadOnlyList<InvoiceLine> lines, IReadOnlyList<LegalText>? legal = null, InvoiceKind kind = InvoiceKind.Invoice, string number = "2026-000104", string? exemptionReasonCode = null)
    {
        var totals = InvoiceTotals.Compute(lines, exemptionReasonCode);
        return new InvoiceDocument(
            kind,
            number,
            new DateOnly(2026, 3, 18),
            new DateOnly(2026, 4, 17),
            "nl",
            Seller,
            Buyer,
            lines,
            totals.VatBreakdown,
            totals.Net,
            totals.Vat,
            totals.Total,
            StructuredCommunication.ForInvoice(2026, 104).ToString(),
            "BE68 5390 0754 7034",
            "TRIOBEBB",
            legal ?? [])
        {
            BuyerReference = "WO-2026-0042",
            PeriodStart = new DateOnly(2026, 3, 10),
            PeriodEnd = new DateOnly(2026, 3, 17),
            PaymentTerms = "30 dagen na factuurdatum",
            Reports =
            [
                new InvoiceReportReference(ReportId, "WO-2026-0042", new DateOnly(2026, 3, 10), "Tom Claes", "Kerkstraat 1, 9000 Gent", "An Peeters", new DateTimeOffset(2026, 3, 10, 10, 5, 0, TimeSpan.Zero), new string('a', 64)),
            ],
        };
    }

    /// <summary>V1 of pricing.md: labour, zone travel and two parts at 21 %.</summary>
    public static InvoiceDocument Standard() => Document(
    [
        Line("Arbeid technicus", 1m, "HUR", 60m, 21m) with { Kind = LineKind.Labour, ReportId = ReportId, Explanation = "09:12–10:05, afgerond op 1 uur" },
        Line("Verplaatsing zone 1", 1m, "C62", 30m, 21m) with { Kind = LineKind.Travel, ReportId = ReportId },
        Line("Flexibele slang 1/2\"", 2m, "C62", 8.40m, 21m) with { Kind = LineKind.Material, ArticleCode = "HOSE-12", ReportId = ReportId },
        Line("Kogelkraan 3/4\"", 1m, "C62", 14.95m, 21m) with { Kind = LineKind.Material, ArticleCode = "VALVE-BALL", ReportId = ReportId },
    ]);

    /// <summary>Renovation at 6 % with the statement, and an appliance at 21 %.</summary>
    public static InvoiceDocument Mixed() => Document(
    [
        Line("Arbeid technicus", 2.75m, "HUR", 60m, 6m) with { Kind = LineKind.Labour },
        Line("Radiatorkraan", 1m, "C62", 42.50m, 6m) with { ArticleCode = "VALVE-RAD" },
        Line("Condensatieketel 25 kW", 1m, "C62", 1850m, 21m) with { ArticleCode = "BOILER-25", IsExtra = true },
    ],
    [new LegalText(LegalTextKind.RenovationSixPercent, LegalTexts.RenovationSixPercent(Language.Nl))]);

    /// <summary>V5 of pricing.md: works on a building for a contractor, reverse charge.</summary>
    public static InvoiceDocument ReverseCharge() => Document(
    [
        Line("Arbeid technicus", 4m, "HUR", 60m, 0m, VatCategory.AE),
        Line("Verplaatsing zone 2", 1m, "C62", 45m, 0m, VatCategory.AE),
        Line("Condensatieketel 25 kW", 1m, "C62", 1850m, 0m, VatCategory.AE),
    ],
    [new LegalText(LegalTextKind.ReverseCharge, LegalTexts.ReverseCharge(Language.Nl))]);

    /// <summary>A zero-rated leaflet (Z) and an exempt training (E) beside a 21 % service.</summary>
    public static InvoiceDocument ZeroAndExempt() => Document(
    [
        Line("Veiligheidskeuring", 1m, "C62", 45m, 21m),
        Line("Veiligheidsfolder", 10m, "C62", 1m, 0m, VatCategory.Z),
        Line("Opleiding veilig stoken", 1m, "C62", 80m, 0m, VatCategory.E),
    ],
    exemptionReasonCode: "VATEX-EU-132");

    /// <summary>Credit for the hose of invoice 2026-000104, returned unused.</summary>
    public static InvoiceDocument CreditNote() => Document(
        [Line("Flexibele slang 1/2\" (retour)", 2m, "C62", 8.40m, 21m) with { CorrectionReason = "Ongebruikt teruggenomen" }],
        kind: InvoiceKind.CreditNote,
        number: "CN-2026-000007") with
    {
        PrecedingInvoiceNumber = "2026-000104",
        PrecedingInvoiceIssueDate = new DateOnly(2026, 3, 18),
    };

    /// <summary>A few bytes standing for the invoice's PDF.</summary>
    public static readonly EmbeddedDocument Pdf = new("2026-000104.pdf", "%PDF-1.7\n%werkbon test\n%%EOF\n"u8.ToArray());
}
