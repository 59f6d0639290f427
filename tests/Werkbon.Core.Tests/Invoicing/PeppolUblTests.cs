using System.Text;
using System.Xml.Linq;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Invoicing.InvoiceSamples;

namespace Werkbon.Core.Tests.Invoicing;

/// <summary>What we send over Peppol: valid UBL 2.1 that breaks none of the rules we check.</summary>
public class PeppolUblTests
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static TheoryData<string> Documents() => ["standard 21 %", "mixed 6 % and 21 %", "reverse charge", "credit note", "with the PDF"];

    private static (InvoiceDocument Document, EmbeddedDocument? Pdf) Sample(string name) => name switch
    {
        "standard 21 %" => (Standard(), null),
        "mixed 6 % and 21 %" => (Mixed(), null),
        "reverse charge" => (ReverseCharge(), null),
        "credit note" => (CreditNote(), null),
        _ => (Standard(), Pdf),
    };

    private static XDocument Written(InvoiceDocument document, EmbeddedDocument? pdf = null) =>
        XDocument.Load(new MemoryStream(PeppolUbl.ToUtf8Bytes(document, pdf)));

    [Theory]
    [InlineData("0208:0412.345.614", "0208", "0412345614")]
    [InlineData("9925:BE0412345614", "9925", "BE0412345614")]
    [InlineData(" 0088:5410000000019 ", "0088", "5410000000019")]
    public void A_Peppol_address_is_a_scheme_of_the_EAS_list_and_an_identifier(string text, string scheme, string id)
    {
        Assert.True(PeppolAddress.TryParse(text, out var address));
        Assert.Equal(new PeppolAddress(scheme, id), address);
    }

    [Theory]
    [InlineData("EM:an.peeters@example.be")]
    [InlineData("0208:0412345615")]
    [InlineData("9999:12345")]
    [InlineData("0208:")]
    [InlineData("0412345614")]
    [InlineData("")]
    public void Anything_else_is_not_a_Peppol_address(string text) => Assert.False(PeppolAddress.TryParse(text, out _));

    [Fact]
    public void A_private_customer_without_a_Peppol_address_gets_no_Peppol_document()
    {
        foreach (var consumer in new[]
        {
            new InvoiceParty("An Peeters", new PostalAddress("Dorp 3", "9000", "Gent"), "", "", ""),
            new InvoiceParty("An Peeters", new PostalAddress("Dorp 3", "9000", "Gent"), "", "", "EM:an.peeters@example.be", "an.peeters@example.be"),
        })
        {
            var document = Mixed() with { Buyer = consumer };
            Assert.Null(PeppolAddress.Of(consumer));
            Assert.False(PeppolUbl.IsFor(document));
            Assert.Throws<ArgumentException>(() => PeppolUbl.ToXml(document));
        }
    }

    [Fact]
    public void A_buyer_is_addressed_on_the_Peppol_address_it_gave_else_on_its_enterprise_number()
    {
        static string Endpoint(InvoiceParty buyer)
        {
            var endpoint = Written(Standard() with { Buyer = buyer }).Root!.Element(Cac + "AccountingCustomerParty")!.Element(Cac + "Party")!.Element(Cbc + "EndpointID")!;
            return $"{endpoint.Attribute("schemeID")!.Value}:{endpoint.Value}";
        }

        Assert.Equal("9925:BE0412345614", Endpoint(Buyer with { PeppolEndpoint = "9925:BE0412345614" }));
        Assert.Equal("0208:0412345614", Endpoint(Buyer with { PeppolEndpoint = "" }));
        Assert.Equal("0208:0412345614", Endpoint(Buyer with { PeppolEndpoint = "EM:boekhouding@peeters.example" }));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_written_document_is_valid_UBL_and_breaks_no_Peppol_rule(string name)
    {
        var (document, pdf) = Sample(name);
        var xml = Written(document, pdf);

        Assert.Empty(PeppolFiles.XsdErrors(xml));
        Assert.Empty(PeppolRules.Check(xml));
    }

    [Fact]
    public void The_schema_check_itself_catches_elements_out_of_order()
    {
        var xml = Written(Standard());
        var dueDate = xml.Root!.Element(Cbc + "DueDate")!;
        dueDate.Remove();
        xml.Root.Add(dueDate);

        Assert.NotEmpty(PeppolFiles.XsdErrors(xml));
    }

    [Fact]
    public void The_same_invoice_is_written_to_the_same_bytes_as_UTF8_without_byte_order_mark()
    {
        var first = PeppolUbl.ToUtf8Bytes(Mixed(), Pdf);
        var second = PeppolUbl.ToUtf8Bytes(Mixed(), Pdf);

        Assert.Equal(first, second);
        Assert.Equal((byte)'<', first[0]);
        Assert.Contains("privéwoning", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invoice_carries_the_Peppol_identifiers_parties_payment_and_totals()
    {
        var root = Written(Standard()).Root!;

        Assert.Equal("Invoice", root.Name.LocalName);
        Assert.Equal("380", root.Element(Cbc + "InvoiceTypeCode")!.Value);
        Assert.Equal(PeppolRules.CustomizationId, root.Element(Cbc + "CustomizationID")!.Value);
        Assert.Equal(PeppolRules.ProfileId, root.Element(Cbc + "ProfileID")!.Value);
        Assert.Equal("2026-04-17", root.Element(Cbc + "DueDate")!.Value);
        Assert.Equal("WO-2026-0042", root.Element(Cbc + "BuyerReference")!.Value);
        Assert.Equal("2026-03-10", root.Element(Cac + "InvoicePeriod")!.Element(Cbc + "StartDate")!.Value);
        var seller = root.Element(Cac + "AccountingSupplierParty")!.Element(Cac + "Party")!;
        Assert.Equal("0712345630", seller.Element(Cbc + "EndpointID")!.Value);
        Assert.Equal("0208", seller.Element(Cbc + "EndpointID")!.Attribute("schemeID")!.Value);
        Assert.Equal("BE0712345630", seller.Element(Cac + "PartyTaxScheme")!.Element(Cbc + "CompanyID")!.Value);
        Assert.Equal("0712345630", seller.Element(Cac + "PartyLegalEntity")!.Element(Cbc + "CompanyID")!.Value);
        var payment = root.Element(Cac + "PaymentMeans")!;
        Assert.Equal("30", payment.Element(Cbc + "PaymentMeansCode")!.Value);
        Assert.Equal("+++260/0000/10476+++", payment.Element(Cbc + "PaymentID")!.Value);
        Assert.Equal("BE68539007547034", payment.Element(Cac + "PayeeFinancialAccount")!.Element(Cbc + "ID")!.Value);
        Assert.Equal("TRIOBEBB", payment.Descendants(Cac + "FinancialInstitutionBranch").Single().Element(Cbc + "ID")!.Value);
        var totals = root.Element(Cac + "LegalMonetaryTotal")!;
        Assert.Equal("121.75", totals.Element(Cbc + "TaxExclusiveAmount")!.Value);
        Assert.Equal("147.32", totals.Element(Cbc + "PayableAmount")!.Value);
        Assert.Equal("25.57", root.Element(Cac + "TaxTotal")!.Element(Cbc + "TaxAmount")!.Value);
        Assert.Equal(4, root.Elements(Cac + "InvoiceLine").Count());
    }

    [Fact]
    public void Mixed_rates_give_one_breakdown_per_rate_and_the_six_percent_statement_as_the_only_note()
    {
        var root = Written(Mixed()).Root!;

        var subtotals = root.Element(Cac + "TaxTotal")!.Elements(Cac + "TaxSubtotal").ToList();
        Assert.Equal(["21", "6"], subtotals.Select(s => s.Element(Cac + "TaxCategory")!.Element(Cbc + "Percent")!.Value));
        Assert.Equal(["1850.00", "207.50"], subtotals.Select(s => s.Element(Cbc + "TaxableAmount")!.Value));
        Assert.Equal(["388.50", "12.45"], subtotals.Select(s => s.Element(Cbc + "TaxAmount")!.Value));
        Assert.Equal(LegalTexts.RenovationSixPercent(Language.Nl), Assert.Single(root.Elements(Cbc + "Note")).Value);
    }

    [Fact]
    public void Reverse_charge_is_AE_at_zero_with_the_VATEX_code_a_reason_and_both_VAT_numbers()
    {
        var root = Written(ReverseCharge()).Root!;

        var category = root.Element(Cac + "TaxTotal")!.Element(Cac + "TaxSubtotal")!.Element(Cac + "TaxCategory")!;
        Assert.Equal("AE", category.Element(Cbc + "ID")!.Value);
        Assert.Equal("0", category.Element(Cbc + "Percent")!.Value);
        Assert.Equal("VATEX-EU-AE", category.Element(Cbc + "TaxExemptionReasonCode")!.Value);
        Assert.Contains("Verlegging van heffing", category.Element(Cbc + "TaxExemptionReason")!.Value);
        Assert.Equal("BE0412345614", root.Element(Cac + "AccountingCustomerParty")!.Descendants(Cac + "PartyTaxScheme").Single().Element(Cbc + "CompanyID")!.Value);
        Assert.Equal("0.00", root.Element(Cac + "TaxTotal")!.Element(Cbc + "TaxAmount")!.Value);
        Assert.StartsWith("Verlegging van heffing", root.Element(Cbc + "Note")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_note_is_type_381_with_credited_quantities_and_refers_to_the_invoice_it_corrects()
    {
        var root = Written(CreditNote()).Root!;

        Assert.Equal("CreditNote", root.Name.LocalName);
        Assert.Equal("381", root.Element(Cbc + "CreditNoteTypeCode")!.Value);
        var reference = root.Element(Cac + "BillingReference")!.Element(Cac + "InvoiceDocumentReference")!;
        Assert.Equal("2026-000104", reference.Element(Cbc + "ID")!.Value);
        Assert.Equal("2026-03-18", reference.Element(Cbc + "IssueDate")!.Value);
        var line = Assert.Single(root.Elements(Cac + "CreditNoteLine"));
        Assert.Equal("2", line.Element(Cbc + "CreditedQuantity")!.Value);
        Assert.Contains("Ongebruikt teruggenomen", line.Element(Cbc + "Note")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_note_without_the_invoice_it_corrects_is_refused()
    {
        var orphan = CreditNote() with { PrecedingInvoiceNumber = null };

        var error = Assert.Throws<ArgumentException>(() => PeppolUbl.ToUtf8Bytes(orphan));
        Assert.Contains("CN-2026-000007", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_invoice_PDF_travels_inside_the_document_byte_for_byte()
    {
        var root = Written(Standard(), Pdf).Root!;

        var binary = root.Element(Cac + "AdditionalDocumentReference")!.Element(Cac + "Attachment")!.Element(Cbc + "EmbeddedDocumentBinaryObject")!;
        Assert.Equal("application/pdf", binary.Attribute("mimeCode")!.Value);
        Assert.Equal("2026-000104.pdf", binary.Attribute("filename")!.Value);
        Assert.Equal(Pdf.Content, Convert.FromBase64String(binary.Value));
    }

    [Fact]
    public void Without_a_buyer_reference_the_invoice_number_stands_in_so_R003_holds()
    {
        var xml = Written(Standard() with { BuyerReference = "" });

        Assert.Equal("2026-000104", xml.Root!.Element(Cbc + "BuyerReference")!.Value);
        Assert.DoesNotContain(PeppolRules.Check(xml), v => v.RuleId == "PEPPOL-EN16931-R003");
    }

    [Fact]
    public void Optional_fields_left_blank_are_left_out_rather_than_written_empty()
    {
        var bare = Standard() with
        {
            PaymentTerms = "",
            Bic = "",
            PeriodStart = null,
            PeriodEnd = null,
            Seller = Seller with { Email = "", Phone = "" },
        };

        var xml = Written(bare);

        Assert.Empty(PeppolRules.Check(xml));
        Assert.Null(xml.Root!.Element(Cac + "PaymentTerms"));
        Assert.Null(xml.Root.Element(Cac + "InvoicePeriod"));
        Assert.Empty(xml.Root.Descendants(Cac + "FinancialInstitutionBranch"));
        Assert.Empty(xml.Root.Descendants(Cac + "Contact"));
        Assert.Empty(PeppolFiles.XsdErrors(xml));
    }
}
