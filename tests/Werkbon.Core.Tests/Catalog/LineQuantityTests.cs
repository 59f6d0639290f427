using System.Xml.Linq;
using Werkbon.Core.Catalog;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Tests.Invoicing;
using static Werkbon.Core.Tests.Invoicing.InvoiceSamples;

namespace Werkbon.Core.Tests.Catalog;

/// <summary>What a customer reads on a line: words for units, and a quantity that multiplies out to the amount.</summary>
public class LineQuantityTests
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static TheoryData<string, Language> EveryUnitInEveryLanguage()
    {
        var data = new TheoryData<string, Language>();
        foreach (var code in UnitCodes.Common)
        {
            foreach (var language in new[] { Language.Nl, Language.Fr, Language.En })
            {
                data.Add(code, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryUnitInEveryLanguage))]
    public void Every_catalog_unit_reads_as_a_word_never_as_its_code(string code, Language language)
    {
        var word = UnitWords.Of(code, language);

        Assert.False(string.IsNullOrWhiteSpace(word));
        Assert.DoesNotContain(code, word, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_read_in_the_customers_language()
    {
        Assert.Equal(["u", "st.", "m", "km"], new[] { "HUR", "C62", "MTR", "KMT" }.Select(c => UnitWords.Of(c, Language.Nl)));
        Assert.Equal(["h", "pce", "m", "km"], new[] { "HUR", "C62", "MTR", "KMT" }.Select(c => UnitWords.Of(c, Language.Fr)));
        Assert.Equal(["h", "pc", "m", "km"], new[] { "HUR", "C62", "MTR", "KMT" }.Select(c => UnitWords.Of(c, Language.En)));
    }

    [Fact]
    public void Every_whole_number_of_minutes_at_any_hourly_price_multiplies_out_to_the_engines_amount()
    {
        decimal[] rates = [55m, 60m, 72m, 82.5m, 90m, 108m, 144m, 57.37m];
        for (var minutes = 1; minutes <= 24 * 60; minutes++)
        {
            var hours = Math.Round(minutes / 60m, 4); // as the engine writes the quantity
            var billed = LineQuantity.Of(hours, "HUR");

            Assert.Equal(new LineQuantity(minutes, "MIN", 60m), billed);
            foreach (var rate in rates)
            {
                Assert.Equal(Money.Round(minutes * rate / 60m), billed.AmountAt(rate));
            }
        }
    }

    [Fact]
    public void Fifty_minutes_read_as_minutes_at_the_hourly_price_not_as_a_rounded_hour()
    {
        var billed = LineQuantity.Of(0.8333m, "HUR");

        Assert.Equal("50 min", billed.Text(Language.Nl));
        Assert.Equal("/u", billed.PriceUnit(Language.Nl));
        Assert.Equal("/h", billed.PriceUnit(Language.En));
        Assert.Equal(50.00m, billed.AmountAt(60m));
    }

    [Fact]
    public void Other_lines_keep_their_own_quantity_and_unit()
    {
        Assert.Equal(new LineQuantity(2.5m, "MTR", 1m), LineQuantity.Of(2.5m, "MTR"));
        Assert.Equal(new LineQuantity(0.1234m, "HUR", 1m), LineQuantity.Of(0.1234m, "HUR"));
        Assert.Equal("", LineQuantity.Of(2m, "C62").PriceUnit(Language.Nl));
        Assert.Equal("2 st.", LineQuantity.Of(2m, "C62").Text(Language.Nl));
    }

    [Fact]
    public void English_numbers_have_a_decimal_point_dutch_and_french_a_comma()
    {
        Assert.Equal("59.3", LineQuantity.Number(59.3m, Language.En));
        Assert.Equal("59,3", LineQuantity.Number(59.3m, Language.Nl));
        Assert.Equal("59,3", LineQuantity.Number(59.3m, Language.Fr));
        Assert.Equal("1,234.50", 1234.5m.ToString("N2", Cultures.Of(Language.En)));
        Assert.Contains("€", 12m.ToString("C", Cultures.Of(Language.En)), StringComparison.Ordinal);
        Assert.Equal("31/12/2026", new DateOnly(2026, 12, 31).ToString("d", Cultures.Of(Language.En)));
    }

    [Fact]
    public void A_labour_line_goes_to_UBL_as_minutes_at_the_hourly_price_per_60_minutes_and_breaks_no_rule()
    {
        // 50 evening minutes at 90.00/h: 75.00; 0.8333 h × 90 would be 74.997.
        var document = Document(
        [
            Line("Werkuren technieker, avond", 0.8333m, "HUR", 90m, 21m) with { Amount = 75.00m, Kind = LineKind.Labour },
            Line("Werkuren technieker, normaal", 0.1167m, "HUR", 82.5m, 21m) with { Amount = 9.63m, Kind = LineKind.Labour },
            Line("Flexibele slang", 2m, "C62", 8.40m, 21m),
        ]);

        var xml = XDocument.Load(new MemoryStream(PeppolUbl.ToUtf8Bytes(document)));

        var lines = xml.Root!.Elements(Cac + "InvoiceLine").ToList();
        var quantity = lines[0].Element(Cbc + "InvoicedQuantity")!;
        Assert.Equal(("MIN", "50"), (quantity.Attribute("unitCode")!.Value, quantity.Value));
        var price = lines[0].Element(Cac + "Price")!;
        Assert.Equal("90.00", price.Element(Cbc + "PriceAmount")!.Value);
        Assert.Equal(("MIN", "60"), (price.Element(Cbc + "BaseQuantity")!.Attribute("unitCode")!.Value, price.Element(Cbc + "BaseQuantity")!.Value));
        Assert.Equal("7", lines[1].Element(Cbc + "InvoicedQuantity")!.Value);
        Assert.Equal("C62", lines[2].Element(Cbc + "InvoicedQuantity")!.Attribute("unitCode")!.Value);
        Assert.Null(lines[2].Element(Cac + "Price")!.Element(Cbc + "BaseQuantity"));
        Assert.Empty(PeppolFiles.XsdErrors(xml));
        Assert.Empty(PeppolRules.Check(xml));
    }
}
