using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Documents in the customer's language, warnings in the office's.</summary>
public class LanguageTests
{
    private static PricedReport PriceIn(Language language, Language? office = null) =>
        PricingEngine.Price(new PricingRequest(
            Report("2026-03-12", 22m, [Work("2026-03-12", "16:20", "17:50")], Uses("HOSE-12", 1)),
            RateCardTerms,
            Articles,
            Belgium,
            PrivateCustomer)
        {
            Language = language,
            OfficeLanguage = office,
        });

    [Fact]
    public void Dutch_customers_read_dutch_descriptions_and_explanations()
    {
        var priced = PriceIn(Language.Nl);

        Assert.Equal("Werkuren technieker, avond", priced.Lines[1].Description);
        Assert.Equal("50 min, do 17:00–17:50, avond +50 %, technieker 60,00/u (tariefkaart)", priced.Lines[1].Explanation);
        Assert.Equal("Verplaatsing", priced.Lines[2].Description);
        Assert.Equal("Flexibele slang 1/2\"", priced.Lines[3].Description);
        Assert.Equal("1 × HOSE-12 (werkbon): lijstprijs 8,40 (catalogus)", priced.Lines[3].Explanation);
    }

    [Fact]
    public void French_customers_read_french_descriptions_and_explanations()
    {
        var priced = PriceIn(Language.Fr);

        Assert.Equal("Main-d'œuvre technicien, soirée", priced.Lines[1].Description);
        Assert.Equal("50 min, jeu. 17:00–17:50, soirée +50 %, technicien 60,00/h (grille tarifaire)", priced.Lines[1].Explanation);
        Assert.Equal("Déplacement", priced.Lines[2].Description);
        Assert.Equal("Flexible 1/2\"", priced.Lines[3].Description);
    }

    [Fact]
    public void German_customers_read_english_texts_until_german_ones_exist()
    {
        var priced = PriceIn(Language.De);

        Assert.Equal("Labour technician, evening", priced.Lines[1].Description);
        Assert.Equal("Travel", priced.Lines[2].Description);
        Assert.Equal("Flexible hose 1/2\"", priced.Lines[3].Description);
    }

    [Fact]
    public void A_technician_class_reads_in_the_customers_language_and_a_class_of_the_company_keeps_its_own_name()
    {
        var card = RateCard.BelgianDefaults() with { HourlyRates = new Dictionary<string, decimal> { ["technician"] = 60m, ["Koeltechnieker"] = 70m } };
        var named = card with { ClassNames = new Dictionary<string, LocalizedText> { ["Koeltechnieker"] = new("refrigeration technician", "koeltechnieker", "frigoriste") } };

        Assert.Equal("technieker", card.ToTerms(WallClock.Brussels.Zone).ClassName("technician", Language.Nl));
        Assert.Equal("technicien senior", card.ToTerms(WallClock.Brussels.Zone).ClassName("Senior", Language.Fr));
        Assert.Equal("Koeltechnieker", card.ToTerms(WallClock.Brussels.Zone).ClassName("Koeltechnieker", Language.Fr));
        Assert.Equal("frigoriste", named.ToTerms(WallClock.Brussels.Zone).ClassName("koeltechnieker", Language.Fr));
        Assert.DoesNotContain("technician", PriceIn(Language.Nl).Lines[1].Description + PriceIn(Language.Nl).Lines[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_reads_in_each_readers_language_whatever_language_it_was_written_in()
    {
        var extras = PricingEngine.Price(new PricingRequest(
            Report("2026-03-10", 12m, [Work("2026-03-10", "09:00", "10:00")], Uses("HOSE-12", 1, extra: true)),
            RateCardTerms,
            Articles,
            Belgium,
            PrivateCustomer)
        {
            Language = Language.En,
            OfficeLanguage = Language.En,
        });

        var warning = Assert.Single(extras.Warnings, w => w.Kind == WarningKind.Extras);
        Assert.Equal("1 extra(s) asked on site.", warning.Message);
        Assert.Equal("1 extra('s) ter plaatse gevraagd.", warning.In(Language.Nl));
        Assert.Equal("1 supplément(s) demandé(s) sur place.", warning.In(Language.Fr));
        Assert.Equal("1 extra(s) asked on site.", warning.In(Language.En));
    }

    [Fact]
    public void Warnings_are_written_in_the_office_language()
    {
        var priced = PriceIn(Language.Fr, office: Language.Nl);

        Assert.Equal("50 min aan avond +50 %.", Assert.Single(priced.Warnings).Message);
    }

    [Theory]
    [InlineData("nl", Language.Nl)]
    [InlineData("fr-BE", Language.Fr)]
    [InlineData("DE", Language.De)]
    [InlineData("es", Language.En)]
    [InlineData(null, Language.En)]
    public void Language_codes_are_read_leniently(string? code, Language expected) =>
        Assert.Equal(expected, Languages.FromCode(code));
}
