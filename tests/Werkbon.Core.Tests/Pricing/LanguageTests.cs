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

        Assert.Equal("Werkuren technician, avond", priced.Lines[1].Description);
        Assert.Equal("50 min, do 17:00–17:50, avond +50 %, technician 60,00/u (tariefkaart)", priced.Lines[1].Explanation);
        Assert.Equal("Verplaatsing", priced.Lines[2].Description);
        Assert.Equal("Flexibele slang 1/2\"", priced.Lines[3].Description);
        Assert.Equal("1 × HOSE-12 (werkbon): lijstprijs 8,40 (catalogus)", priced.Lines[3].Explanation);
    }

    [Fact]
    public void French_customers_read_french_descriptions_and_explanations()
    {
        var priced = PriceIn(Language.Fr);

        Assert.Equal("Main-d'œuvre technician, soirée", priced.Lines[1].Description);
        Assert.Equal("50 min, jeu. 17:00–17:50, soirée +50 %, technician 60,00/h (grille tarifaire)", priced.Lines[1].Explanation);
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
