using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Invoicing;

/// <summary>UNCL1001 document type: 380 commercial invoice, 381 credit note.</summary>
public enum InvoiceKind
{
    Invoice,
    CreditNote,
}

/// <summary>A postal address as printed and as sent in UBL (<c>cac:PostalAddress</c>).</summary>
public sealed record PostalAddress(string Street, string PostalCode, string City, string CountryCode = "BE");

/// <summary>
/// Seller or buyer as it stood when the document was issued (a snapshot, never a live reference).
/// <see cref="VatNumber"/> carries its country prefix (<c>BE0123456749</c>); <see cref="PeppolEndpoint"/>
/// is <c>scheme:id</c> (<c>0208:0123456749</c>).
/// </summary>
public sealed record InvoiceParty(
    string Name,
    PostalAddress Address,
    string VatNumber,
    string EnterpriseNumber,
    string PeppolEndpoint,
    string Email = "",
    string Phone = "");

/// <summary>
/// One line of an invoice or credit note. <see cref="Amount"/> is rounded to the cent and is what the
/// totals add up; <see cref="ReportId"/> names the signed report it comes from (null for a subscription or manual line).
/// </summary>
public sealed record InvoiceLine(
    string Description,
    decimal Quantity,
    string UnitCode,
    decimal UnitPrice,
    decimal Amount,
    VatCategory VatCategory,
    decimal VatPercent)
{
    public LineKind? Kind { get; init; }

    public string? ArticleCode { get; init; }

    /// <summary>How the price was arrived at, in the customer's language ("(contract Gold)").</summary>
    public string Explanation { get; init; } = "";

    public bool IsExtra { get; init; }

    public Guid? ReportId { get; init; }

    /// <summary>What the signed report said when the office corrected this line; null when unchanged.</summary>
    public string? SignedOriginal { get; init; }

    /// <summary>The office's reason for the correction, shown to the customer beside the signed original.</summary>
    public string? CorrectionReason { get; init; }
}

/// <summary>The signed report a group of lines comes from, as printed above them and attached after the invoice.</summary>
public sealed record InvoiceReportReference(
    Guid ReportId,
    string WorkOrderNumber,
    DateOnly VisitDate,
    string TechnicianName,
    string SiteAddress,
    string SignerName,
    DateTimeOffset SignedAt,
    string Hash);

/// <summary>
/// Everything an issued invoice or credit note says, from which the PDF and the Peppol UBL are rendered
/// and over which the chain hash is computed. Amounts are euros, rounded to the cent.
/// </summary>
public sealed record InvoiceDocument(
    InvoiceKind Kind,
    string Number,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Language,
    InvoiceParty Seller,
    InvoiceParty Buyer,
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<VatSubtotal> VatBreakdown,
    decimal Net,
    decimal Vat,
    decimal Total,
    string StructuredCommunication,
    string Iban,
    string Bic,
    IReadOnlyList<LegalText> LegalTexts)
{
    public string Currency { get; init; } = "EUR";

    /// <summary>BT-10; Peppol needs a buyer reference or an order reference (PEPPOL-EN16931-R003).</summary>
    public string BuyerReference { get; init; } = "";

    /// <summary>First and last day of the services invoiced (BT-73/74), when known.</summary>
    public DateOnly? PeriodStart { get; init; }

    public DateOnly? PeriodEnd { get; init; }

    /// <summary>For a credit note: the invoice it corrects (BT-25/26).</summary>
    public string? PrecedingInvoiceNumber { get; init; }

    public DateOnly? PrecedingInvoiceIssueDate { get; init; }

    /// <summary>For a credit note: why the invoice is corrected, as the office wrote it (printed, and the UBL note).</summary>
    public string? CreditReason { get; init; }

    public IReadOnlyList<InvoiceReportReference> Reports { get; init; } = [];

    /// <summary>Amount already paid (BT-113); the payable amount is <see cref="Total"/> minus this.</summary>
    public decimal Prepaid { get; init; }

    public decimal Payable => Total - Prepaid;

    public string PaymentTerms { get; init; } = "";
}

/// <summary>The payment terms as a customer reads them: "30 dagen", "30 jours", "30 days".</summary>
public static class PaymentTerms
{
    public static string Days(int days, Language language) => language switch
    {
        Language.Nl => days == 1 ? "1 dag" : $"{days} dagen",
        Language.Fr => days == 1 ? "1 jour" : $"{days} jours",
        _ => days == 1 ? "1 day" : $"{days} days",
    };

    /// <summary>The terms as stored on a document; a bare number of days (as documents once stored them) reads as <see cref="Days"/>.</summary>
    public static string Read(string terms, Language language) =>
        int.TryParse(terms, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) ? Days(days, language) : terms;
}
