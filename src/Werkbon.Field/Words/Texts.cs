using System.Globalization;
using System.Text.Json;
using Microsoft.JSInterop;
using Werkbon.Core;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Field.Local;
using Werkbon.Field.Sync;

namespace Werkbon.Field.Words;

/// <summary>
/// Every word on the technician's screens in Dutch (default), French and English, switchable at any
/// time; and the customer's summary in the customer's language (<see cref="Get(Language, string)"/>).
/// Times are shown on the company's clock (the zone the device pulled, <see cref="FieldData.Clock"/>), whatever
/// zone the device itself is set to.
/// </summary>
public sealed class Texts(IJSRuntime js, FieldData data)
{
    private const string StorageKey = "werkbon.language";

    public static readonly string[] Codes = ["nl", "fr", "en"];

    public string Language { get; private set; } = "nl";

    public Language CoreLanguage => Languages.FromCode(Language);

    public CultureInfo Culture => CultureOf(CoreLanguage);

    /// <summary>The company's clock every time on the screens is shown on.</summary>
    public WallClock Wall => data.Clock;

    public event Action? Changed;

    public string this[string key] => Get(CoreLanguage, key);

    /// <summary>The language chosen on this device (a synchronous read: it decides the very first screen).</summary>
    public void Load()
    {
        var stored = ((IJSInProcessRuntime)js).Invoke<string?>("localStorage.getItem", StorageKey);
        Apply(stored is not null && Codes.Contains(stored) ? stored : "nl");
    }

    /// <summary>Switches the screens' language; with <paramref name="onlyIfUnset"/> only when the technician never chose one.</summary>
    public async Task SetAsync(string code, bool onlyIfUnset = false)
    {
        if (!Codes.Contains(code) || (onlyIfUnset && await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) is not null))
        {
            return;
        }

        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, code);
        Apply(code);
        Changed?.Invoke();
    }

    private void Apply(string code)
    {
        Language = code;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = Culture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
    }

    /// <summary>The words the app shell (<c>js/shell.js</c>) draws the work-order list with before the app is up.</summary>
    private static readonly string[] ShellKeys =
        ["Today", "Earlier", "NothingToday", "ToDo", "InProgress", "SignedWaiting", "NeedsAttention", "Sent", "SyncNow", "ToSend", "SessionExpired"];

    /// <summary>Leaves the shell's words in every language, and its icons (under <c>icons</c>), on the device for the next start.</summary>
    public void KeepForShell()
    {
        var words = Codes.ToDictionary(c => c, c => ShellKeys.ToDictionary(k => k, k => Get(Languages.FromCode(c), k)));
        words["icons"] = Components.Icons.ForShell();
        ((IJSInProcessRuntime)js).InvokeVoid("werkbon.shell.keepTexts", JsonSerializer.Serialize(words, FieldJson.Default.DictionaryStringDictionaryStringString));
    }

    public static CultureInfo CultureOf(Language language) => Core.Catalog.Cultures.Of(language);

    /// <summary>A text in <paramref name="language"/> (German reads English, as the Core documents do); the key itself when unknown.</summary>
    public static string Get(Language language, string key) =>
        Table.TryGetValue(key, out var text) ? language switch
        {
            Core.Language.Nl => text.Nl,
            Core.Language.Fr => text.Fr,
            _ => text.En,
        } : key;

    public DateOnly DateOf(DateTimeOffset at) => Wall.DateOf(at);

    public string Day(DateOnly day) => DayIn(CoreLanguage, day);

    public string DayIn(Language language, DateOnly day) => day.ToString("dddd d MMMM", CultureOf(language));

    /// <summary>Hours and minutes on the company's clock.</summary>
    public string Time(DateTimeOffset at) => Wall.Time(at);

    /// <summary>To the second, as recorded (and as a time input reads it).</summary>
    public string Clock(DateTimeOffset at) => Wall.Local(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The same company day as <paramref name="reference"/> at the clock time typed (HH:mm or HH:mm:ss); null when unreadable.</summary>
    public DateTimeOffset? AtClock(DateTimeOffset reference, string? clock)
    {
        if (!TimeOnly.TryParseExact(clock, ["HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        var local = DateOf(reference).ToDateTime(time);
        return new DateTimeOffset(local, Wall.Zone.GetUtcOffset(local)).ToOffset(reference.Offset);
    }

    /// <summary>A recorded period as h:mm, the minutes it is billed for (<see cref="WorkedMinutes"/>): no seconds.</summary>
    public string Duration(DateTimeOffset start, DateTimeOffset end) => WorkedMinutes.HoursAndMinutes(WorkedMinutes.Of(start, end));

    private static readonly Dictionary<string, (string Nl, string Fr, string En)> Table = new(StringComparer.Ordinal)
    {
        ["AbsenceReason"] = ("Waarom is de klant er niet?", "Pourquoi le client est-il absent ?", "Why is the customer not there?"),
        ["AbsenceReasonRequired"] = ("Geef de reden waarom de klant er niet is.", "Indiquez pourquoi le client est absent.", "Give the reason the customer is absent."),
        ["AccessNotes"] = ("Toegang", "Accès", "Access"),
        ["Add"] = ("Toevoegen", "Ajouter", "Add"),
        ["AddExtraTime"] = ("Extra tijd toevoegen", "Ajouter du temps supplémentaire", "Add extra time"),
        ["Arrived"] = ("Aangekomen", "Arrivé", "Arrived"),
        ["Asset"] = ("Toestel", "Appareil", "Equipment"),
        ["Assets"] = ("Toestellen", "Appareils", "Equipment"),
        ["Back"] = ("Terug", "Retour", "Back"),
        ["BackToReport"] = ("Terug naar de werkbon", "Retour au bon", "Back to the report"),
        ["Cancel"] = ("Annuleren", "Annuler", "Cancel"),
        ["Caption"] = ("Onderschrift", "Légende", "Caption"),
        ["Clear"] = ("Opnieuw", "Effacer", "Clear"),
        ["CodeNotFound"] = ("Code {0} staat niet in de catalogus: voeg het toe als vrije tekst.", "Le code {0} n'est pas au catalogue : ajoutez-le en texte libre.", "Code {0} is not in the catalog: add it as free text."),
        ["ContinueReport"] = ("Werkbon verder invullen", "Continuer le bon", "Continue the report"),
        ["Contract"] = ("Contract", "Contrat", "Contract"),
        ["CustomerAbsent"] = ("Klant afwezig", "Client absent", "Customer absent"),
        ["Delete"] = ("Verwijderen", "Supprimer", "Delete"),
        ["Description"] = ("Omschrijving", "Description", "Description"),
        ["DistanceKm"] = ("Afstand (km, enkele rit)", "Distance (km, aller)", "Distance (km, one way)"),
        ["Earlier"] = ("Eerder, nog open", "Plus tôt, encore ouvert", "Earlier, still open"),
        ["Edit"] = ("Wijzigen", "Modifier", "Edit"),
        ["Email"] = ("E-mailadres", "Adresse e-mail", "E-mail address"),
        ["EndBeforeStart"] = ("Het einde ligt voor het begin.", "La fin précède le début.", "The end is before the start."),
        ["Extra"] = ("Extra", "Supplément", "Extra"),
        ["ExtraTimeMinutes"] = ("Extra werk (minuten)", "Travail supplémentaire (minutes)", "Extra work (minutes)"),
        ["ExtraTimeWhat"] = ("Wat werd gevraagd?", "Qu'a-t-on demandé ?", "What was asked?"),
        ["Extras"] = ("Extra's gevraagd ter plaatse", "Suppléments demandés sur place", "Extras asked on site"),
        ["ExtrasHint"] = ("Werk of materiaal dat de klant hier bijkomend vroeg. Het kantoor ziet dit apart.", "Travail ou matériel demandé en plus sur place. Le bureau le voit à part.", "Work or material the customer asked for on site. The office sees it separately."),
        ["Finish"] = ("Klaar", "Terminé", "Finish"),
        ["ForTheOffice"] = ("prijs door kantoor", "prix par le bureau", "priced by the office"),
        ["FreeText"] = ("vrije tekst", "texte libre", "free text"),
        ["From"] = ("Van", "De", "From"),
        ["InProgress"] = ("Bezig", "En cours", "In progress"),
        ["LastError"] = ("Laatste fout", "Dernière erreur", "Last error"),
        ["LastSync"] = ("Laatst gesynchroniseerd", "Dernière synchronisation", "Last synchronised"),
        ["LegalText"] = ("Wettelijke tekst", "Texte légal", "Legal text"),
        ["Logout"] = ("Afmelden en alles van dit toestel wissen", "Se déconnecter et tout effacer de cet appareil", "Log out and wipe this device"),
        ["LogoutConfirm"] = ("Afmelden? Alle gegevens op dit toestel worden gewist.", "Se déconnecter ? Toutes les données de cet appareil seront effacées.", "Log out? All data on this device will be wiped."),
        ["LogoutUnsent"] = ("Er zijn nog {0} werkbonnen niet verzonden. Afmelden wist ze definitief. Toch afmelden?", "{0} bons ne sont pas encore envoyés. Se déconnecter les efface définitivement. Continuer ?", "{0} reports are not sent yet. Logging out deletes them for good. Log out anyway?"),
        ["Materials"] = ("Materiaal", "Matériel", "Materials"),
        ["NeedsAttention"] = ("Aandacht nodig", "Attention requise", "Needs attention"),
        ["NeedsAttentionHint"] = ("De server weigerde deze werkbonnen. Ze blijven bewaard; bel het kantoor en probeer opnieuw zodra het opgelost is.", "Le serveur a refusé ces bons. Ils restent conservés ; appelez le bureau et réessayez une fois le problème réglé.", "The server refused these reports. They stay on the device; call the office and retry once it is fixed."),
        ["NeedsAttentionShort"] = ("aandacht", "attention", "attention"),
        ["Net"] = ("Totaal excl. btw", "Total hors TVA", "Total excl. VAT"),
        ["Network"] = ("Netwerk", "Réseau", "Network"),
        ["NeverPulled"] = ("Nog geen werkorders op dit toestel. Maak verbinding om ze op te halen.", "Aucun ordre de travail sur cet appareil. Connectez-vous pour les récupérer.", "No work orders on this device yet. Connect to fetch them."),
        ["NextTry"] = ("volgende poging", "prochain essai", "next try"),
        ["NoContract"] = ("Geen contract: tarieven van de tariefkaart.", "Pas de contrat : tarifs de la grille.", "No contract: rate card prices."),
        ["NoMatch"] = ("Niets gevonden.", "Rien trouvé.", "Nothing found."),
        ["NoWorkTime"] = ("Nog geen werktijd geregistreerd: start de timer voor het werk en stop hem als het klaar is. Zonder werk kan de klant niet tekenen.", "Aucun temps de travail enregistré : lancez le chrono pour le travail et arrêtez-le une fois fini. Sans travail, le client ne peut pas signer.", "No work time recorded yet: start the timer for the work and stop it when done. Without work the customer cannot sign."),
        ["NotATechnician"] = ("Deze app is voor technici. Meld je aan met een technicus-account.", "Cette application est réservée aux techniciens.", "This app is for technicians. Sign in with a technician account."),
        ["NotInCatalog"] = ("Niet in de catalogus", "Pas au catalogue", "Not in the catalog"),
        ["Note"] = ("Notitie", "Note", "Note"),
        ["NothingToday"] = ("Geen werkorders vandaag.", "Aucun ordre de travail aujourd'hui.", "No work orders today."),
        ["Offline"] = ("offline", "hors ligne", "offline"),
        ["Online"] = ("online", "en ligne", "online"),
        ["OpenInMaps"] = ("Openen in kaarten", "Ouvrir dans Maps", "Open in maps"),
        ["OtherTechnicianUnsent"] = ("Dit toestel heeft nog werk van {0} dat niet verzonden is. Meld je eerst aan als {0}.", "Cet appareil contient du travail non envoyé de {0}. Connectez-vous d'abord en tant que {0}.", "This device holds unsent work of {0}. Sign in as {0} first."),
        ["Password"] = ("Wachtwoord", "Mot de passe", "Password"),
        ["Pause"] = ("Pauze", "Pause", "Pause"),
        ["PhotoFailed"] = ("Deze foto's konden niet gelezen worden:", "Ces photos n'ont pas pu être lues :", "These photos could not be read:"),
        ["Photos"] = ("Foto's", "Photos", "Photos"),
        ["PreviousVisits"] = ("Vorige bezoeken", "Visites précédentes", "Previous visits"),
        ["Price"] = ("Prijs", "Prix", "Price"),
        ["PriceNote"] = ("Berekend volgens uw contract en de tarieven; de factuur volgt.", "Calculé selon votre contrat et nos tarifs ; la facture suit.", "Calculated from your contract and our rates; the invoice follows."),
        ["PricesHidden"] = ("prijzen verborgen", "prix masqués", "prices hidden"),
        ["PricesPerContract"] = ("Prijzen volgens uw contract.", "Prix selon votre contrat.", "Prices as per your contract."),
        ["Processing"] = ("Foto's verwerken…", "Traitement des photos…", "Processing photos…"),
        ["Quantity"] = ("Aantal", "Quantité", "Quantity"),
        ["Remarks"] = ("Opmerkingen", "Remarques", "Remarks"),
        ["Report"] = ("Werkbon", "Bon de travail", "Report"),
        ["Resume"] = ("Verder werken", "Reprendre", "Resume"),
        ["Retry"] = ("Opnieuw proberen", "Réessayer", "Retry"),
        ["Scan"] = ("Scannen", "Scanner", "Scan"),
        ["SearchCatalog"] = ("Zoek op naam, code of EAN", "Chercher par nom, code ou EAN", "Search by name, code or EAN"),
        ["Sent"] = ("Verzonden", "Envoyé", "Sent"),
        ["SentReports"] = ("Verzonden werkbonnen", "Bons envoyés", "Sent reports"),
        ["Serial"] = ("serienr.", "n° de série", "serial"),
        ["ServerTrouble"] = ("De server antwoordt niet goed; we proberen later opnieuw.", "Le serveur répond mal ; nouvel essai plus tard.", "The server is in trouble; we will try again later."),
        ["SessionExpired"] = ("Je aanmelding is verlopen; je werk blijft bewaard.", "Votre session a expiré ; votre travail est conservé.", "Your sign-in expired; your work is kept."),
        ["Signature"] = ("Handtekening", "Signature", "Signature"),
        ["SignatureRequired"] = ("Teken in het vak.", "Signez dans le cadre.", "Sign in the box."),
        ["SignAndSeal"] = ("Ondertekenen", "Signer", "Sign"),
        ["SignedBy"] = ("Getekend door", "Signé par", "Signed by"),
        ["SignedReport"] = ("Getekende werkbon", "Bon signé", "Signed report"),
        ["SignedWaiting"] = ("Getekend, wacht op verzending", "Signé, en attente d'envoi", "Signed, waiting to be sent"),
        ["SignerName"] = ("Naam", "Nom", "Name"),
        ["SignerNameRequired"] = ("Vul uw naam in.", "Indiquez votre nom.", "Type your name."),
        ["SignHint"] = ("Teken met uw vinger in het vak en vul uw naam in.", "Signez du doigt dans le cadre et indiquez votre nom.", "Sign with your finger in the box and type your name."),
        ["SignIn"] = ("Aanmelden", "Se connecter", "Sign in"),
        ["SignInAgain"] = ("Opnieuw aanmelden", "Se reconnecter", "Sign in again"),
        ["SignInFailed"] = ("E-mailadres of wachtwoord klopt niet, of het account is na te veel pogingen even vergrendeld.", "Adresse e-mail ou mot de passe incorrect, ou compte verrouillé un moment après trop de tentatives.", "The e-mail address or password is wrong, or the account is locked for a while after too many attempts."),
        ["SignInThrottled"] = ("Te veel aanmeldpogingen. Wacht even en probeer dan opnieuw.", "Trop de tentatives de connexion. Patientez un moment, puis réessayez.", "Too many sign-in attempts. Wait a while, then try again."),
        ["SignInHint"] = ("Eén keer aanmelden met verbinding; daarna werkt de app ook zonder netwerk.", "Connectez-vous une fois avec réseau ; ensuite l'application fonctionne hors ligne.", "Sign in once while online; after that the app works without a network."),
        ["SignInOffline"] = ("Geen verbinding: aanmelden kan alleen online.", "Pas de connexion : la connexion nécessite le réseau.", "No connection: signing in needs a network."),
        ["SignInTitle"] = ("Werkbon voor technici", "Werkbon pour techniciens", "Werkbon for technicians"),
        ["Since"] = ("sinds", "depuis", "since"),
        ["Site"] = ("Adres", "Adresse", "Site"),
        ["SiteDistance"] = ("Volgens de planning: {0} km", "Selon le planning : {0} km", "Per the schedule: {0} km"),
        ["SixPercentConfirm"] = ("Ik bevestig dat de woning meer dan 10 jaar oud is en als privéwoning gebruikt wordt (6 % btw).", "Je confirme que l'habitation a plus de 10 ans et sert de logement privé (TVA 6 %).", "I confirm the home is more than 10 years old and used as a private home (6 % VAT)."),
        ["StartReport"] = ("Werkbon starten", "Commencer le bon", "Start the report"),
        ["StartTravel"] = ("Vertrek", "Départ", "Start travel"),
        ["StartWork"] = ("Start werk", "Début du travail", "Start work"),
        ["StopTravel"] = ("Rit stoppen", "Fin du trajet", "Stop travel"),
        ["SummaryTitle"] = ("Samenvatting van de werkbon", "Résumé du bon de travail", "Summary of the work report"),
        ["SyncNow"] = ("Nu synchroniseren", "Synchroniser", "Sync now"),
        ["SyncTitle"] = ("Synchronisatie", "Synchronisation", "Sync"),
        ["Syncing"] = ("bezig…", "en cours…", "syncing…"),
        ["TakePhoto"] = ("Foto nemen", "Prendre une photo", "Take a photo"),
        ["Technician"] = ("Technicus", "Technicien", "Technician"),
        ["Time"] = ("Tijd", "Temps", "Time"),
        ["TimerFinished"] = ("Klaar", "Terminé", "Finished"),
        ["TimerIdle"] = ("Nog niet gestart", "Pas encore commencé", "Not started"),
        ["TimerPaused"] = ("Pauze", "En pause", "Paused"),
        ["TimerStillRunning"] = ("De tijd loopt nog: stop eerst de timer.", "Le chrono tourne encore : arrêtez-le d'abord.", "The timer is still running: stop it first."),
        ["TimerTravelling"] = ("Onderweg", "En route", "Travelling"),
        ["TimerWorking"] = ("Aan het werk", "Au travail", "Working"),
        ["To"] = ("Tot", "À", "To"),
        ["ToDo"] = ("Te doen", "À faire", "To do"),
        ["Today"] = ("Vandaag", "Aujourd'hui", "Today"),
        ["ToSend"] = ("te verzenden", "à envoyer", "to send"),
        ["ToSummary"] = ("Naar samenvatting en handtekening", "Vers le résumé et la signature", "To summary and signature"),
        ["Total"] = ("Totaal", "Total", "Total"),
        ["Travel"] = ("Verplaatsing", "Déplacement", "Travel"),
        ["TravelBack"] = ("Terugrit", "Retour", "Travel back"),
        ["Unit"] = ("Eenheid", "Unité", "Unit"),
        ["UnitHour"] = ("uur", "heure", "hour"),
        ["UnitHourShort"] = ("u", "h", "h"),
        ["UnitKilogram"] = ("kilogram", "kilogramme", "kilogram"),
        ["UnitLitre"] = ("liter", "litre", "litre"),
        ["UnitMetre"] = ("meter", "mètre", "metre"),
        ["UnitPiece"] = ("stuk", "pièce", "piece"),
        ["UnitPieceShort"] = ("st.", "pc", "pc"),
        ["UnitPriceOptional"] = ("Eenheidsprijs (optioneel)", "Prix unitaire (facultatif)", "Unit price (optional)"),
        ["UpdateAvailable"] = ("Er is een nieuwe versie van de app.", "Une nouvelle version de l'app est disponible.", "A new version of the app is available."),
        ["UpdateReload"] = ("Herladen", "Recharger", "Reload"),
        ["Vat"] = ("Btw", "TVA", "VAT"),
        ["VisitDate"] = ("Datum", "Date", "Date"),
        ["WarrantyRepair"] = ("Herstelling onder garantie", "Réparation sous garantie", "Warranty repair"),
        ["WarrantyUntil"] = ("garantie tot", "garantie jusqu'au", "warranty until"),
        ["Work"] = ("Werk", "Travail", "Work"),
        ["WorkDone"] = ("Uitgevoerd werk", "Travaux effectués", "Work done"),
        ["WorkDoneHint"] = ("Wat is er gedaan?", "Qu'est-ce qui a été fait ?", "What was done?"),
        ["WorkOrderNotOnDevice"] = ("Deze werkorder staat niet (meer) op dit toestel.", "Cet ordre de travail n'est pas (plus) sur cet appareil.", "This work order is not (or no longer) on this device."),
        ["WorkOrders"] = ("Werkorders", "Ordres de travail", "Work orders"),
        ["YourName"] = ("Uw naam (technicus)", "Votre nom (technicien)", "Your name (technician)"),
        ["YourNameRequired"] = ("Vul je naam in.", "Indiquez votre nom.", "Type your name."),
    };
}
