using System.Xml.Linq;
using CsCheck;
using Werkbon.Core.Invoicing;
using static Werkbon.Core.Tests.Invoicing.InvoiceSamples;

namespace Werkbon.Core.Tests.Invoicing;

/// <summary>
/// One test per rule: a document we write passes, the same document with one thing wrong is caught under
/// that rule's id.
/// </summary>
public class PeppolRulesTests
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>Writes the sample, proves it passes, applies <paramref name="change"/> and returns the rule ids broken.</summary>
    private static List<string> Broken(Func<InvoiceDocument> sample, Action<XElement> change)
    {
        var xml = XDocument.Parse(PeppolUbl.ToText(sample()));
        Assert.Empty(PeppolRules.Check(xml));
        change(xml.Root!);
        return [.. PeppolRules.Check(xml).Select(v => v.RuleId)];
    }

    private static List<string> Broken(Action<XElement> change) => Broken(Standard, change);

    /// <summary>The first element at a path like <c>cac:LegalMonetaryTotal/cbc:PayableAmount</c>.</summary>
    private static XElement At(XElement root, string path)
    {
        var element = root;
        foreach (var step in path.Split('/'))
        {
            var name = step.StartsWith("cac:", StringComparison.Ordinal) ? Cac + step[4..] : Cbc + step[4..];
            element = element.Elements(name).First();
        }

        return element;
    }

    private static void Set(XElement root, string path, string value) => At(root, path).Value = value;

    private const string Seller = "cac:AccountingSupplierParty/cac:Party";
    private const string Buyer = "cac:AccountingCustomerParty/cac:Party";
    private const string Subtotal = "cac:TaxTotal/cac:TaxSubtotal";
    private const string Totals = "cac:LegalMonetaryTotal";

    [Fact]
    public void PEPPOL_EN16931_R001_the_business_process_must_be_the_billing_profile()
    {
        Assert.Equal(["PEPPOL-EN16931-R001"], Broken(r => Set(r, "cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:1.0")));
        Assert.Equal(["PEPPOL-EN16931-R001"], Broken(r => At(r, "cbc:ProfileID").Remove()));
    }

    [Fact]
    public void PEPPOL_EN16931_R002_at_most_one_note()
    {
        Assert.Equal(["PEPPOL-EN16931-R002"], Broken(Mixed, r => At(r, "cbc:Note").AddAfterSelf(new XElement(Cbc + "Note", "Tweede nota"))));
    }

    [Fact]
    public void PEPPOL_EN16931_R003_a_buyer_reference_or_an_order_reference()
    {
        Assert.Equal(["PEPPOL-EN16931-R003"], Broken(r => At(r, "cbc:BuyerReference").Remove()));
        Assert.Empty(Broken(r => At(r, "cbc:BuyerReference").ReplaceWith(new XElement(Cac + "OrderReference", new XElement(Cbc + "ID", "PO-77")))));
    }

    [Fact]
    public void PEPPOL_EN16931_R004_the_specification_identifier_is_Peppol_BIS_3()
    {
        Assert.Equal(["PEPPOL-EN16931-R004"], Broken(r => Set(r, "cbc:CustomizationID", "urn:cen.eu:en16931:2017")));
    }

    [Fact]
    public void PEPPOL_EN16931_R008_no_empty_elements()
    {
        Assert.Equal(["PEPPOL-EN16931-R008"], Broken(r => Set(r, "cac:PaymentTerms/cbc:Note", " ")));
    }

    [Fact]
    public void PEPPOL_EN16931_R053_exactly_one_tax_total_with_subtotals()
    {
        Assert.Equal(["PEPPOL-EN16931-R053"], Broken(r => At(r, "cac:TaxTotal").AddAfterSelf(new XElement(At(r, "cac:TaxTotal")))));
        Assert.Contains("PEPPOL-EN16931-R053", Broken(r => At(r, Subtotal).Remove()));
    }

    [Fact]
    public void PEPPOL_EN16931_R010_and_R020_both_parties_have_an_electronic_address()
    {
        Assert.Equal(["PEPPOL-EN16931-R010"], Broken(r => At(r, $"{Buyer}/cbc:EndpointID").Remove()));
        Assert.Equal(["PEPPOL-EN16931-R020"], Broken(r => At(r, $"{Seller}/cbc:EndpointID").Remove()));
    }

    [Fact]
    public void BR_62_and_BR_63_electronic_addresses_name_their_scheme()
    {
        Assert.Equal(["BR-62"], Broken(r => At(r, $"{Seller}/cbc:EndpointID").Attribute("schemeID")!.Remove()));
        Assert.Equal(["BR-63"], Broken(r => At(r, $"{Buyer}/cbc:EndpointID").Attribute("schemeID")!.Remove()));
    }

    [Theory]
    [InlineData("EM", "bakker@example.be")]
    [InlineData("9999", "12345")]
    [InlineData("0037", "12345")]
    public void PEPPOL_EN16931_CL008_an_electronic_address_scheme_is_in_Peppol_EAS_list(string scheme, string id)
    {
        Assert.Equal(["PEPPOL-EN16931-CL008"], Broken(r =>
        {
            var endpoint = At(r, $"{Buyer}/cbc:EndpointID");
            endpoint.SetAttributeValue("schemeID", scheme);
            endpoint.Value = id;
        }));
    }

    [Theory]
    [InlineData("cac:InvoiceLine/cbc:InvoicedQuantity", "unitCode", "HOUR", "BR-CL-23")]
    [InlineData("cac:InvoiceLine/cbc:InvoicedQuantity", "unitCode", "u", "BR-CL-23")]
    [InlineData($"{Buyer}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "KBO", "BR-CL-11")]
    [InlineData("cac:PaymentMeans/cbc:PaymentMeansCode", null, "SEPA", "BR-CL-16")]
    [InlineData($"{Subtotal}/cac:TaxCategory/cbc:ID", null, "AA", "BR-CL-17")]
    [InlineData("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID", null, "AA", "BR-CL-18")]
    [InlineData("cbc:DocumentCurrencyCode", null, "EURO", "BR-CL-04")]
    [InlineData($"{Totals}/cbc:PayableAmount", "currencyID", "EURO", "BR-CL-03")]
    [InlineData($"{Buyer}/cac:PostalAddress/cac:Country/cbc:IdentificationCode", null, "BEL", "BR-CL-14")]
    public void BR_CL_every_code_written_is_in_its_official_code_list(string path, string? attribute, string value, string rule)
    {
        var broken = Broken(r =>
        {
            var element = At(r, path);
            if (attribute is null)
            {
                element.Value = value;
            }
            else
            {
                element.SetAttributeValue(attribute, value);
            }
        });

        Assert.Contains(rule, broken);
    }

    [Fact]
    public void BR_CL_22_an_exemption_reason_code_is_a_VATEX_code()
    {
        Assert.Equal(["BR-CL-22"], Broken(ReverseCharge, r => Set(r, $"{Subtotal}/cac:TaxCategory/cbc:TaxExemptionReasonCode", "VATEX-BE-AE")));
        Assert.Empty(Broken(ReverseCharge, r => Set(r, $"{Subtotal}/cac:TaxCategory/cbc:TaxExemptionReasonCode", "VATEX-EU-IC")));
    }

    [Fact]
    public void PEPPOL_EN16931_CL001_an_attachment_is_a_type_Peppol_accepts()
    {
        var xml = PeppolUbl.ToXml(Standard(), new EmbeddedDocument("2026-000104.pdf", [0x25, 0x50, 0x44, 0x46]));
        Assert.Empty(PeppolRules.Check(xml));
        xml.Descendants(Cbc + "EmbeddedDocumentBinaryObject").Single().SetAttributeValue("mimeCode", "application/msword");
        Assert.Equal(["PEPPOL-EN16931-CL001"], PeppolRules.Check(xml).Select(v => v.RuleId));
    }

    [Fact]
    public void The_code_lists_hold_every_code_the_product_writes()
    {
        Assert.All(Core.Catalog.UnitCodes.Common, unit => Assert.Contains(unit, PeppolCodeLists.Units));
        Assert.All(Enum.GetNames<Core.Vat.VatCategory>(), category => Assert.Contains(category, PeppolCodeLists.TaxCategories));
        Assert.Contains(PeppolUbl.CreditTransfer, PeppolCodeLists.PaymentMeans);
        Assert.Contains(Core.Vat.VatRules.ReverseChargeExemptionCode, PeppolCodeLists.Vatex);
        Assert.Contains(PeppolAddress.BelgianEnterprise, PeppolCodeLists.Eas);
        Assert.Contains(PeppolAddress.BelgianEnterprise, PeppolCodeLists.Icd);
        Assert.DoesNotContain("EM", PeppolCodeLists.Eas);
    }

    [Fact]
    public void PEPPOL_EN16931_R120_line_amount_is_quantity_times_price()
    {
        Assert.Equal(["PEPPOL-EN16931-R120"], Broken(r => Set(r, "cac:InvoiceLine/cac:Price/cbc:PriceAmount", "61.00")));
        Assert.Empty(Broken(r => Set(r, "cac:InvoiceLine/cac:Price/cbc:PriceAmount", "60.01")));
    }

    [Fact]
    public void PEPPOL_COMMON_R043_a_0208_identifier_is_a_valid_Belgian_enterprise_number()
    {
        Assert.Equal(["PEPPOL-COMMON-R043"], Broken(r => Set(r, $"{Buyer}/cbc:EndpointID", "0412345615")));
        Assert.Equal(["PEPPOL-COMMON-R043"], Broken(r => Set(r, $"{Buyer}/cac:PartyLegalEntity/cbc:CompanyID", "412345614")));
        Assert.Equal(["PEPPOL-COMMON-R043"], Broken(r => Set(r, $"{Seller}/cbc:EndpointID", "BE0712345630")));
    }

    [Fact]
    public void PEPPOL_COMMON_R043_names_one_wrong_number_once_wherever_it_appears()
    {
        var broken = Broken(r =>
        {
            Set(r, $"{Seller}/cbc:EndpointID", "0712345631");
            Set(r, $"{Seller}/cac:PartyLegalEntity/cbc:CompanyID", "0712345631");
        });

        Assert.Equal(["PEPPOL-COMMON-R043"], broken);
    }

    [Fact]
    public void BR_CO_09_VAT_identifiers_start_with_a_country_code()
    {
        Assert.Equal(["BR-CO-09"], Broken(r => Set(r, $"{Buyer}/cac:PartyTaxScheme/cbc:CompanyID", "0412345614")));
        Assert.Equal(["BR-CO-09"], Broken(r => Set(r, $"{Seller}/cac:PartyTaxScheme/cbc:CompanyID", "QQ0712345630")));
        Assert.Empty(Broken(r => Set(r, $"{Buyer}/cac:PartyTaxScheme/cbc:CompanyID", "EL123456789")));
    }

    [Fact]
    public void BR_CO_10_the_line_total_is_the_sum_of_the_lines()
    {
        Assert.Contains("BR-CO-10", Broken(r => Set(r, $"{Totals}/cbc:LineExtensionAmount", "121.76")));
    }

    [Fact]
    public void BR_CO_11_the_allowance_total_is_the_sum_of_document_allowances()
    {
        Assert.Contains("BR-CO-11", Broken(r => At(r, $"{Totals}/cbc:TaxExclusiveAmount").AddAfterSelf(new XElement(Cbc + "AllowanceTotalAmount", new XAttribute("currencyID", "EUR"), "5.00"))));
    }

    [Fact]
    public void BR_CO_12_the_charge_total_is_the_sum_of_document_charges()
    {
        Assert.Contains("BR-CO-12", Broken(r => At(r, $"{Totals}/cbc:TaxExclusiveAmount").AddAfterSelf(new XElement(Cbc + "ChargeTotalAmount", new XAttribute("currencyID", "EUR"), "5.00"))));
    }

    [Fact]
    public void BR_CO_13_the_total_without_VAT_is_lines_minus_allowances_plus_charges()
    {
        Assert.Contains("BR-CO-13", Broken(r => Set(r, $"{Totals}/cbc:TaxExclusiveAmount", "120.00")));
    }

    [Fact]
    public void BR_CO_14_the_VAT_total_is_the_sum_of_the_subtotals()
    {
        Assert.Contains("BR-CO-14", Broken(r => Set(r, "cac:TaxTotal/cbc:TaxAmount", "25.58")));
    }

    [Fact]
    public void BR_CO_15_total_with_vat_is_net_plus_vat()
    {
        Assert.Equal(["BR-CO-15"], Broken(r =>
        {
            Set(r, $"{Totals}/cbc:TaxInclusiveAmount", "147.33");
            Set(r, $"{Totals}/cbc:PayableAmount", "147.33");
        }));
    }

    [Fact]
    public void BR_CO_16_payable_is_total_minus_prepaid_plus_rounding()
    {
        Assert.Equal(["BR-CO-16"], Broken(r => Set(r, $"{Totals}/cbc:PayableAmount", "147.31")));
        Assert.Empty(Broken(r =>
        {
            At(r, $"{Totals}/cbc:TaxInclusiveAmount").AddAfterSelf(
                new XElement(Cbc + "PrepaidAmount", new XAttribute("currencyID", "EUR"), "100.00"),
                new XElement(Cbc + "PayableRoundingAmount", new XAttribute("currencyID", "EUR"), "-0.02"));
            Set(r, $"{Totals}/cbc:PayableAmount", "47.30");
        }));
    }

    [Fact]
    public void BR_CO_17_subtotal_VAT_is_taxable_times_rate_rounded_to_the_cent()
    {
        // A cent too much everywhere: every sum still adds up, only the VAT itself is wrong.
        var broken = Broken(r =>
        {
            Set(r, $"{Subtotal}/cbc:TaxAmount", "25.58");
            Set(r, "cac:TaxTotal/cbc:TaxAmount", "25.58");
            Set(r, $"{Totals}/cbc:TaxInclusiveAmount", "147.33");
            Set(r, $"{Totals}/cbc:PayableAmount", "147.33");
        });

        Assert.Equal(["BR-CO-17"], broken);
    }

    [Fact]
    public void BR_CO_18_at_least_one_VAT_breakdown()
    {
        Assert.Contains("BR-CO-18", Broken(r => At(r, Subtotal).Remove()));
    }

    [Theory]
    [InlineData($"{Totals}/cbc:LineExtensionAmount", "121.750", "BR-DEC-09")]
    [InlineData($"{Totals}/cbc:TaxExclusiveAmount", "121.750", "BR-DEC-12")]
    [InlineData($"{Totals}/cbc:TaxInclusiveAmount", "147.320", "BR-DEC-14")]
    [InlineData($"{Totals}/cbc:PayableAmount", "147.320", "BR-DEC-18")]
    [InlineData("cac:TaxTotal/cbc:TaxAmount", "25.570", "BR-DEC-13")]
    [InlineData($"{Subtotal}/cbc:TaxableAmount", "121.750", "BR-DEC-19")]
    [InlineData($"{Subtotal}/cbc:TaxAmount", "25.570", "BR-DEC-20")]
    [InlineData("cac:InvoiceLine/cbc:LineExtensionAmount", "60.000", "BR-DEC-23")]
    public void BR_DEC_amounts_have_at_most_two_decimals(string path, string value, string rule)
    {
        Assert.Equal([rule], Broken(r => Set(r, path, value)));
    }

    [Fact]
    public void BR_DEC_unit_prices_may_have_more_decimals()
    {
        Assert.Empty(Broken(r => Set(r, "cac:InvoiceLine/cac:Price/cbc:PriceAmount", "60.0001")));
    }

    [Fact]
    public void BR_S_01_standard_rated_lines_need_a_standard_rated_breakdown()
    {
        Assert.Contains("BR-S-01", Broken(r => Set(r, $"{Subtotal}/cac:TaxCategory/cbc:ID", "AE")));
    }

    [Fact]
    public void BR_S_02_standard_rated_lines_need_the_seller_VAT_identifier()
    {
        Assert.Equal(["BR-S-02"], Broken(r => At(r, $"{Seller}/cac:PartyTaxScheme").Remove()));
    }

    [Fact]
    public void BR_S_05_a_standard_rated_line_has_a_rate_above_zero()
    {
        Assert.Contains("BR-S-05", Broken(r => Set(r, "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "0")));
    }

    [Fact]
    public void BR_S_08_the_standard_rated_taxable_amount_is_the_sum_of_its_lines_per_rate()
    {
        Assert.Contains("BR-S-08", Broken(Mixed, r => Set(r, "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "21")));
    }

    [Fact]
    public void BR_S_09_the_standard_rated_VAT_is_the_taxable_amount_times_the_rate()
    {
        var broken = Broken(r =>
        {
            Set(r, $"{Subtotal}/cbc:TaxAmount", "35.57");
            Set(r, "cac:TaxTotal/cbc:TaxAmount", "35.57");
            Set(r, $"{Totals}/cbc:TaxInclusiveAmount", "157.32");
            Set(r, $"{Totals}/cbc:PayableAmount", "157.32");
        });

        Assert.Equal(["BR-CO-17", "BR-S-09"], broken.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BR_S_10_a_standard_rated_breakdown_has_no_exemption_reason()
    {
        Assert.Equal(["BR-S-10"], Broken(r => At(r, $"{Subtotal}/cac:TaxCategory/cbc:Percent").AddAfterSelf(new XElement(Cbc + "TaxExemptionReason", "Geen reden"))));
    }

    [Fact]
    public void BR_AE_01_reverse_charge_lines_need_exactly_one_AE_breakdown()
    {
        Assert.Contains("BR-AE-01", Broken(ReverseCharge, r => At(r, "cac:TaxTotal").Add(new XElement(At(r, Subtotal)))));
    }

    [Fact]
    public void BR_AE_02_reverse_charge_needs_the_seller_and_buyer_VAT_identifiers()
    {
        Assert.Equal(["BR-AE-02"], Broken(ReverseCharge, r => At(r, $"{Seller}/cac:PartyTaxScheme").Remove()));
        Assert.Equal(["BR-AE-02"], Broken(ReverseCharge, r =>
        {
            At(r, $"{Buyer}/cac:PartyTaxScheme").Remove();
            At(r, $"{Buyer}/cac:PartyLegalEntity/cbc:CompanyID").Remove();
        }));
    }

    [Fact]
    public void BR_AE_05_a_reverse_charge_line_is_at_zero_percent()
    {
        Assert.Equal(["BR-AE-05"], Broken(ReverseCharge, r => Set(r, "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "21")));
    }

    [Fact]
    public void BR_AE_08_the_reverse_charge_taxable_amount_is_the_sum_of_its_lines()
    {
        Assert.Equal(["BR-AE-08"], Broken(ReverseCharge, r => Set(r, $"{Subtotal}/cbc:TaxableAmount", "2000.00")));
    }

    [Fact]
    public void BR_AE_09_reverse_charge_VAT_is_zero()
    {
        Assert.Contains("BR-AE-09", Broken(ReverseCharge, r =>
        {
            Set(r, $"{Subtotal}/cbc:TaxAmount", "448.35");
            Set(r, "cac:TaxTotal/cbc:TaxAmount", "448.35");
        }));
    }

    [Fact]
    public void BR_AE_10_reverse_charge_gives_an_exemption_reason()
    {
        Assert.Equal(["BR-AE-10"], Broken(ReverseCharge, r =>
        {
            At(r, $"{Subtotal}/cac:TaxCategory/cbc:TaxExemptionReasonCode").Remove();
            At(r, $"{Subtotal}/cac:TaxCategory/cbc:TaxExemptionReason").Remove();
        }));
    }

    private static XElement LineOfCategory(XElement root, string category) =>
        root.Elements(Cac + "InvoiceLine").First(l => At(l, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID").Value == category);

    private static XElement SubtotalOfCategory(XElement root, string category) =>
        At(root, "cac:TaxTotal").Elements(Cac + "TaxSubtotal").First(s => At(s, "cac:TaxCategory/cbc:ID").Value == category);

    [Fact]
    public void BR_Z_01_zero_rated_lines_need_exactly_one_Z_breakdown()
    {
        Assert.Contains("BR-Z-01", Broken(ZeroAndExempt, r => SubtotalOfCategory(r, "Z").Remove()));
    }

    [Fact]
    public void BR_Z_05_a_zero_rated_line_is_at_zero_percent()
    {
        Assert.Equal(["BR-Z-05"], Broken(ZeroAndExempt, r => At(LineOfCategory(r, "Z"), "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent").Value = "6"));
    }

    [Fact]
    public void BR_Z_08_the_zero_rated_taxable_amount_is_the_sum_of_its_lines()
    {
        Assert.Equal(["BR-Z-08"], Broken(ZeroAndExempt, r => At(SubtotalOfCategory(r, "Z"), "cbc:TaxableAmount").Value = "11.00"));
    }

    [Fact]
    public void BR_Z_09_zero_rated_VAT_is_zero()
    {
        Assert.Contains("BR-Z-09", Broken(ZeroAndExempt, r => At(SubtotalOfCategory(r, "Z"), "cbc:TaxAmount").Value = "0.60"));
    }

    [Fact]
    public void BR_Z_10_a_zero_rated_breakdown_has_no_exemption_reason()
    {
        Assert.Equal(["BR-Z-10"], Broken(ZeroAndExempt, r => At(SubtotalOfCategory(r, "Z"), "cac:TaxCategory/cbc:Percent").AddAfterSelf(new XElement(Cbc + "TaxExemptionReasonCode", "VATEX-EU-132"))));
    }

    [Fact]
    public void BR_E_01_exempt_lines_need_exactly_one_E_breakdown()
    {
        Assert.Contains("BR-E-01", Broken(ZeroAndExempt, r => SubtotalOfCategory(r, "E").Remove()));
    }

    [Fact]
    public void BR_E_02_and_BR_Z_02_need_the_seller_VAT_identifier()
    {
        var broken = Broken(ZeroAndExempt, r => At(r, $"{Seller}/cac:PartyTaxScheme").Remove());

        Assert.Equal(["BR-E-02", "BR-S-02", "BR-Z-02"], broken.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BR_E_05_an_exempt_line_is_at_zero_percent()
    {
        Assert.Equal(["BR-E-05"], Broken(ZeroAndExempt, r => At(LineOfCategory(r, "E"), "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent").Value = "21"));
    }

    [Fact]
    public void BR_E_08_the_exempt_taxable_amount_is_the_sum_of_its_lines()
    {
        Assert.Equal(["BR-E-08"], Broken(ZeroAndExempt, r => At(SubtotalOfCategory(r, "E"), "cbc:TaxableAmount").Value = "79.00"));
    }

    [Fact]
    public void BR_E_09_exempt_VAT_is_zero()
    {
        Assert.Contains("BR-E-09", Broken(ZeroAndExempt, r => At(SubtotalOfCategory(r, "E"), "cbc:TaxAmount").Value = "16.80"));
    }

    [Fact]
    public void BR_E_10_an_exempt_breakdown_gives_its_exemption_reason()
    {
        Assert.Equal(["BR-E-10"], Broken(ZeroAndExempt, r =>
        {
            At(SubtotalOfCategory(r, "E"), "cac:TaxCategory/cbc:TaxExemptionReasonCode").Remove();
            At(SubtotalOfCategory(r, "E"), "cac:TaxCategory/cbc:TaxExemptionReason").Remove();
        }));
    }

    [Fact]
    public void BR_61_a_credit_transfer_names_the_account_to_pay_into()
    {
        Assert.Equal(["BR-61"], Broken(r => At(r, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID").Remove()));
    }

    [Fact]
    public void Credit_notes_are_checked_with_their_own_line_elements()
    {
        Assert.Equal(["PEPPOL-EN16931-R120"], Broken(CreditNote, r => Set(r, "cac:CreditNoteLine/cbc:CreditedQuantity", "3")));
    }

    [Fact]
    public void A_document_that_is_neither_an_invoice_nor_a_credit_note_is_refused_by_name()
    {
        var violation = Assert.Single(PeppolRules.Check(XDocument.Parse("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>")));

        Assert.Contains("Order", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_element_removed_or_garbled_gives_violations_never_an_exception()
    {
        var written = XDocument.Parse(PeppolUbl.ToText(ReverseCharge()));
        var count = written.Root!.Descendants().Count();

        Gen.Select(Gen.Int[0, count - 1], Gen.Bool).Sample((index, remove) =>
        {
            var xml = new XDocument(written);
            var element = xml.Root!.Descendants().ElementAt(index);
            if (remove)
            {
                element.Remove();
            }
            else if (!element.HasElements)
            {
                element.Value = "x1,5";
            }

            _ = PeppolRules.Check(xml);
        });
    }
}
