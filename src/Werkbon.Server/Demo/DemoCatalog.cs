using Werkbon.Server.Catalog;

namespace Werkbon.Server.Demo;

/// <summary>
/// The demo installer's catalog: parts as a wholesaler lists them, the services and the fixed-price
/// maintenance tasks. The hose, ball valve, radiator valve, boiler and PTFE tape are the articles of
/// the pricing scenarios in pricing.md, at the same list prices.
/// </summary>
internal static class DemoCatalog
{
    public static List<Article> Articles() =>
    [
        // Fittings
        Part("FIT-KN15", "Knelkoppeling recht 15 mm", "Raccord à compression droit 15 mm", "Straight compression coupling 15 mm", 3.45m, "fittings", "4015211102159"),
        Part("FIT-KN22", "Knelkoppeling recht 22 mm", "Raccord à compression droit 22 mm", "Straight compression coupling 22 mm", 5.20m, "fittings", "4015211102227"),
        Part("FIT-KB15", "Knelbocht 90° 15 mm", "Coude à compression 90° 15 mm", "Compression elbow 90° 15 mm", 4.10m, "fittings", "4015211103156"),
        Part("FIT-PK16", "Perskoppeling meerlagenbuis 16 mm", "Raccord à sertir multicouche 16 mm", "Multilayer press coupling 16 mm", 6.90m, "fittings", "4015211216160"),
        Part("FIT-PK20", "Perskoppeling meerlagenbuis 20 mm", "Raccord à sertir multicouche 20 mm", "Multilayer press coupling 20 mm", 8.75m, "fittings", "4015211216207"),
        Part("FIT-VN1234", "Verloopnippel 1/2\" × 3/4\"", "Mamelon réduit 1/2\" × 3/4\"", "Reducing nipple 1/2\" × 3/4\"", 2.85m, "fittings", "4015211301231"),
        Part("FIT-SL38", "Flexibele aansluitslang 3/8\" × 50 cm", "Flexible de raccordement 3/8\" × 50 cm", "Flexible connection hose 3/8\" × 50 cm", 8.40m, "fittings", "8711871038505"),

        // Pipes, sold by the metre
        Part("PIP-CU15", "Koperbuis 15 mm", "Tube cuivre 15 mm", "Copper pipe 15 mm", 9.80m, "pipes", "5411093015003", Meter),
        Part("PIP-CU22", "Koperbuis 22 mm", "Tube cuivre 22 mm", "Copper pipe 22 mm", 15.40m, "pipes", "5411093022001", Meter),
        Part("PIP-ML16", "Meerlagenbuis 16 × 2 mm", "Tube multicouche 16 × 2 mm", "Multilayer pipe 16 × 2 mm", 2.35m, "pipes", "5411093116007", Meter),
        Part("PIP-ML20", "Meerlagenbuis 20 × 2 mm", "Tube multicouche 20 × 2 mm", "Multilayer pipe 20 × 2 mm", 3.40m, "pipes", "5411093120004", Meter),
        Part("PIP-PVC40", "PVC-afvoerbuis 40 mm", "Tuyau d'évacuation PVC 40 mm", "PVC waste pipe 40 mm", 4.20m, "pipes", "5411093240009", Meter),
        Part("PIP-ISO22", "Buisisolatie 22 mm", "Isolation de tuyau 22 mm", "Pipe insulation 22 mm", 2.60m, "pipes", "5411093322002", Meter),

        // Valves
        Part("VAL-KK12", "Kogelkraan 1/2\"", "Vanne à bille 1/2\"", "Ball valve 1/2\"", 14.95m, "valves", "3141180012005"),
        Part("VAL-KK34", "Kogelkraan 3/4\"", "Vanne à bille 3/4\"", "Ball valve 3/4\"", 19.80m, "valves", "3141180034007"),
        Part("VAL-RTK", "Thermostatische radiatorkraan met kop", "Robinet thermostatique de radiateur avec tête", "Thermostatic radiator valve with head", 42.50m, "valves", "5702420130002"),
        Part("VAL-TK", "Thermostatische kop", "Tête thermostatique", "Thermostatic head", 24.90m, "valves", "5702420131009"),
        Part("VAL-VV3", "Veiligheidsventiel CV 3 bar", "Soupape de sécurité chauffage 3 bar", "Heating safety valve 3 bar", 18.50m, "valves", "3141180300003"),
        Part("VAL-VG7", "Veiligheidsgroep boiler 7 bar", "Groupe de sécurité chauffe-eau 7 bar", "Water heater safety group 7 bar", 36.90m, "valves", "3141180700001"),
        Part("VAL-DRV", "Drukreduceerventiel 1/2\"", "Réducteur de pression 1/2\"", "Pressure reducing valve 1/2\"", 54.00m, "valves", "3141180512000"),
        Part("VAL-AO38", "Automatische ontluchter 3/8\"", "Purgeur automatique 3/8\"", "Automatic air vent 3/8\"", 9.80m, "valves", "3141180638007"),
        Part("VAL-HSK", "Hoekstopkraan 1/2\" × 3/8\"", "Robinet d'arrêt équerre 1/2\" × 3/8\"", "Angle stop valve 1/2\" × 3/8\"", 7.90m, "valves", "3141180123800"),

        // Boilers and boiler parts
        Part("BOI-CK25", "Condensatieketel gas 25 kW", "Chaudière gaz à condensation 25 kW", "Gas condensing boiler 25 kW", 1850.00m, "boiler-parts", "4024074025000"),
        Part("BOI-ONT", "Ontstekingselektrode", "Électrode d'allumage", "Ignition electrode", 27.50m, "boiler-parts", "4024074100004"),
        Part("BOI-CP", "Circulatiepomp", "Circulateur", "Circulation pump", 212.00m, "boiler-parts", "4024074200001"),
        Part("BOI-EV8", "Expansievat 8 l", "Vase d'expansion 8 l", "Expansion vessel 8 l", 39.90m, "boiler-parts", "4024074308004"),
        Part("BOI-EV18", "Expansievat 18 l", "Vase d'expansion 18 l", "Expansion vessel 18 l", 54.50m, "boiler-parts", "4024074318003"),
        Part("BOI-CSF", "Condenssifon", "Siphon de condensats", "Condensate trap", 31.20m, "boiler-parts", "4024074400005"),
        Part("BOI-DS", "Druksensor CV", "Capteur de pression chauffage", "Heating pressure sensor", 48.60m, "boiler-parts", "4024074500002"),
        Part("BOI-NTC", "NTC-temperatuurvoeler", "Sonde de température CTN", "NTC temperature sensor", 22.40m, "boiler-parts", "4024074501009"),
        Part("BOI-PAK", "Pakkingset brander", "Jeu de joints brûleur", "Burner gasket set", 19.90m, "boiler-parts", "4024074600009"),
        Part("BOI-3WK", "Driewegklep met motor", "Vanne trois voies motorisée", "Motorised three-way valve", 168.00m, "boiler-parts", "4024074700006"),
        Part("BOI-PCB", "Printplaat ketel", "Carte électronique chaudière", "Boiler control board", 385.00m, "boiler-parts", "4024074800003"),
        Part("BOI-RGA", "Concentrische rookgasbuis 60/100, 1 m", "Conduit de fumée concentrique 60/100, 1 m", "Concentric flue pipe 60/100, 1 m", 42.00m, "boiler-parts", "4024074900000"),

        // Water heaters
        Part("WH-EB80", "Elektrische boiler 80 l", "Chauffe-eau électrique 80 l", "Electric water heater 80 l", 489.00m, "water-heaters", "5410335080007"),
        Part("WH-VE22", "Verwarmingselement boiler 2200 W", "Résistance chauffe-eau 2200 W", "Water heater element 2200 W", 64.00m, "water-heaters", "5410335220007"),
        Part("WH-ANO", "Magnesiumanode", "Anode en magnésium", "Magnesium anode", 21.50m, "water-heaters", "5410335300006"),

        // Heat pumps and air conditioning
        Part("HP-SLF", "Magnetische slibafscheider 3/4\"", "Filtre désemboueur magnétique 3/4\"", "Magnetic dirt separator 3/4\"", 119.00m, "heat-pump-parts", "5413797034007"),
        Part("HP-DBS", "Debietsensor warmtepomp", "Capteur de débit pompe à chaleur", "Heat pump flow sensor", 96.00m, "heat-pump-parts", "5413797100009"),
        Part("HP-BV", "Buitenvoeler", "Sonde extérieure", "Outdoor sensor", 39.00m, "heat-pump-parts", "5413797200006"),
        Part("HP-R32", "Koudemiddel R32", "Réfrigérant R32", "Refrigerant R32", 58.00m, "heat-pump-parts", "5413797320001", "KGM"),
        Part("HP-GLY", "Propyleenglycol (antivries)", "Propylène glycol (antigel)", "Propylene glycol (antifreeze)", 7.40m, "heat-pump-parts", "5413797400000", Litre),
        Part("AC-FLT", "Filterset binnenunit airco", "Jeu de filtres unité intérieure clim", "Air conditioning indoor unit filter set", 29.00m, "air-conditioning", "4548848100002"),
        Part("AC-CAP", "Condensafvoerpomp airco", "Pompe de relevage condensats clim", "Air conditioning condensate pump", 89.00m, "air-conditioning", "4548848200009"),

        // Sanitary
        Part("SAN-SIF", "Sifon lavabo 32 mm", "Siphon lavabo 32 mm", "Washbasin trap 32 mm", 12.60m, "sanitary", "4005176032004"),
        Part("SAN-MKL", "Eengreepsmengkraan lavabo", "Mitigeur lavabo", "Single-lever basin mixer", 89.00m, "sanitary", "4005176100000"),
        Part("SAN-VLK", "Vlotterkraan wc-reservoir", "Robinet flotteur WC", "Toilet cistern float valve", 16.80m, "sanitary", "4005176200007"),

        // Consumables
        Part("CON-PTFE", "PTFE-tape 12 m", "Ruban PTFE 12 m", "PTFE tape 12 m", 2.10m, "consumables", "8710364012008"),
        Part("CON-L55", "Draaddichting Loctite 55 (50 m)", "Fil d'étanchéité Loctite 55 (50 m)", "Loctite 55 thread sealant (50 m)", 13.90m, "consumables", "4026051055000"),
        Part("CON-LZS", "Lekzoekspray 400 ml", "Spray détecteur de fuites 400 ml", "Leak detection spray 400 ml", 9.50m, "consumables", "8710364400003"),
        Part("CON-INH", "Inhibitor CV-water", "Inhibiteur pour circuit de chauffage", "Heating system inhibitor", 24.00m, "consumables", "8710364500000", Litre),
        Part("CON-ONTK", "Ontkalkingsmiddel", "Détartrant", "Descaler", 12.80m, "consumables", "8710364700004", Litre),
        Part("CON-SIL", "Sanitairsilicone wit 300 ml", "Silicone sanitaire blanc 300 ml", "Sanitary silicone white 300 ml", 8.90m, "consumables", "8710364800001"),

        // Services
        Service("SRV-WU", "Werkuren technieker", "Heures de travail technicien", "Labour, technician", 60.00m, Hour),
        Service("SRV-WUS", "Werkuren senior technieker", "Heures de travail technicien senior", "Labour, senior technician", 72.00m, Hour),
        Service("SRV-VERPL", "Verplaatsing", "Déplacement", "Travel", 30.00m, Piece),
        Service("SRV-KM", "Kilometervergoeding", "Indemnité kilométrique", "Mileage", 0.50m, "KMT"),
        Service("SRV-DRING", "Toeslag dringende interventie", "Supplément intervention urgente", "Urgent call-out surcharge", 75.00m, Piece),
        Service("SRV-AFV", "Afvoer oude toestellen", "Évacuation des anciens appareils", "Disposal of old appliances", 45.00m, Piece),

        // Fixed-price maintenance
        FixedPrice("MNT-GAS", "Onderhoud gasketel", "Entretien chaudière gaz", "Gas boiler service", 145.00m, 60),
        FixedPrice("MNT-WP", "Onderhoud warmtepomp", "Entretien pompe à chaleur", "Heat pump service", 195.00m, 90),
        FixedPrice("MNT-STOOK", "Onderhoud stookolieketel", "Entretien chaudière mazout", "Oil boiler service", 165.00m, 75),
        FixedPrice("MNT-AIRCO", "Onderhoud airco (1 binnenunit)", "Entretien climatisation (1 unité intérieure)", "Air conditioning service (1 indoor unit)", 125.00m, 45),
        FixedPrice("MNT-BOIL", "Ontkalken boiler", "Détartrage chauffe-eau", "Water heater descaling", 110.00m, 60),
    ];

    private const string Piece = "C62";
    private const string Meter = "MTR";
    private const string Litre = "LTR";
    private const string Hour = "HUR";

    private static Article Part(string code, string nl, string fr, string en, decimal price, string category, string ean, string unit = Piece) => new()
    {
        Code = code,
        NameNl = nl,
        NameFr = fr,
        NameEn = en,
        Unit = unit,
        ListPrice = price,
        VatRate = 21m,
        Category = category,
        Ean = ean,
        Kind = ArticleKind.Part,
    };

    private static Article Service(string code, string nl, string fr, string en, decimal price, string unit) => new()
    {
        Code = code,
        NameNl = nl,
        NameFr = fr,
        NameEn = en,
        Unit = unit,
        ListPrice = price,
        VatRate = 21m,
        Category = "services",
        Kind = ArticleKind.Service,
    };

    private static Article FixedPrice(string code, string nl, string fr, string en, decimal price, int includedMinutes) => new()
    {
        Code = code,
        NameNl = nl,
        NameFr = fr,
        NameEn = en,
        Unit = Piece,
        ListPrice = price,
        VatRate = 21m,
        Category = "maintenance",
        Kind = ArticleKind.FixedPriceTask,
        IncludedMinutes = includedMinutes,
    };
}
