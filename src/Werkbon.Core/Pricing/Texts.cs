using System.Globalization;

namespace Werkbon.Core.Pricing;

/// <summary>
/// Every word the engine writes, in English, Dutch and French (German reads English). Kept here, not
/// in resources, so the field app prices offline with the same texts and no satellite assemblies; numbers
/// and times are formatted invariantly by hand for the same reason (WebAssembly may lack culture data).
/// Each text is a switch, so only the language asked for is formatted.
/// </summary>
internal static class Texts
{
    private static readonly string[] DaysEn = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] DaysNl = ["zo", "ma", "di", "wo", "do", "vr", "za"];
    private static readonly string[] DaysFr = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."];

    public static string Money(decimal value, Language l) => Local(value.ToString("0.00", CultureInfo.InvariantCulture), l);

    public static string Number(decimal value, Language l) => Local(value.ToString("0.####", CultureInfo.InvariantCulture), l);

    private static string Local(string invariant, Language l) => l is Language.Nl or Language.Fr ? invariant.Replace('.', ',') : invariant;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period(DateTimeOffset start, DateTimeOffset end) =>
        string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm}");

    public static string Day(Language l, DayOfWeek day) => (l switch
    {
        Language.Nl => DaysNl,
        Language.Fr => DaysFr,
        _ => DaysEn,
    })[(int)day];

    public static string Source(Language l, string? contract) => (l, contract) switch
    {
        (Language.Nl, null) => "tariefkaart",
        (Language.Fr, null) => "grille tarifaire",
        (_, null) => "rate card",
        (Language.Fr, _) => $"contrat {contract}",
        _ => $"contract {contract}",
    };

    public static string Catalog(Language l) => l switch { Language.Nl => "catalogus", Language.Fr => "catalogue", _ => "catalog" };

    public static string Report(Language l) => l switch { Language.Nl => "werkbon", Language.Fr => "bon de travail", _ => "report" };

    public static string Extra(Language l) => l switch { Language.Nl => "ter plaatse gevraagd", Language.Fr => "demandé sur place", _ => "asked on site" };

    // Labour and travel time
    public static string Labour(Language l, string technicianClass, string band) => l switch
    {
        Language.Nl => $"Werkuren {technicianClass}, {band}",
        Language.Fr => $"Main-d'œuvre {technicianClass}, {band}",
        _ => $"Labour {technicianClass}, {band}",
    };

    public static string BaseRate(Language l) => l switch { Language.Nl => "basistarief", Language.Fr => "tarif de base", _ => "base rate" };

    public static string TravelTime(Language l, string technicianClass) => l switch
    {
        Language.Nl => $"Verplaatsingstijd {technicianClass}",
        Language.Fr => $"Temps de déplacement {technicianClass}",
        _ => $"Travel time {technicianClass}",
    };

    public static string TravelTimeRule(Language l, string source) => l switch
    {
        Language.Nl => $"verplaatsingstijd aan normaal tarief ({source})",
        Language.Fr => $"temps de déplacement au tarif normal ({source})",
        _ => $"travel time at the normal rate ({source})",
    };

    public static string PerHour(Language l) => l == Language.Nl ? "/u" : "/h";

    public static string Added(Language l, int added, int minimum, int rounding, string source)
    {
        var minimumRule = minimum > 0 ? $"minimum {minimum} min, " : "";
        var roundingRule = rounding <= 0 ? "" : l switch
        {
            Language.Nl => $"afgerond per {rounding} min, ",
            Language.Fr => $"arrondi par {rounding} min, ",
            _ => $"rounded up to {rounding} min, ",
        };
        return $"+{added} min ({minimumRule}{roundingRule}{source})";
    }

    public static string CoverWarranty(Language l, DateOnly until) => l switch
    {
        Language.Nl => $"garantie tot {Date(until)}",
        Language.Fr => $"garantie jusqu'au {Date(until)}",
        _ => $"warranty until {Date(until)}",
    };

    public static string CoverFixedPrice(Language l) => l switch
    {
        Language.Nl => "inbegrepen in de vaste prijs",
        Language.Fr => "compris dans le forfait",
        _ => "included in the fixed-price task",
    };

    public static string CoverIncluded(Language l, string source) => l switch
    {
        Language.Nl => $"inbegrepen uren ({source})",
        Language.Fr => $"heures incluses ({source})",
        _ => $"included hours ({source})",
    };

    // Travel
    public static string Travel(Language l) => l switch { Language.Nl => "Verplaatsing", Language.Fr => "Déplacement", _ => "Travel" };

    public static string TravelBeyond(Language l, decimal km) => l switch
    {
        Language.Nl => $"Verplaatsing boven {Number(km, l)} km",
        Language.Fr => $"Déplacement au-delà de {Number(km, l)} km",
        _ => $"Travel beyond {Number(km, l)} km",
    };

    public static string Zone(Language l, decimal upToKm) => l switch
    {
        Language.Nl => $"zone tot {Number(upToKm, l)} km",
        Language.Fr => $"zone jusqu'à {Number(upToKm, l)} km",
        _ => $"zone up to {Number(upToKm, l)} km",
    };

    public static string PerKm(Language l, decimal price) => $"{Money(price, l)}/km";

    public static string Flat(Language l) => l is Language.Nl or Language.Fr ? "forfait" : "flat fee";

    public static string TravelIncluded(Language l) => l switch
    {
        Language.Nl => "verplaatsing inbegrepen",
        Language.Fr => "déplacement compris",
        _ => "travel included",
    };

    public static string DistanceRecorded(Language l, decimal km) => l switch
    {
        Language.Nl => $"{Number(km, l)} km enkele rit (werkbon)",
        Language.Fr => $"{Number(km, l)} km aller (bon de travail)",
        _ => $"{Number(km, l)} km one way (report)",
    };

    public static string DistanceOfSite(Language l, decimal km) => l switch
    {
        Language.Nl => $"{Number(km, l)} km van vestiging tot werf",
        Language.Fr => $"{Number(km, l)} km du siège au chantier",
        _ => $"{Number(km, l)} km from base to site",
    };

    public static string NoDistance(Language l) => l switch
    {
        Language.Nl => "geen afstand opgegeven",
        Language.Fr => "aucune distance indiquée",
        _ => "no distance recorded",
    };

    // Materials
    public static string ListPrice(Language l, decimal price) => l switch
    {
        Language.Nl => $"lijstprijs {Money(price, l)}",
        Language.Fr => $"prix catalogue {Money(price, l)}",
        _ => $"list price {Money(price, l)}",
    };

    public static string CategoryCovered(Language l, string category, string source) => l switch
    {
        Language.Nl => $"categorie {category} gedekt ({source})",
        Language.Fr => $"catégorie {category} couverte ({source})",
        _ => $"category {category} covered ({source})",
    };

    public static string PriceGiven(Language l, decimal price) => l switch
    {
        Language.Nl => $"prijs ter plaatse opgegeven {Money(price, l)}",
        Language.Fr => $"prix indiqué sur place {Money(price, l)}",
        _ => $"price given on site {Money(price, l)}",
    };

    public static string FixedPrice(Language l, decimal price, int minutes, bool travel, string source) => l switch
    {
        Language.Nl => $"vaste prijs {Money(price, l)} incl. {minutes} min arbeid{(travel ? " en verplaatsing" : "")} ({source})",
        Language.Fr => $"forfait {Money(price, l)} incl. {minutes} min de main-d'œuvre{(travel ? " et déplacement" : "")} ({source})",
        _ => $"fixed price {Money(price, l)} incl. {minutes} min labour{(travel ? " and travel" : "")} ({source})",
    };

    public static string UnknownArticle(Language l, string code) => l switch
    {
        Language.Nl => $"onbekend artikel {code}, aan 0,00",
        Language.Fr => $"article inconnu {code}, à 0,00",
        _ => $"unknown article {code}, priced at 0.00",
    };

    // Warnings, in the office's language
    public static string WarnUnknownArticle(Language l, string code, decimal price) => l switch
    {
        Language.Nl => $"Onbekend artikel {code}: geprijsd aan {Money(price, l)}.",
        Language.Fr => $"Article inconnu {code} : prix {Money(price, l)}.",
        _ => $"Unknown article {code}: priced at {Money(price, l)}.",
    };

    public static string WarnPriceOverride(Language l, string code, decimal price) => l switch
    {
        Language.Nl => $"Prijs van {code} ter plaatse gewijzigd naar {Money(price, l)}.",
        Language.Fr => $"Prix de {code} modifié sur place à {Money(price, l)}.",
        _ => $"Price of {code} changed on site to {Money(price, l)}.",
    };

    public static string WarnExtras(Language l, int count) => l switch
    {
        Language.Nl => $"{count} extra('s) ter plaatse gevraagd.",
        Language.Fr => $"{count} supplément(s) demandé(s) sur place.",
        _ => $"{count} extra(s) asked on site.",
    };

    public static string WarnSurcharged(Language l, int minutes, string band, decimal surcharge) => l switch
    {
        Language.Nl => $"{minutes} min aan {band} +{Number(surcharge, l)} %.",
        Language.Fr => $"{minutes} min en {band} +{Number(surcharge, l)} %.",
        _ => $"{minutes} min at {band} +{Number(surcharge, l)} %.",
    };

    public static string WarnFixedPriceOvertime(Language l, int minutes, int included) => l switch
    {
        Language.Nl => $"{minutes} min boven de {included} min inbegrepen in de vaste prijs.",
        Language.Fr => $"{minutes} min au-delà des {included} min compris dans le forfait.",
        _ => $"{minutes} min beyond the {included} min included in the fixed price.",
    };

    public static string WarnMissingClass(Language l, string priceAs) => l switch
    {
        Language.Nl => $"Tijdregistratie zonder techniekerscategorie: geprijsd als {priceAs}.",
        Language.Fr => $"Prestation sans catégorie de technicien : tarifée comme {priceAs}.",
        _ => $"Time entry without technician class: priced as {priceAs}.",
    };

    public static string WarnUnknownClass(Language l, string technicianClass, string priceAs) => l switch
    {
        Language.Nl => $"Onbekende techniekerscategorie {technicianClass}: geprijsd als {priceAs}.",
        Language.Fr => $"Catégorie de technicien inconnue {technicianClass} : tarifée comme {priceAs}.",
        _ => $"Unknown technician class {technicianClass}: priced as {priceAs}.",
    };

    public static string WarnMissingDistance(Language l) => l switch
    {
        Language.Nl => "Geen afstand opgegeven: verplaatsing aan 0,00.",
        Language.Fr => "Aucune distance indiquée : déplacement à 0,00.",
        _ => "No distance recorded: travel priced at 0.00.",
    };

    public static string WarnInvalidEntry(Language l, DateTimeOffset start, DateTimeOffset end) => l switch
    {
        Language.Nl => $"Tijdregistratie {Period(start, end)} is geen geldige periode: genegeerd.",
        Language.Fr => $"Prestation {Period(start, end)} : période non valable, ignorée.",
        _ => $"Time entry {Period(start, end)} is not a valid period: ignored.",
    };

    public static string WarnLongEntry(Language l, DateTimeOffset start, DateTimeOffset end) => l switch
    {
        Language.Nl => $"Tijdregistratie {Period(start, end)} is erg lang: controleer.",
        Language.Fr => $"Prestation {Period(start, end)} très longue : à vérifier.",
        _ => $"Time entry {Period(start, end)} is very long: please check.",
    };

    public static string WarnNoWorkTime(Language l) => l switch
    {
        Language.Nl => "Geen werktijd geregistreerd.",
        Language.Fr => "Aucun temps de travail enregistré.",
        _ => "No work time recorded.",
    };

    public static string WarnWarrantyUnknown(Language l) => l switch
    {
        Language.Nl => "Herstelling onder garantie, maar de einddatum van de garantie is onbekend: normaal geprijsd.",
        Language.Fr => "Réparation sous garantie, mais la fin de garantie est inconnue : tarif normal.",
        _ => "Warranty repair, but the warranty end date is unknown: priced normally.",
    };

    public static string WarnWarrantyExpired(Language l, DateOnly ended) => l switch
    {
        Language.Nl => $"Herstelling onder garantie, maar de garantie liep af op {Date(ended)}: normaal geprijsd.",
        Language.Fr => $"Réparation sous garantie, mais la garantie a pris fin le {Date(ended)} : tarif normal.",
        _ => $"Warranty repair, but the warranty ended on {Date(ended)}: priced normally.",
    };

    public static string WarnStatementMissing(Language l) => l switch
    {
        Language.Nl => "De woning komt in aanmerking voor 6 % btw maar de klant bevestigde de verklaring niet: gewone tarieven toegepast.",
        Language.Fr => "L'habitation remplit les conditions du taux de 6 % mais le client n'a pas confirmé la déclaration : taux normaux appliqués.",
        _ => "The home qualifies for 6 % VAT but the customer did not confirm the statement: line rates applied.",
    };

    public static string WarnStatementWithoutConditions(Language l) => l switch
    {
        Language.Nl => "De klant bevestigde de 6 %-verklaring maar de werf voldoet niet aan de voorwaarden (privéwoning, minstens 10 jaar): gewone tarieven toegepast.",
        Language.Fr => "Le client a confirmé la déclaration 6 % mais le chantier ne remplit pas les conditions (logement privé, au moins 10 ans) : taux normaux appliqués.",
        _ => "The customer confirmed the 6 % statement but the site does not meet the conditions (private home, at least 10 years): line rates applied.",
    };
}
