using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Werkbon.Core.Parties;

namespace Werkbon.Core.Invoicing;

/// <summary>A business rule a UBL document breaks, named by the rule id of the official schematron.</summary>
public sealed record RuleViolation(string RuleId, string Message);

/// <summary>
/// Our own check of the EN 16931 and Peppol BIS Billing 3.0 rules that matter for Belgian service invoices,
/// on any UBL 2.1 Invoice or CreditNote: the totals add up (BR-CO-10..17), the VAT categories are coherent
/// (BR-S, BR-AE, BR-Z, BR-E), amounts have at most two decimals (BR-DEC), the Peppol envelope rules
/// (PEPPOL-EN16931-R001..R120), Belgian enterprise numbers (PEPPOL-COMMON-R043) and every code the writer
/// puts in a document against the official code lists (<see cref="PeppolCodeLists"/>: endpoint schemes, ICD
/// identifier schemes, units, VATEX, payment means, tax categories, currencies, countries, attachment types).
/// It is not the full schematron: it is what we can get wrong, checked before a document leaves.
/// </summary>
/// <remarks>
/// Stricter than the schematron on one point: BR-CO-17 requires each subtotal's VAT to be exactly its taxable
/// amount times its rate rounded to the cent, where the schematron tolerates a unit either way (which it
/// keeps for BR-S-09). A wrong enterprise number is reported once, however many elements carry it.
/// </remarks>
public static partial class PeppolRules
{
    public const string CustomizationId = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    public const string ProfileId = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    internal static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    internal static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    // ISO 3166-1 alpha-2 plus EL (Greece's VAT prefix) and XI (Northern Ireland), as BR-CO-09 allows.
    private static readonly HashSet<string> VatPrefixes = new(
        ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO "
        + "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM "
        + "JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
        + "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE "
        + "RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT "
        + "TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW").Split(' '),
        StringComparer.Ordinal);

    public static IReadOnlyList<RuleViolation> Check(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root ?? throw new ArgumentException("The document has no root element.", nameof(document));
        if (root.Name.LocalName is not ("Invoice" or "CreditNote"))
        {
            return [new RuleViolation("UBL", $"The root element is {root.Name.LocalName}, not a UBL Invoice or CreditNote.")];
        }

        return new Checker(root).Run();
    }

    [GeneratedRegex(@"^urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0$")]
    private static partial Regex ProfilePattern();

    [GeneratedRegex(@"^[01]\d{9}$")]
    private static partial Regex EnterpriseDigits();

    private sealed record Line(string Id, string Category, decimal? Percent, decimal? Quantity, decimal? Amount, decimal? Price, decimal? BaseQuantity, decimal Charges, decimal Allowances);

    private sealed record AllowanceCharge(bool IsCharge, decimal Amount, string Category, decimal? Percent);

    private sealed record Subtotal(string Category, decimal? Percent, decimal? Taxable, decimal? Tax, bool HasExemptionReason);

    private sealed class Checker(XElement root)
    {
        private readonly List<RuleViolation> violations = [];
        private readonly bool isCreditNote = root.Name.LocalName == "CreditNote";

        public List<RuleViolation> Run()
        {
            var lines = Lines();
            var charges = DocumentAllowanceCharges();
            var taxTotals = root.Elements(Cac + "TaxTotal").ToList();
            var mainTaxTotal = taxTotals.FirstOrDefault(t => t.Elements(Cac + "TaxSubtotal").Any()) ?? taxTotals.FirstOrDefault();
            var subtotals = (mainTaxTotal?.Elements(Cac + "TaxSubtotal") ?? []).Select(s => new Subtotal(
                Text(s.Element(Cac + "TaxCategory")?.Element(Cbc + "ID")),
                Number(s.Element(Cac + "TaxCategory")?.Element(Cbc + "Percent")),
                Number(s.Element(Cbc + "TaxableAmount")),
                Number(s.Element(Cbc + "TaxAmount")),
                Text(s.Element(Cac + "TaxCategory")?.Element(Cbc + "TaxExemptionReasonCode")).Length > 0
                    || Text(s.Element(Cac + "TaxCategory")?.Element(Cbc + "TaxExemptionReason")).Length > 0)).ToList();

            Envelope(taxTotals);
            Parties();
            EnterpriseNumbers();
            CodeLists();
            LineAmounts(lines);
            Totals(lines, charges, mainTaxTotal, subtotals);
            Categories(lines, charges, subtotals);
            Decimals();
            return violations;
        }

        private void Add(string rule, string message) => violations.Add(new RuleViolation(rule, message));

        private void Envelope(List<XElement> taxTotals)
        {
            if (!ProfilePattern().IsMatch(Text(root.Element(Cbc + "ProfileID"))))
            {
                Add("PEPPOL-EN16931-R001", $"Business process (cbc:ProfileID) must be given as urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0, not '{Text(root.Element(Cbc + "ProfileID"))}'.");
            }

            var notes = root.Elements(Cbc + "Note").Count();
            if (notes > 1)
            {
                Add("PEPPOL-EN16931-R002", $"At most one note (cbc:Note) is allowed at document level; there are {notes}.");
            }

            if (Text(root.Element(Cbc + "BuyerReference")).Length == 0 && Text(root.Element(Cac + "OrderReference")?.Element(Cbc + "ID")).Length == 0)
            {
                Add("PEPPOL-EN16931-R003", "A buyer reference (cbc:BuyerReference) or an order reference (cac:OrderReference/cbc:ID) must be given.");
            }

            if (!Text(root.Element(Cbc + "CustomizationID")).StartsWith(CustomizationId, StringComparison.Ordinal))
            {
                Add("PEPPOL-EN16931-R004", $"The specification identifier (cbc:CustomizationID) must be {CustomizationId}.");
            }

            foreach (var empty in root.DescendantsAndSelf().Where(e => !e.HasElements && string.IsNullOrWhiteSpace(e.Value)))
            {
                Add("PEPPOL-EN16931-R008", $"The document must not contain empty elements: {Path(empty)} is empty.");
            }

            var withSubtotals = taxTotals.Count(t => t.Elements(Cac + "TaxSubtotal").Any());
            if (withSubtotals != 1)
            {
                Add("PEPPOL-EN16931-R053", $"Exactly one tax total with tax subtotals must be given; there are {withSubtotals}.");
            }
        }

        private void Parties()
        {
            var seller = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party");
            var buyer = root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party");
            if (Text(seller?.Element(Cbc + "EndpointID")).Length == 0)
            {
                Add("PEPPOL-EN16931-R020", "The seller's electronic address (cbc:EndpointID) must be given.");
            }
            else if (seller?.Element(Cbc + "EndpointID")?.Attribute("schemeID") is null)
            {
                Add("BR-62", "The seller's electronic address must have a scheme identifier (schemeID).");
            }

            if (Text(buyer?.Element(Cbc + "EndpointID")).Length == 0)
            {
                Add("PEPPOL-EN16931-R010", "The buyer's electronic address (cbc:EndpointID) must be given.");
            }
            else if (buyer?.Element(Cbc + "EndpointID")?.Attribute("schemeID") is null)
            {
                Add("BR-63", "The buyer's electronic address must have a scheme identifier (schemeID).");
            }

            var taxRepresentative = root.Element(Cac + "TaxRepresentativeParty");
            foreach (var (party, who) in new[] { (seller, "seller"), (buyer, "buyer"), (taxRepresentative, "seller's tax representative") })
            {
                var vat = VatIdentifier(party);
                if (vat.Length > 0 && (vat.Length < 3 || !VatPrefixes.Contains(vat[..2])))
                {
                    Add("BR-CO-09", $"The {who}'s VAT identifier '{vat}' must start with its country's ISO 3166-1 alpha-2 code (EL for Greece).");
                }
            }

            foreach (var means in root.Elements(Cac + "PaymentMeans"))
            {
                var code = Text(means.Element(Cbc + "PaymentMeansCode"));
                if (code is "30" or "58" && Text(means.Element(Cac + "PayeeFinancialAccount")?.Element(Cbc + "ID")).Length == 0)
                {
                    Add("BR-61", $"Payment means {code} (credit transfer) needs the payee's account (cac:PayeeFinancialAccount/cbc:ID).");
                }
            }
        }

        private void EnterpriseNumbers()
        {
            var wrong = root.Descendants()
                .Where(e => (string?)e.Attribute("schemeID") == "0208")
                .Select(e => (Element: e, Value: e.Value.Trim()))
                .Where(x => !EnterpriseDigits().IsMatch(x.Value) || EnterpriseNumber.Normalize(x.Value) != x.Value)
                .GroupBy(x => x.Value, StringComparer.Ordinal);
            foreach (var number in wrong)
            {
                Add("PEPPOL-COMMON-R043", $"'{number.Key}' is not a Belgian enterprise number (ten digits starting with 0 or 1, the last two the first eight mod 97), in {string.Join(", ", number.Select(x => Path(x.Element)))}.");
            }
        }

        /// <summary>Each coded value against its official list, reported once per rule and value, naming where it stands.</summary>
        private void CodeLists()
        {
            var found = new List<(string Rule, string Value, XElement Element, string What)>();
            void Check(IEnumerable<XElement> elements, Func<XElement, string?> code, IReadOnlySet<string> list, string rule, string what)
            {
                foreach (var element in elements)
                {
                    if (code(element) is { } value && !list.Contains(value.Trim()))
                    {
                        found.Add((rule, value.Trim(), element, what));
                    }
                }
            }

            static string? Scheme(XElement e) => (string?)e.Attribute("schemeID");
            var all = root.Descendants().ToList();
            IEnumerable<XElement> Named(XNamespace ns, string name) => all.Where(e => e.Name == ns + name);
            IEnumerable<XElement> Under(string parent, string name) => Named(Cbc, name).Where(e => e.Parent?.Name == Cac + parent);

            Check(Named(Cbc, "EndpointID"), Scheme, PeppolCodeLists.Eas, "PEPPOL-EN16931-CL008", "electronic address scheme (EAS)");
            Check(Under("PartyIdentification", "ID"), Scheme, PeppolCodeLists.Icd, "BR-CL-10", "identifier scheme (ISO 6523 ICD)");
            Check(Under("PartyLegalEntity", "CompanyID"), Scheme, PeppolCodeLists.Icd, "BR-CL-11", "legal registration scheme (ISO 6523 ICD)");
            Check(Under("StandardItemIdentification", "ID"), Scheme, PeppolCodeLists.Icd, "BR-CL-21", "item identifier scheme (ISO 6523 ICD)");
            Check(Named(Cbc, "TaxExemptionReasonCode"), e => e.Value, PeppolCodeLists.Vatex, "BR-CL-22", "VAT exemption reason code (VATEX)");
            Check(
                all.Where(e => e.Name == Cbc + "InvoicedQuantity" || e.Name == Cbc + "CreditedQuantity" || e.Name == Cbc + "BaseQuantity"),
                e => (string?)e.Attribute("unitCode") ?? "",
                PeppolCodeLists.Units,
                "BR-CL-23",
                "unit (UN/ECE Rec 20/21)");
            Check(Named(Cbc, "PaymentMeansCode"), e => e.Value, PeppolCodeLists.PaymentMeans, "BR-CL-16", "payment means code (UNCL4461)");
            Check(Under("TaxCategory", "ID"), e => e.Value, PeppolCodeLists.TaxCategories, "BR-CL-17", "tax category (UNCL5305)");
            Check(Under("ClassifiedTaxCategory", "ID"), e => e.Value, PeppolCodeLists.TaxCategories, "BR-CL-18", "tax category (UNCL5305)");
            Check(Named(Cbc, "DocumentCurrencyCode"), e => e.Value, PeppolCodeLists.Currencies, "BR-CL-04", "currency (ISO 4217)");
            Check(all.Where(e => e.Attribute("currencyID") is not null), e => (string?)e.Attribute("currencyID"), PeppolCodeLists.Currencies, "BR-CL-03", "currency (ISO 4217)");
            Check(Under("Country", "IdentificationCode"), e => e.Value, PeppolCodeLists.Countries, "BR-CL-14", "country (ISO 3166-1 alpha-2)");
            Check(Named(Cbc, "EmbeddedDocumentBinaryObject"), e => (string?)e.Attribute("mimeCode") ?? "", PeppolCodeLists.MimeCodes, "PEPPOL-EN16931-CL001", "attachment type (MIME code)");

            foreach (var wrong in found.GroupBy(f => (f.Rule, f.Value)))
            {
                Add(wrong.Key.Rule, $"'{wrong.Key.Value}' is not a {wrong.First().What} of the official code list, in {string.Join(", ", wrong.Select(f => Path(f.Element)).Distinct(StringComparer.Ordinal))}.");
            }
        }

        private void LineAmounts(List<Line> lines)
        {
            foreach (var line in lines)
            {
                if (line is { Quantity: { } quantity, Amount: { } amount, Price: { } price })
                {
                    var baseQuantity = line.BaseQuantity is { } b && b != 0m ? b : 1m;
                    var expected = (quantity * price / baseQuantity) + line.Charges - line.Allowances;
                    if (Math.Abs(amount - expected) > 0.02m)
                    {
                        Add("PEPPOL-EN16931-R120", $"Line {line.Id}: the net amount {Show(amount)} must equal quantity × price + charges − allowances = {Show(expected)}.");
                    }
                }
            }
        }

        private void Totals(List<Line> lines, List<AllowanceCharge> charges, XElement? mainTaxTotal, List<Subtotal> subtotals)
        {
            var totals = root.Element(Cac + "LegalMonetaryTotal");
            decimal Total(string name) => Number(totals?.Element(Cbc + name)) ?? 0m;
            var lineTotal = Total("LineExtensionAmount");
            var allowanceTotal = Total("AllowanceTotalAmount");
            var chargeTotal = Total("ChargeTotalAmount");
            var taxExclusive = Total("TaxExclusiveAmount");
            var taxInclusive = Total("TaxInclusiveAmount");
            var taxTotal = Number(mainTaxTotal?.Element(Cbc + "TaxAmount")) ?? 0m;

            var sumOfLines = lines.Sum(l => l.Amount ?? 0m);
            if (lineTotal != sumOfLines)
            {
                Add("BR-CO-10", $"The sum of line net amounts must be the sum of the lines: {Show(lineTotal)} given, the lines add up to {Show(sumOfLines)}.");
            }

            var allowances = charges.Where(c => !c.IsCharge).Sum(c => c.Amount);
            if (allowanceTotal != allowances)
            {
                Add("BR-CO-11", $"The sum of allowances on document level must be {Show(allowances)}, not {Show(allowanceTotal)}.");
            }

            var chargeSum = charges.Where(c => c.IsCharge).Sum(c => c.Amount);
            if (chargeTotal != chargeSum)
            {
                Add("BR-CO-12", $"The sum of charges on document level must be {Show(chargeSum)}, not {Show(chargeTotal)}.");
            }

            if (taxExclusive != lineTotal - allowanceTotal + chargeTotal)
            {
                Add("BR-CO-13", $"The total without VAT must be the lines minus allowances plus charges = {Show(lineTotal - allowanceTotal + chargeTotal)}, not {Show(taxExclusive)}.");
            }

            var sumOfSubtotals = subtotals.Sum(s => s.Tax ?? 0m);
            if (taxTotal != sumOfSubtotals)
            {
                Add("BR-CO-14", $"The total VAT {Show(taxTotal)} must be the sum of the VAT subtotals, {Show(sumOfSubtotals)}.");
            }

            if (taxInclusive != taxExclusive + taxTotal)
            {
                Add("BR-CO-15", $"The total with VAT must be the total without VAT plus the VAT = {Show(taxExclusive + taxTotal)}, not {Show(taxInclusive)}.");
            }

            var payable = Total("PayableAmount");
            var expectedPayable = taxInclusive - Total("PrepaidAmount") + Total("PayableRoundingAmount");
            if (payable != expectedPayable)
            {
                Add("BR-CO-16", $"The amount due must be the total with VAT minus the prepaid amount plus rounding = {Show(expectedPayable)}, not {Show(payable)}.");
            }

            foreach (var subtotal in subtotals)
            {
                if (subtotal is { Taxable: { } taxable, Tax: { } tax, Percent: { } percent } && tax != Money.Percent(taxable, percent))
                {
                    Add("BR-CO-17", $"VAT {subtotal.Category} {Show(percent)} %: the VAT must be {Show(taxable)} × {Show(percent)} % rounded to the cent = {Show(Money.Percent(taxable, percent))}, not {Show(tax)}.");
                }
            }

            if (subtotals.Count == 0)
            {
                Add("BR-CO-18", "The document must have at least one VAT breakdown (cac:TaxSubtotal).");
            }
        }

        private void Categories(List<Line> lines, List<AllowanceCharge> charges, List<Subtotal> subtotals)
        {
            var seller = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party");
            var buyer = root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party");
            var sellerIdentified = VatIdentifier(seller).Length > 0
                || VatIdentifier(root.Element(Cac + "TaxRepresentativeParty")).Length > 0
                || (seller?.Elements(Cac + "PartyTaxScheme").Any(s => Text(s.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")) != "VAT" && Text(s.Element(Cbc + "CompanyID")).Length > 0) ?? false);
            var buyerIdentified = VatIdentifier(buyer).Length > 0
                || Text(buyer?.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "CompanyID")).Length > 0;

            Category("S", "BR-S", lines, charges, subtotals, sellerIdentified, buyerIdentified);
            Category("AE", "BR-AE", lines, charges, subtotals, sellerIdentified, buyerIdentified);
            Category("Z", "BR-Z", lines, charges, subtotals, sellerIdentified, buyerIdentified);
            Category("E", "BR-E", lines, charges, subtotals, sellerIdentified, buyerIdentified);
        }

        // The EN 16931 rules are numbered alike for each category: 01 breakdown present, 02 VAT ids,
        // 05..07 rate of lines, allowances and charges, 08 taxable amount, 09 VAT amount, 10 exemption reason.
        private void Category(string code, string rule, List<Line> lines, List<AllowanceCharge> charges, List<Subtotal> subtotals, bool sellerIdentified, bool buyerIdentified)
        {
            var standard = code == "S";
            var ofCategory = subtotals.Where(s => s.Category == code).ToList();
            var categoryLines = lines.Where(l => l.Category == code).ToList();
            var categoryCharges = charges.Where(c => c.Category == code).ToList();
            var used = categoryLines.Count > 0 || categoryCharges.Count > 0;
            if (used && (standard ? ofCategory.Count == 0 : ofCategory.Count != 1))
            {
                Add($"{rule}-01", standard
                    ? "A document with standard rated (S) lines, allowances or charges must have at least one S VAT breakdown."
                    : $"A document with {code} lines, allowances or charges must have exactly one {code} VAT breakdown; it has {ofCategory.Count}.");
            }

            if (categoryLines.Count > 0 && !sellerIdentified)
            {
                Add($"{rule}-02", $"A document with {code} lines must carry the seller's VAT identifier (or tax registration or tax representative).");
            }

            if (code == "AE" && categoryLines.Count > 0 && !buyerIdentified)
            {
                Add($"{rule}-02", "A reverse charge (AE) document must carry the buyer's VAT identifier or legal registration identifier.");
            }

            foreach (var line in categoryLines)
            {
                if (standard ? line.Percent is not > 0m : line.Percent != 0m)
                {
                    Add($"{rule}-05", $"Line {line.Id} is {code}: its VAT rate must be {(standard ? "above 0" : "0")}, not {(line.Percent is { } p ? Show(p) : "missing")}.");
                }
            }

            foreach (var charge in categoryCharges)
            {
                if (standard ? charge.Percent is not > 0m : charge.Percent != 0m)
                {
                    Add($"{rule}-{(charge.IsCharge ? "07" : "06")}", $"A document-level {(charge.IsCharge ? "charge" : "allowance")} in {code} must have a VAT rate {(standard ? "above 0" : "of 0")}.");
                }
            }

            foreach (var subtotal in ofCategory)
            {
                // S is broken down per rate; the 0 % categories have a single breakdown.
                var taxable = categoryLines.Where(l => !standard || l.Percent == subtotal.Percent).Sum(l => l.Amount ?? 0m)
                    + categoryCharges.Where(c => !standard || c.Percent == subtotal.Percent).Sum(c => c.IsCharge ? c.Amount : -c.Amount);

                if (subtotal.Taxable != taxable)
                {
                    Add($"{rule}-08", $"VAT {code}{(standard ? $" {Show(subtotal.Percent ?? 0m)} %" : "")}: the taxable amount must be the sum of its lines plus charges minus allowances = {Show(taxable)}, not {Show(subtotal.Taxable ?? 0m)}.");
                }

                if (standard)
                {
                    if (subtotal is { Taxable: { } t, Tax: { } tax, Percent: { } percent } && Math.Abs(Math.Abs(tax) - Math.Round(Math.Abs(t) * percent / 100m, 2)) >= 1m)
                    {
                        Add($"{rule}-09", $"VAT S {Show(percent)} %: the VAT {Show(tax)} is not the taxable amount {Show(t)} times the rate.");
                    }
                }
                else if (subtotal.Tax != 0m)
                {
                    Add($"{rule}-09", $"VAT {code}: the VAT amount must be 0, not {Show(subtotal.Tax ?? 0m)}.");
                }

                if (code is "AE" or "E" && !subtotal.HasExemptionReason)
                {
                    Add($"{rule}-10", $"VAT {code}: the breakdown must give an exemption reason code or text ({(code == "AE" ? "VATEX-EU-AE" : "a VATEX code")}).");
                }
                else if (code is "S" or "Z" && subtotal.HasExemptionReason)
                {
                    Add($"{rule}-10", $"VAT {code}: the breakdown must not give an exemption reason.");
                }
            }
        }

        private void Decimals()
        {
            var totals = root.Element(Cac + "LegalMonetaryTotal");
            Check(totals?.Element(Cbc + "LineExtensionAmount"), "BR-DEC-09");
            Check(totals?.Element(Cbc + "AllowanceTotalAmount"), "BR-DEC-10");
            Check(totals?.Element(Cbc + "ChargeTotalAmount"), "BR-DEC-11");
            Check(totals?.Element(Cbc + "TaxExclusiveAmount"), "BR-DEC-12");
            Check(totals?.Element(Cbc + "TaxInclusiveAmount"), "BR-DEC-14");
            Check(totals?.Element(Cbc + "PrepaidAmount"), "BR-DEC-16");
            Check(totals?.Element(Cbc + "PayableRoundingAmount"), "BR-DEC-17");
            Check(totals?.Element(Cbc + "PayableAmount"), "BR-DEC-18");
            var currency = Text(root.Element(Cbc + "DocumentCurrencyCode"));
            foreach (var taxTotal in root.Elements(Cac + "TaxTotal"))
            {
                var amount = taxTotal.Element(Cbc + "TaxAmount");
                Check(amount, (string?)amount?.Attribute("currencyID") is { } c && c != currency ? "BR-DEC-15" : "BR-DEC-13");
                foreach (var subtotal in taxTotal.Elements(Cac + "TaxSubtotal"))
                {
                    Check(subtotal.Element(Cbc + "TaxableAmount"), "BR-DEC-19");
                    Check(subtotal.Element(Cbc + "TaxAmount"), "BR-DEC-20");
                }
            }

            foreach (var charge in root.Elements(Cac + "AllowanceCharge"))
            {
                var isCharge = Text(charge.Element(Cbc + "ChargeIndicator")) == "true";
                Check(charge.Element(Cbc + "Amount"), isCharge ? "BR-DEC-05" : "BR-DEC-01");
                Check(charge.Element(Cbc + "BaseAmount"), isCharge ? "BR-DEC-06" : "BR-DEC-02");
            }

            foreach (var line in LineElements())
            {
                Check(line.Element(Cbc + "LineExtensionAmount"), "BR-DEC-23");
                foreach (var charge in line.Elements(Cac + "AllowanceCharge"))
                {
                    var isCharge = Text(charge.Element(Cbc + "ChargeIndicator")) == "true";
                    Check(charge.Element(Cbc + "Amount"), isCharge ? "BR-DEC-27" : "BR-DEC-24");
                    Check(charge.Element(Cbc + "BaseAmount"), isCharge ? "BR-DEC-28" : "BR-DEC-25");
                }
            }

            void Check(XElement? amount, string rule)
            {
                var text = amount?.Value.Trim() ?? "";
                var point = text.IndexOf('.', StringComparison.Ordinal);
                if (point >= 0 && text.Length - point - 1 > 2)
                {
                    Add(rule, $"{Path(amount!)} = {text}: amounts may have at most two decimals.");
                }
            }
        }

        private IEnumerable<XElement> LineElements() => root.Elements(Cac + (isCreditNote ? "CreditNoteLine" : "InvoiceLine"));

        private List<Line> Lines() => [.. LineElements().Select(line =>
        {
            var category = line.Element(Cac + "Item")?.Element(Cac + "ClassifiedTaxCategory");
            var price = line.Element(Cac + "Price");
            var lineCharges = line.Elements(Cac + "AllowanceCharge").ToList();
            return new Line(
                Text(line.Element(Cbc + "ID")),
                Text(category?.Element(Cbc + "ID")),
                Number(category?.Element(Cbc + "Percent")),
                Number(line.Element(Cbc + (isCreditNote ? "CreditedQuantity" : "InvoicedQuantity"))),
                Number(line.Element(Cbc + "LineExtensionAmount")),
                Number(price?.Element(Cbc + "PriceAmount")),
                Number(price?.Element(Cbc + "BaseQuantity")),
                lineCharges.Where(c => Text(c.Element(Cbc + "ChargeIndicator")) == "true").Sum(c => Number(c.Element(Cbc + "Amount")) ?? 0m),
                lineCharges.Where(c => Text(c.Element(Cbc + "ChargeIndicator")) != "true").Sum(c => Number(c.Element(Cbc + "Amount")) ?? 0m));
        })];

        private List<AllowanceCharge> DocumentAllowanceCharges() => [.. root.Elements(Cac + "AllowanceCharge").Select(c => new AllowanceCharge(
            Text(c.Element(Cbc + "ChargeIndicator")) == "true",
            Number(c.Element(Cbc + "Amount")) ?? 0m,
            Text(c.Element(Cac + "TaxCategory")?.Element(Cbc + "ID")),
            Number(c.Element(Cac + "TaxCategory")?.Element(Cbc + "Percent"))))];

        private static string VatIdentifier(XElement? party) =>
            Text(party?.Elements(Cac + "PartyTaxScheme")
                .FirstOrDefault(s => Text(s.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")) == "VAT")?
                .Element(Cbc + "CompanyID"));
    }

    private static string Text(XElement? element) => element?.Value.Trim() ?? "";

    private static decimal? Number(XElement? element) =>
        decimal.TryParse(Text(element), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Show(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Path(XElement element)
    {
        var parts = element.AncestorsAndSelf().Reverse().Skip(1).Select(e => (e.Name.Namespace == Cac ? "cac:" : e.Name.Namespace == Cbc ? "cbc:" : "") + e.Name.LocalName);
        return string.Join('/', parts) is { Length: > 0 } path ? path : element.Name.LocalName;
    }
}
