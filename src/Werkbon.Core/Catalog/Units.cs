using System.Globalization;

namespace Werkbon.Core.Catalog;

/// <summary>
/// What a person reads for a UN/ECE Recommendation 20 unit code, in the document's language ("u", "st.", "m").
/// Screens, documents and the field app print these words; only the UBL file carries the codes.
/// </summary>
public static class UnitWords
{
    public static string Of(string? code, Language language) => (code ?? "").Trim().ToUpperInvariant() switch
    {
        "C62" or "H87" or "EA" or "" => Pick(language, "st.", "pce", "pc"),
        "HUR" => Pick(language, "u", "h", "h"),
        "MIN" => "min",
        "DAY" => Pick(language, "dag", "jour", "day"),
        "KMT" => "km",
        "MTR" => "m",
        "MTK" => "m²",
        "MTQ" => "m³",
        "LTR" => "l",
        "KGM" => "kg",
        "SET" => Pick(language, "set", "jeu", "set"),
        "PR" => Pick(language, "paar", "paire", "pair"),
        "XBX" => Pick(language, "doos", "boîte", "box"),
        "XRO" => Pick(language, "rol", "rouleau", "roll"),
        "LS" => Pick(language, "forfait", "forfait", "lump sum"),
        var other => other.ToLowerInvariant(),
    };

    private static string Pick(Language language, string nl, string fr, string en) => language switch
    {
        Language.Nl => nl,
        Language.Fr => fr,
        _ => en,
    };
}

/// <summary>
/// The quantity a line is shown and sent with, so that quantity × unit price ÷ base quantity gives its amount
/// exactly. Time billed per hour in whole minutes reads as minutes at the hourly price ("50 min × 60,00 €/u
/// = 50,00 €"; in UBL 50 MIN at 60.00 per 60 MIN), never as a rounded number of hours (0,83 u × 60,00 €).
/// Every other line is its own quantity and unit, per 1.
/// </summary>
public readonly record struct LineQuantity(decimal Quantity, string UnitCode, decimal BaseQuantity)
{
    public const string Minutes = "MIN";

    /// <summary>How many minutes make the hour the price is given for.</summary>
    public const decimal MinutesPerHour = 60m;

    /// <summary>True when the unit price is per hour while the quantity counts minutes.</summary>
    public bool PricedPerHour => BaseQuantity == MinutesPerHour && UnitCode == Minutes;

    public static LineQuantity Of(decimal quantity, string unitCode)
    {
        if (unitCode == "HUR" && quantity != 0m)
        {
            // The engine writes minutes / 60 rounded to 4 decimals: whole minutes come back exactly.
            var minutes = Math.Round(quantity * MinutesPerHour, 0, MidpointRounding.AwayFromZero);
            if (Math.Round(minutes / MinutesPerHour, 4, MidpointRounding.AwayFromZero) == quantity || minutes / MinutesPerHour == quantity)
            {
                return new LineQuantity(minutes, Minutes, MinutesPerHour);
            }
        }

        return new LineQuantity(quantity, unitCode, 1m);
    }

    /// <summary>The line amount this quantity and price make, rounded to the cent.</summary>
    public decimal AmountAt(decimal unitPrice) => Money.Round(Quantity * unitPrice / BaseQuantity);

    /// <summary>"50 min", "1,5 m", "2 st." in the language, with its culture's decimal mark.</summary>
    public string Text(Language language) =>
        $"{Number(Quantity, language)} {UnitWords.Of(UnitCode, language)}";

    /// <summary>What follows a price that is not per <see cref="UnitCode"/>: "/u" for time in minutes at an hourly price, else nothing.</summary>
    public string PriceUnit(Language language) => PricedPerHour ? "/" + UnitWords.Of("HUR", language) : "";

    /// <summary>A quantity in the language: 1.5 (en), 1,5 (nl, fr); up to 4 decimals, no trailing zeros.</summary>
    public static string Number(decimal value, Language language) =>
        value.ToString("0.####", Cultures.Of(language));
}

/// <summary>The culture numbers and dates are written in for a language: nl-BE, fr-BE, and Belgian English with a decimal point.</summary>
public static class Cultures
{
    private static readonly CultureInfo English = BelgianEnglish();

    public static CultureInfo Of(Language language) => language switch
    {
        Language.Nl => CultureInfo.GetCultureInfo("nl-BE"),
        Language.Fr => CultureInfo.GetCultureInfo("fr-BE"),
        _ => English,
    };

    /// <summary>
    /// en-BE writes 59,3 as Belgium does; an English reader expects 59.3. Belgian dates and the euro stay,
    /// the numbers are British.
    /// </summary>
    private static CultureInfo BelgianEnglish()
    {
        var culture = new CultureInfo("en-BE");
        var numbers = (NumberFormatInfo)CultureInfo.GetCultureInfo("en-GB").NumberFormat.Clone();
        numbers.CurrencySymbol = "€";
        culture.NumberFormat = numbers;
        return CultureInfo.ReadOnly(culture);
    }
}
