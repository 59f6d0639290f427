using static Werkbon.Server.Demo.DemoBook;

namespace Werkbon.Server.Demo;

/// <summary>
/// The demo installer's customers around Mechelen: contractors and property managers (reverse charge),
/// VAT-exempt practices and schools, French-speaking customers in Brussels and Walloon Brabant, a Dutch
/// and an English-speaking business, and private homes older and younger than ten years. Distances are
/// from the company base and cover the three travel zones (up to 15 km, up to 30 km, beyond).
/// E-mail addresses use the reserved <c>.example</c> domain so that no demo message can reach anyone.
/// </summary>
internal static class DemoCustomers
{
    public static void AddTo(DemoBook book)
    {
        AddBusinesses(book);
        AddPrivateHomes(book);
    }

    private static void AddBusinesses(DemoBook book)
    {
        var vermeulen = book.Business(
            "Bouwbedrijf Vermeulen NV", "0427183644", "nl", new("Boomsesteenweg 78", "2830", "Willebroek"),
            "facturatie@bouwbedrijf-vermeulen.example", "+32 3 886 41 20", paymentTermDays: 30, filesVatReturns: true,
            [
                Contact("Koen Vermeulen", "Zaakvoerder", "koen@bouwbedrijf-vermeulen.example", "+32 475 12 34 56"),
                Contact("Els Wouters", "Boekhouding", "els.wouters@bouwbedrijf-vermeulen.example", "+32 3 886 41 22"),
            ]);
        var zennezicht = book.Premises(
            vermeulen, "vermeulen-zennezicht", "Werf Residentie Zennezicht", new("Mechelsesteenweg 120", "1800", "Vilvoorde"), 17.5m,
            "Werfkeet aan de inrit, melden bij werfleider Koen. Helm en veiligheidsschoenen verplicht.");
        book.Asset(zennezicht, "zennezicht-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HA 49 kW", "7861421900142108", 3, 24);
        book.Premises(
            vermeulen, "vermeulen-nekkerspoel", "Werf Nekkerspoel", new("Nekkerspoelstraat 310", "2800", "Mechelen"), 2.8m,
            "Werfpoort met hangslot, code 4821. Werkzone niet betreden zonder toestemming werfleider.");

        var dijlestad = book.Business(
            "Syndic Immo Dijlestad BV", "0712559426", "nl", new("Frederik de Merodestraat 45", "2800", "Mechelen"),
            "syndic@immo-dijlestad.example", "+32 15 20 44 81", paymentTermDays: 30, filesVatReturns: true,
            [Contact("Veerle Goris", "Syndicus", "veerle.goris@immo-dijlestad.example", "+32 478 55 21 90")]);
        var deVest = book.Premises(
            dijlestad, "devest", "Residentie De Vest (VME)", new("Hendrik Speecqvest 12", "2800", "Mechelen"), 1.6m,
            "Technische ruimte -1, badge aan onthaal. Sleutel stookplaats in sleutelkluis, code via syndic.");
        book.Asset(deVest, "devest-boiler-1", "Gascondensatieketel (cascade 1/2)", "Viessmann", "Vitodens 200-W B2HA 60 kW", "7861421700385512", 98, 24);
        book.Asset(deVest, "devest-boiler-2", "Gascondensatieketel (cascade 2/2)", "Viessmann", "Vitodens 200-W B2HA 60 kW", "7861421700385529", 98, 24);
        var terElst = book.Premises(
            dijlestad, "terelst", "Residentie Ter Elst (VME)", new("Mechelsesteenweg 88", "2570", "Duffel"), 8.4m,
            "Stookplaats in de kelder, toegang via garagepoort. Afstandsbediening bij de conciërge (app. 0.2).");
        book.Asset(terElst, "terelst-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VC 65/5-5", "21163500100258960000005234N2", 62, 24);
        book.Asset(terElst, "terelst-tank", "Warmwaterboiler (indirect)", "Vaillant", "uniSTOR VIH R 300", "21172000100312480000005876N3", 62, 24);

        var sablon = book.Business(
            "Gérance Immobilière du Sablon SRL", "0468302736", "fr", new("Rue Bodenbroek 8", "1000", "Bruxelles"),
            "comptabilite@gerance-sablon.example", "+32 2 512 38 40", paymentTermDays: 30, filesVatReturns: true,
            [
                Contact("Isabelle Marchal", "Gestionnaire", "i.marchal@gerance-sablon.example", "+32 496 31 72 05"),
                Contact("Karim Haddad", "Concierge Résidence Louise", "", "+32 472 40 18 66"),
            ]);
        var louise = book.Premises(
            sablon, "louise", "Résidence Louise", new("Avenue Louise 327", "1050", "Ixelles"), 28.5m,
            "Stookplaats op -2; sleutel bij de conciërge (M. Haddad), eerst aanmelden aan de loge.");
        book.Asset(louise, "louise-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HA 80 kW", "7861422000507743", 40, 24);
        var tilleuls = book.Premises(
            sablon, "tilleuls", "Résidence Les Tilleuls", new("Chaussée de Bruxelles 215", "1410", "Waterloo"), 44.0m,
            "Technisch lokaal naast de fietsenberging; badge ophalen bij de bewoners van app. 1A.");
        book.Asset(tilleuls, "tilleuls-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VC 35CS/1-5", "21183600100240330000005001N5", 14, 24);

        var vandenBroeck = book.Business(
            "Bakkerij Van den Broeck BV", "0812047673", "nl", new("Mechelsesteenweg 55", "2860", "Sint-Katelijne-Waver"),
            "bakkerij.vandenbroeck@mail.example", "+32 15 31 28 74", paymentTermDays: 14, filesVatReturns: true,
            [Contact("Bart Van den Broeck", "Zaakvoerder", "bart@bakkerij-vandenbroeck.example", "+32 479 63 80 12")]);
        var bakery = book.Premises(
            vandenBroeck, "bakery", "Bakkerij en winkel", new("Mechelsesteenweg 55", "2860", "Sint-Katelijne-Waver"), 5.3m,
            "Ingang via de achterdeur (steegje links). Niet tussen 6 en 8 uur: dan wordt er gebakken.");
        book.Asset(bakery, "bakery-waterheater", "Warmwaterboiler (elektrisch)", "Ariston", "Pro1 Eco 80", "2102417380011", 70, 24);
        book.Asset(bakery, "bakery-boiler", "Gascondensatieketel", "Bulex", "Thema Condens F 30", "21143000100276540000005123N1", 50, 36);

        var lemmens = book.Business(
            "Tandartspraktijk Dr. Lemmens", "0657291004", "nl", new("Putsesteenweg 48", "2820", "Bonheiden"),
            "praktijk@tandarts-lemmens.example", "+32 15 51 09 33", paymentTermDays: 30, filesVatReturns: false,
            [Contact("Dr. Griet Lemmens", "Tandarts", "griet@tandarts-lemmens.example", "+32 15 51 09 33")],
            vatRegistered: false);
        var practice = book.Premises(
            lemmens, "lemmens", "Praktijk", new("Putsesteenweg 48", "2820", "Bonheiden"), 6.0m,
            "Enkel vóór 9 uur of over de middag (12–13 uur); melden aan de balie.");
        book.Asset(practice, "lemmens-ac", "Airco (split)", "Mitsubishi Electric", "MSZ-LN25VG", "1ZU02876", 20, 36);
        book.Asset(practice, "lemmens-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VCW 26CS/1-5", "21173500100301170000005512N8", 84, 24);

        var school = book.Business(
            "Vrije Basisschool Sint-Jozef VZW", "0410836570", "nl", new("Kapelstraat 3", "2570", "Duffel"),
            "economaat@sintjozef-duffel.example", "+32 15 30 21 17", paymentTermDays: 30, filesVatReturns: false,
            [Contact("Hans Verhaegen", "Preventieadviseur", "hans.verhaegen@sintjozef-duffel.example", "+32 477 92 14 38")],
            vatRegistered: false);
        var schoolMain = book.Premises(
            school, "school", "Lagere school", new("Kapelstraat 3", "2570", "Duffel"), 8.7m,
            "Stookplaats achter de turnzaal; sleutel bij het secretariaat. Op de speelplaats stapvoets rijden.");
        book.Asset(schoolMain, "school-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HA 60 kW", "7861421600231904", 110, 24);
        var kindergarten = book.Premises(
            school, "kindergarten", "Kleuterafdeling", new("Ridder Berthoutlaan 9", "2570", "Duffel"), 9.1m,
            "Ketel in de berging naast de keuken.");
        book.Asset(kindergarten, "kindergarten-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VC 25CS/1-5", "21193500100412680000005703N4", 30, 60);

        var hofTerDijle = book.Business(
            "Woonzorgcentrum Hof ter Dijle VZW", "0449771281", "nl", new("Wespelaarsebaan 120", "3150", "Haacht"),
            "facturen@hofterdijle.example", "+32 16 60 12 00", paymentTermDays: 30, filesVatReturns: false,
            [Contact("Ingrid Peetermans", "Technische dienst", "ingrid.peetermans@hofterdijle.example", "+32 16 60 12 45")],
            vatRegistered: false);
        var careHome = book.Premises(
            hofTerDijle, "wzc", "Woonzorgcentrum", new("Wespelaarsebaan 120", "3150", "Haacht"), 13.8m,
            "Melden aan het onthaal; technische dienst begeleidt naar de stookplaats (kelder, lift B).");
        book.Asset(careHome, "wzc-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HA 120 kW", "7861421800411263", 75, 24);
        book.Asset(careHome, "wzc-waterheater", "Warmwaterboiler (indirect)", "Vaillant", "uniSTOR VIH R 500", "21162000100198750000005330N6", 75, 24);

        var dewitte = book.Business(
            "Garage Dewitte BV", "0554938186", "nl", new("Antwerpsesteenweg 402", "2500", "Lier"),
            "info@garage-dewitte.example", "+32 3 480 77 15", paymentTermDays: 30, filesVatReturns: true,
            [Contact("Stijn Dewitte", "Zaakvoerder", "stijn@garage-dewitte.example", "+32 474 28 61 03")]);
        var garage = book.Premises(
            dewitte, "garage", "Werkplaats en showroom", new("Antwerpsesteenweg 402", "2500", "Lier"), 16.2m,
            "Parkeren op de klantenparking; technische ruimte via de werkplaats.");
        book.Asset(garage, "garage-ac", "Airco (split)", "Mitsubishi Electric", "MSZ-AP50VGK", "7001943T", 44, 36);
        book.Asset(garage, "garage-boiler", "Gascondensatieketel", "Bulex", "Thema Condens F 30", "21153000100298120000005418N7", 88, 24);

        var koperenKetel = book.Business(
            "Eethuis De Koperen Ketel BV", "0736820413", "nl", new("Oude Koornmarkt 41", "2000", "Antwerpen"),
            "administratie@dekoperenketel.example", "+32 3 231 56 90", paymentTermDays: 14, filesVatReturns: true,
            [Contact("Sanne Michiels", "Uitbaatster", "sanne@dekoperenketel.example", "+32 486 15 47 22")]);
        var restaurant = book.Premises(
            koperenKetel, "restaurant", "Restaurant", new("Oude Koornmarkt 41", "2000", "Antwerpen"), 24.8m,
            "Lage-emissiezone Antwerpen: bestelwagen is geregistreerd. Leveringen via de Pelgrimstraat, vóór 11 uur.");
        book.Asset(restaurant, "restaurant-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VC 35CS/1-5", "21173600100355210000005967N1", 58, 24);

        var moulin = book.Business(
            "Brasserie du Moulin SRL", "0836114858", "fr", new("Rue Sigebert 12", "5030", "Gembloux"),
            "brasserie.moulin@mail.example", "+32 81 61 22 47", paymentTermDays: 14, filesVatReturns: true,
            [Contact("Olivier Lambotte", "Gérant", "olivier@brasseriedumoulin.example", "+32 495 70 33 18")]);
        var brasserie = book.Premises(
            moulin, "brasserie", "Brasserie", new("Rue Sigebert 12", "5030", "Gembloux"), 52.0m,
            "Op maandag gesloten: dan via de achteringang (vooraf bellen naar Olivier).");
        book.Asset(brasserie, "brasserie-boiler", "Gascondensatieketel", "Bulex", "Thema Condens F 30", "21163000100334560000005071N9", 26, 36);

        var dupont = book.Business(
            "Boulangerie Dupont SRL", "0622957358", "fr", new("Rue du Commerce 18", "1300", "Wavre"),
            "boulangerie.dupont@mail.example", "+32 10 22 48 31", paymentTermDays: 14, filesVatReturns: true,
            [Contact("Philippe Dupont", "Gérant", "philippe@boulangerie-dupont.example", "+32 497 21 55 60")]);
        var boulangerie = book.Premises(
            dupont, "boulangerie", "Boulangerie", new("Rue du Commerce 18", "1300", "Wavre"), 45.5m,
            "Ketel in de kelder onder het bakhuis; sleutel aan de kassa.");
        book.Asset(boulangerie, "boulangerie-waterheater", "Warmwaterboiler (elektrisch)", "Ariston", "Pro1 Eco 150", "2103217150044", 9, 24);

        var lambert = book.Business(
            "Cabinet médical Dr Lambert", "0875331958", "fr", new("Avenue des Combattants 60", "1340", "Ottignies-Louvain-la-Neuve"),
            "secretariat@cabinet-lambert.example", "+32 10 41 85 26", paymentTermDays: 30, filesVatReturns: false,
            [Contact("Dr Anne Lambert", "Médecin", "anne.lambert@cabinet-lambert.example", "+32 10 41 85 26")],
            vatRegistered: false);
        var cabinet = book.Premises(
            lambert, "cabinet", "Cabinet", new("Avenue des Combattants 60", "1340", "Ottignies-Louvain-la-Neuve"), 47.0m,
            "Consultaties tot 12 uur: in de wachtzaal enkel 's namiddags werken.");
        book.Asset(cabinet, "cabinet-ac", "Airco (split)", "Mitsubishi Electric", "MSZ-LN35VG", "1ZU04512", 32, 36);

        var vanDerMeer = book.ForeignBusiness(
            "Van der Meer Installatietechniek B.V.", "NL854126375B01", "9944:NL854126375B01", "nl",
            new("Ettensebaan 24", "4812 XB", "Breda", "NL"), "crediteuren@vandermeer-installatie.example", "+31 76 520 43 10", paymentTermDays: 30,
            [Contact("Bas van der Meer", "Projectleider", "bas@vandermeer-installatie.example", "+31 6 4127 8830")]);
        book.Premises(
            vanDerMeer, "noorderlaan", "Project Noorderlaan (onderaanneming)", new("Noorderlaan 147", "2030", "Antwerpen"), 27.0m,
            "Aanmelden aan de slagboom met rijksregisternummer; werfleider Bas van der Meer.");

        var northstar = book.Business(
            "Northstar Analytics Belgium BV", "0780645112", "en", new("Schaliënhoevedreef 20T", "2800", "Mechelen"),
            "accounts.payable@northstar-analytics.example", "+32 15 79 40 00", paymentTermDays: 30, filesVatReturns: true,
            [Contact("James Whitfield", "Office manager", "james.whitfield@northstar-analytics.example", "+32 470 66 12 84")]);
        var office = book.Premises(
            northstar, "northstar", "Office, 3rd floor", new("Schaliënhoevedreef 20T", "2800", "Mechelen"), 4.1m,
            "Onthaal gelijkvloers, vragen naar James (facility). Buitenunits op het dak via trappenhal B.");
        book.Asset(office, "northstar-ac-1", "Airco (split) vergaderzaal", "Mitsubishi Electric", "MSZ-AP35VGK", "1ZU07733", 28, 36);
        book.Asset(office, "northstar-ac-2", "Airco (split) serverlokaal", "Mitsubishi Electric", "PKA-M60KAL", "1ZU07748", 28, 36);

        var verbist = book.Business(
            "Notariskantoor Verbist BV", "0845260770", "nl", new("Tremelobaan 12", "3140", "Keerbergen"),
            "boekhouding@notaris-verbist.example", "+32 15 23 40 55", paymentTermDays: 30, filesVatReturns: true,
            [Contact("Mr. Filip Verbist", "Notaris", "filip.verbist@notaris-verbist.example", "+32 15 23 40 55")]);
        var notary = book.Premises(
            verbist, "notary", "Kantoor", new("Tremelobaan 12", "3140", "Keerbergen"), 12.4m,
            "Discreet werken: geen lawaai tijdens ondertekeningen (afspraken om 10 en 14 uur).");
        book.Asset(notary, "notary-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VC 25CS/1-5", "21203500100452330000005118N2", 8, 60);

        var zandpoort = book.Business(
            "Hotel De Zandpoort BV", "0603178464", "nl", new("Zandpoortvest 20", "2800", "Mechelen"),
            "finance@hotel-dezandpoort.example", "+32 15 28 90 10", paymentTermDays: 30, filesVatReturns: true,
            [Contact("Lotte Aerts", "Hotel manager", "lotte.aerts@hotel-dezandpoort.example", "+32 15 28 90 12")]);
        var hotel = book.Premises(
            zandpoort, "hotel", "Hotel", new("Zandpoortvest 20", "2800", "Mechelen"), 1.9m,
            "Laden en lossen aan de zij-ingang; badge technische ruimte -1 aan de receptie.");
        book.Asset(hotel, "hotel-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HA 80 kW", "7861421900288415", 30, 36);
        book.Asset(hotel, "hotel-waterheater", "Warmwaterboiler (indirect)", "Vaillant", "uniSTOR VIH R 500", "21182000100367120000005609N4", 30, 36);
    }

    private static void AddPrivateHomes(DemoBook book)
    {
        var wouters = book.Private(
            "Dirk en Hilde Wouters", "nl", new("Rijmenamseweg 88", "2820", "Bonheiden"), "dirk.wouters@mail.example", "+32 475 80 12 44");
        var woutersHome = book.Home(
            wouters, "wouters", "Woning", new("Rijmenamseweg 88", "2820", "Bonheiden"), 6.1m, occupiedYearsAgo: 38,
            "Sleutel bij de buren (nr. 90) als er niemand thuis is. Ketel in de garage.");
        book.Asset(woutersHome, "wouters-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VCW 26CS/1-5", "21153500100227410000005346N0", 74, 24);

        var verstraeten = book.Private(
            "Tom Verstraeten", "nl", new("Liersesteenweg 401", "2860", "Sint-Katelijne-Waver"), "tom.verstraeten@mail.example", "+32 486 33 90 71");
        var verstraetenHome = book.Home(
            verstraeten, "verstraeten", "Woning (nieuwbouw)", new("Liersesteenweg 401", "2860", "Sint-Katelijne-Waver"), 5.8m, occupiedYearsAgo: 4,
            "Buitenunit achter de woning, poortje links van de garage.");
        book.Asset(verstraetenHome, "verstraeten-heatpump", "Warmtepomp lucht-water", "Daikin", "Altherma 3 R (ERGA08EV)", "J0023145", 50, 60);

        var lefevre = book.Private(
            "Marie-Claire Lefèvre", "fr", new("Avenue de Broqueville 112", "1200", "Woluwe-Saint-Lambert"), "mc.lefevre@mail.example", "+32 2 770 41 18");
        var lefevreHome = book.Home(
            lefevre, "lefevre", "Maison", new("Avenue de Broqueville 112", "1200", "Woluwe-Saint-Lambert"), 26.3m, occupiedYearsAgo: 58,
            "Twee keer aanbellen. Ketel op zolder (vlizotrap); parkeren in de Rue Saint-Lambert.");
        book.Asset(lefevreHome, "lefevre-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HE 25 kW", "7861422100614932", 22, 36);

        var dumont = book.Private(
            "Jean-Pierre Dumont", "fr", new("Chaussée de Louvain 310", "1380", "Lasne"), "jp.dumont@mail.example", "+32 2 633 17 52");
        var dumontHome = book.Home(
            dumont, "dumont", "Maison", new("Chaussée de Louvain 310", "1380", "Lasne"), 41.0m, occupiedYearsAgo: 31,
            "Grote hond in de tuin: aanbellen en wachten tot meneer Dumont opent.");
        book.Asset(dumontHome, "dumont-boiler", "Gascondensatieketel", "Bulex", "Thema Condens F 25", "21133000100185430000005862N5", 146, 24);
        book.Asset(dumontHome, "dumont-waterheater", "Warmwaterboiler (elektrisch)", "Ariston", "Pro1 Eco 100", "1907314100027", 82, 24);

        var mertens = book.Private(
            "Annelies Mertens", "nl", new("Grote Achterstraat 21", "2580", "Putte"), "annelies.mertens@mail.example", "+32 473 41 26 09");
        var mertensHome = book.Home(
            mertens, "mertens", "Woning", new("Grote Achterstraat 21", "2580", "Putte"), 10.4m, occupiedYearsAgo: 7,
            "Werkt thuis; bellen op gsm bij aankomst.");
        book.Asset(mertensHome, "mertens-heatpump", "Warmtepomp lucht-water", "Daikin", "Altherma 3 R (ERGA06EV)", "J0019872", 84, 36);

        var goossens = book.Private(
            "Luc Goossens", "nl", new("Bergstraat 56", "2220", "Heist-op-den-Berg"), "luc.goossens@mail.example", "+32 15 24 78 30");
        var goossensHome = book.Home(
            goossens, "goossens", "Woning", new("Bergstraat 56", "2220", "Heist-op-den-Berg"), 18.3m, occupiedYearsAgo: 52,
            "Stookplaats in de kelder, toegang via de buitentrap aan de achterkant.");
        book.Asset(goossensHome, "goossens-boiler", "Gasketel (niet-condenserend)", "Bulex", "Thema C 25 E", "19983000100045210000004021N3", 220, 24);
        var goossensFlat = book.Home(
            goossens, "goossens-flat", "Appartement (verhuurd)", new("Onze-Lieve-Vrouwestraat 96 bus 3", "2800", "Mechelen"), 1.4m, occupiedYearsAgo: 25,
            "Huurster Yasmine El Amrani (0488 21 40 63); afspraak altijd via de eigenaar.");
        book.Asset(goossensFlat, "goossens-flat-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VCW 20CS/1-5", "21143500100205560000005290N9", 118, 24);

        var vanDamme = book.Private(
            "Sarah Van Damme", "nl", new("Naamsestraat 142", "3000", "Leuven"), "sarah.vandamme@mail.example", "+32 494 18 53 70");
        var vanDammeHome = book.Home(
            vanDamme, "vandamme", "Herenhuis", new("Naamsestraat 142", "3000", "Leuven"), 23.5m, occupiedYearsAgo: 96,
            "Parkeren moeilijk: bezoekerskaart ligt klaar in de brievenbus. Ketel in de kelder, steile trap.");
        book.Asset(vanDammeHome, "vandamme-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VCW 32CS/1-5", "21233500100489020000005745N6", 13, 60);

        var deBacker = book.Private(
            "Kevin De Backer", "nl", new("Brusselsesteenweg 15", "1980", "Zemst"), "kevin.debacker@mail.example", "+32 471 90 22 65");
        var deBackerHome = book.Home(
            deBacker, "debacker", "Woning (nieuwbouw)", new("Brusselsesteenweg 15", "1980", "Zemst"), 9.2m, occupiedYearsAgo: 3,
            "Hond (vriendelijk). Binnenunit in de technische ruimte naast de wasplaats.");
        book.Asset(deBackerHome, "debacker-heatpump", "Warmtepomp lucht-water", "Daikin", "Altherma 3 H HT (EPRA14DV)", "J0031206", 34, 60);
        book.Asset(deBackerHome, "debacker-ac", "Airco (split) slaapkamer", "Mitsubishi Electric", "MSZ-LN25VG", "1ZU09187", 22, 36);

        var renard = book.Private(
            "Nathalie Renard", "fr", new("Avenue Alphonse Allard 45", "1420", "Braine-l'Alleud"), "nathalie.renard@mail.example", "+32 2 384 66 21");
        var renardHome = book.Home(
            renard, "renard", "Maison", new("Avenue Alphonse Allard 45", "1420", "Braine-l'Alleud"), 43.0m, occupiedYearsAgo: 27,
            "Sleutel in de sleutelkluis naast de voordeur, code via sms op de dag zelf.");
        book.Asset(renardHome, "renard-boiler", "Gascondensatieketel", "Vaillant", "ecoTEC plus VCW 26CS/1-5", "21163500100263870000005418N1", 60, 24);
        book.Asset(renardHome, "renard-ac", "Airco (split) living", "Mitsubishi Electric", "MSZ-AP25VGK", "1ZU05564", 16, 36);

        var hermans = book.Private(
            "Jozef Hermans", "nl", new("Hanswijkvaart 40", "2800", "Mechelen"), "", "+32 15 21 63 07");
        var hermansHome = book.Home(
            hermans, "hermans", "Woning", new("Hanswijkvaart 40", "2800", "Mechelen"), 2.2m, occupiedYearsAgo: 64,
            "Meneer is slechthorend: lang aanbellen of vooraf bellen naar dochter Rita (0476 88 21 09).");
        book.Asset(hermansHome, "hermans-boiler", "Gascondensatieketel", "Viessmann", "Vitodens 200-W B2HE 19 kW", "7861421500119627", 130, 24);
    }
}
