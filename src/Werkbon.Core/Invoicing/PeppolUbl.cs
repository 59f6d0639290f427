using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Werkbon.Core.Catalog;
using Werkbon.Core.Parties;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Invoicing;

/// <summary>A file travelling inside the UBL document (BG-24), normally the invoice's own PDF.</summary>
public sealed record EmbeddedDocument(string FileName, byte[] Content, string MimeCode = "application/pdf");

/// <summary>
/// Writes an <see cref="InvoiceDocument"/> as Peppol BIS Billing 3.0 (UBL 2.1): an <c>Invoice</c> (380) or a
/// <c>CreditNote</c> (381) that refers to the invoice it corrects. The output is UTF-8 without BOM, indented,
/// and depends only on the document: the same document always gives the same bytes. Optional fields that are
/// empty are left out rather than written empty (PEPPOL-EN16931-R008). Only a document whose buyer has a Peppol
/// address is written (<see cref="IsFor"/>): Peppol is business to business, a private customer gets the PDF alone.
/// </summary>
public static class PeppolUbl
{
    public const string InvoiceTypeCode = "380";
    public const string CreditNoteTypeCode = "381";
    public const string CreditTransfer = "30";

    private static readonly XNamespace InvoiceNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static readonly XNamespace CreditNoteNs = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    private static readonly XNamespace Cac = PeppolRules.Cac;
    private static readonly XNamespace Cbc = PeppolRules.Cbc;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>
    /// Whether a Peppol UBL exists for the document: only when its buyer has a Peppol address
    /// (<see cref="PeppolAddress.Of"/>). Issuing, the stored files, the invoice page and the chain verification all ask this.
    /// </summary>
    public static bool IsFor(InvoiceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PeppolAddress.Of(document.Buyer) is not null;
    }

    public static byte[] ToUtf8Bytes(InvoiceDocument document, EmbeddedDocument? pdf = null) => ToUtf8Bytes(ToXml(document, pdf), pdf?.Content.Length ?? 0);

    /// <summary>The bytes of a tree made by <see cref="ToXml"/>, exactly as <see cref="ToUtf8Bytes(InvoiceDocument, EmbeddedDocument?)"/> writes them.</summary>
    public static byte[] ToUtf8Bytes(XDocument ubl, int embeddedBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(ubl);
        using var stream = new MemoryStream(16_384 + (embeddedBytes * 4 / 3));
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            ubl.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The embedded file as base64 text in pieces of 24,576 characters, written one after the other: the same
    /// text, without one string as large as the file for every document.
    /// </summary>
    private static IEnumerable<XText> Base64(byte[] content)
    {
        const int Piece = 18_432;
        for (var offset = 0; offset < content.Length; offset += Piece)
        {
            yield return new XText(Convert.ToBase64String(content, offset, Math.Min(Piece, content.Length - offset)));
        }
    }

    public static string ToText(InvoiceDocument document, EmbeddedDocument? pdf = null) => Encoding.UTF8.GetString(ToUtf8Bytes(document, pdf));

    /// <summary>
    /// The UBL tree. Throws <see cref="ArgumentException"/> for a credit note that names no invoice it corrects, and
    /// for a buyer without a Peppol address (<see cref="IsFor"/>), which no valid Peppol document can name.
    /// </summary>
    public static XDocument ToXml(InvoiceDocument document, EmbeddedDocument? pdf = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsFor(document))
        {
            throw new ArgumentException($"{document.Number}: the buyer {document.Buyer.Name} has no Peppol address, so no Peppol document can be addressed to it.", nameof(document));
        }

        var credit = document.Kind == InvoiceKind.CreditNote;
        if (credit && string.IsNullOrWhiteSpace(document.PrecedingInvoiceNumber))
        {
            throw new ArgumentException($"Credit note {document.Number} must name the invoice it corrects.", nameof(document));
        }

        var ns = credit ? CreditNoteNs : InvoiceNs;
        var currency = document.Currency;
        var language = Languages.FromCode(document.Language);
        var note = string.Join("\n", new[] { document.CreditReason }.Concat(document.LegalTexts.Select(t => t.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));

        var root = new XElement(ns + (credit ? "CreditNote" : "Invoice"),
            new XAttribute(XNamespace.Xmlns + "cac", Cac),
            new XAttribute(XNamespace.Xmlns + "cbc", Cbc),
            Cb("CustomizationID", PeppolRules.CustomizationId),
            Cb("ProfileID", PeppolRules.ProfileId),
            Cb("ID", document.Number),
            Cb("IssueDate", Date(document.IssueDate)),
            credit ? null : Cb("DueDate", Date(document.DueDate)),
            Cb(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", credit ? CreditNoteTypeCode : InvoiceTypeCode),
            Cb("Note", note),
            Cb("DocumentCurrencyCode", currency),
            Cb("BuyerReference", string.IsNullOrWhiteSpace(document.BuyerReference) ? document.Number : document.BuyerReference),
            document.PeriodStart is null && document.PeriodEnd is null
                ? null
                : Ca("InvoicePeriod", Cb("StartDate", Date(document.PeriodStart)), Cb("EndDate", Date(document.PeriodEnd))),
            string.IsNullOrWhiteSpace(document.PrecedingInvoiceNumber)
                ? null
                : Ca("BillingReference", Ca("InvoiceDocumentReference",
                    Cb("ID", document.PrecedingInvoiceNumber),
                    Cb("IssueDate", Date(document.PrecedingInvoiceIssueDate)))),
            pdf is null
                ? null
                : Ca("AdditionalDocumentReference",
                    Cb("ID", document.Number),
                    Cb("DocumentDescription", credit ? "Credit note" : "Invoice"),
                    Ca("Attachment", new XElement(Cbc + "EmbeddedDocumentBinaryObject",
                        new XAttribute("mimeCode", pdf.MimeCode),
                        new XAttribute("filename", pdf.FileName),
                        Base64(pdf.Content)))),
            Ca("AccountingSupplierParty", Party(document.Seller)),
            Ca("AccountingCustomerParty", Party(document.Buyer)),
            credit || string.IsNullOrWhiteSpace(document.Iban) ? null : PaymentMeans(document),
            string.IsNullOrWhiteSpace(document.PaymentTerms) ? null : Ca("PaymentTerms", Cb("Note", document.PaymentTerms)),
            Ca("TaxTotal",
                Amount("TaxAmount", document.Vat, currency),
                document.VatBreakdown.Select(s => Ca("TaxSubtotal",
                    Amount("TaxableAmount", s.TaxableAmount, currency),
                    Amount("TaxAmount", s.VatAmount, currency),
                    Ca("TaxCategory",
                        Cb("ID", s.Category.ToString()),
                        Cb("Percent", Number(s.Percent)),
                        Cb("TaxExemptionReasonCode", s.ExemptionReasonCode),
                        Cb("TaxExemptionReason", ExemptionReason(s, language)),
                        VatScheme())))),
            Ca("LegalMonetaryTotal",
                Amount("LineExtensionAmount", document.Net, currency),
                Amount("TaxExclusiveAmount", document.Net, currency),
                Amount("TaxInclusiveAmount", document.Total, currency),
                document.Prepaid == 0m ? null : Amount("PrepaidAmount", document.Prepaid, currency),
                Amount("PayableAmount", document.Payable, currency)),
            document.Lines.Select((line, i) => Line(line, i + 1, credit, currency, language)));

        CleanText(root);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>Text stored before input was checked must not make the document unwritable: <see cref="PlainText.Clean"/> on every value.</summary>
    private static void CleanText(XElement root)
    {
        foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => !PlainText.IsClean(t.Value)))
        {
            text.Value = PlainText.Clean(text.Value);
        }

        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => !PlainText.IsClean(a.Value)))
        {
            attribute.Value = PlainText.Clean(attribute.Value);
        }
    }

    private static XElement? PaymentMeans(InvoiceDocument document) =>
        Ca("PaymentMeans",
            new XElement(Cbc + "PaymentMeansCode", new XAttribute("name", "Credit transfer"), CreditTransfer),
            Cb("PaymentID", StructuredCommunication.TryParse(document.StructuredCommunication, out var ogm) ? ogm.ToString() : document.StructuredCommunication),
            Ca("PayeeFinancialAccount",
                Cb("ID", Compact(document.Iban)),
                Cb("Name", document.Seller.Name),
                string.IsNullOrWhiteSpace(document.Bic) ? null : Ca("FinancialInstitutionBranch", Cb("ID", Compact(document.Bic)))));

    private static XElement? Party(InvoiceParty party)
    {
        var enterprise = EnterpriseNumber.Normalize(party.EnterpriseNumber) ?? Compact(party.EnterpriseNumber);
        var vat = VatNumber.Normalize(party.VatNumber) ?? Compact(party.VatNumber);
        var endpoint = PeppolAddress.Of(party);
        return Ca("Party",
            endpoint is null ? null : new XElement(Cbc + "EndpointID", new XAttribute("schemeID", endpoint.Scheme), endpoint.Id),
            Ca("PartyName", Cb("Name", party.Name)),
            Ca("PostalAddress",
                Cb("StreetName", party.Address.Street),
                Cb("CityName", party.Address.City),
                Cb("PostalZone", party.Address.PostalCode),
                Ca("Country", Cb("IdentificationCode", party.Address.CountryCode))),
            vat.Length == 0 ? null : Ca("PartyTaxScheme", Cb("CompanyID", vat), VatScheme()),
            Ca("PartyLegalEntity",
                Cb("RegistrationName", party.Name),
                enterprise.Length == 0 ? null : new XElement(Cbc + "CompanyID", new XAttribute("schemeID", "0208"), enterprise)),
            string.IsNullOrWhiteSpace(party.Phone) && string.IsNullOrWhiteSpace(party.Email)
                ? null
                : Ca("Contact", Cb("Telephone", party.Phone), Cb("ElectronicMail", party.Email)));
    }

    private static XElement? Line(InvoiceLine line, int number, bool credit, string currency, Language language)
    {
        // A price is never negative in UBL (BR-27): a negative line is a negative quantity at a positive price.
        // Time is sent as minutes at the hourly price per 60 minutes, so quantity × price ÷ base is the amount exactly.
        var billed = LineQuantity.Of(line.Quantity, line.UnitCode);
        var (quantity, price) = line.UnitPrice < 0m ? (-billed.Quantity, -line.UnitPrice) : (billed.Quantity, line.UnitPrice);
        var note = string.Join("\n", new[]
        {
            line.Explanation,
            line.SignedOriginal is null ? null : $"{Words(language).Signed}: {line.SignedOriginal}",
            line.CorrectionReason is null ? null : $"{Words(language).Corrected}: {line.CorrectionReason}",
        }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return Ca(credit ? "CreditNoteLine" : "InvoiceLine",
            Cb("ID", number.ToString(CultureInfo.InvariantCulture)),
            Cb("Note", note),
            new XElement(Cbc + (credit ? "CreditedQuantity" : "InvoicedQuantity"), new XAttribute("unitCode", billed.UnitCode), Number(quantity)),
            Amount("LineExtensionAmount", line.Amount, currency),
            Ca("Item",
                Cb("Name", line.Description),
                string.IsNullOrWhiteSpace(line.ArticleCode) ? null : Ca("SellersItemIdentification", Cb("ID", line.ArticleCode)),
                Ca("ClassifiedTaxCategory", Cb("ID", line.VatCategory.ToString()), Cb("Percent", Number(line.VatPercent)), VatScheme())),
            Ca("Price",
                new XElement(Cbc + "PriceAmount", new XAttribute("currencyID", currency), price.ToString("0.00##########", CultureInfo.InvariantCulture)),
                billed.BaseQuantity == 1m ? null : new XElement(Cbc + "BaseQuantity", new XAttribute("unitCode", billed.UnitCode), Number(billed.BaseQuantity))));
    }

    private static (string Signed, string Corrected) Words(Language language) => language switch
    {
        Language.Nl => ("Getekend", "Gecorrigeerd"),
        Language.Fr => ("Signé", "Corrigé"),
        _ => ("Signed", "Corrected"),
    };

    /// <summary>The reason in words beside the VATEX code, in the document's language.</summary>
    private static string? ExemptionReason(VatSubtotal subtotal, Language language) => (subtotal.Category, language) switch
    {
        (VatCategory.AE, Language.Nl) => "Verlegging van heffing, art. 20 KB nr. 1",
        (VatCategory.AE, Language.Fr) => "Autoliquidation, art. 20 AR n° 1",
        (VatCategory.AE, _) => "Reverse charge, art. 20 Royal Decree No. 1",
        (VatCategory.E, Language.Nl) => $"Vrijgesteld van btw ({subtotal.ExemptionReasonCode})",
        (VatCategory.E, Language.Fr) => $"Exonéré de TVA ({subtotal.ExemptionReasonCode})",
        (VatCategory.E, _) => $"Exempt from VAT ({subtotal.ExemptionReasonCode})",
        _ => null,
    };

    private static XElement? VatScheme() => Ca("TaxScheme", Cb("ID", "VAT"));

    private static XElement Amount(string name, decimal value, string currency) =>
        new(Cbc + name, new XAttribute("currencyID", currency), Money.Round(value).ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>An element with its content, or nothing when the content is empty (R008).</summary>
    private static XElement? Cb(string name, string? value) => string.IsNullOrWhiteSpace(value) ? null : new XElement(Cbc + name, value.Trim());

    private static XElement? Ca(string name, params object?[] content)
    {
        var element = new XElement(Cac + name, content);
        return element.HasElements ? element : null;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing fractional zeros (21, 6, 0.8333, 1.5).</summary>
    private static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static string Compact(string? text) => new([.. (text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-'))]);
}
