using System.Globalization;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Server.Contracts;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Demo;

/// <summary>
/// The demo's past weeks: work orders done over the last three weeks with their signed reports, received
/// through the same arrival path as the sync API (priced, decided by the straight-through rules, audited).
/// About half are clean and approved straight through; the others wait in the inbox for a reason the
/// office recognises: extras, overtime, a free-text item, a changed price, a high amount, no contract,
/// an absent customer. Maintenance contracts cover the business customers the clean ones are for.
/// </summary>
internal static class DemoReports
{
    internal sealed record Part(string Code, decimal Quantity, bool IsExtra = false, decimal? PriceOverride = null, string? FreeText = null);

    /// <summary>A visit as the technician recorded it; times are local, travel comes before the work.</summary>
    internal sealed record Visit(
        int WorkingDaysAgo, string From, string To, string SiteKey, string Description, char Who, Part[] Parts,
        string WorkDone, string Signer, int TravelMinutes = 20, int ExtraMinutes = 0, string? AbsenceReason = null);

    public sealed record Done(WorkOrder Order, Visit Visit);

    private static readonly string[] ContractSites = ["bakery", "school", "hotel", "northstar", "wzc", "devest", "lemmens", "terelst", "louise"];

    private static readonly Visit[] Visits =
    [
        // Clean: under contract, ordinary hours, catalog articles, within the limits.
        new(5, "08:00", "09:00", "bakery", "Jaarlijks ontkalken warmwaterboiler.", 'P', [new("MNT-BOIL", 1)], "Boiler ontkalkt, anode nagekeken, veiligheidsgroep getest.", "Koen Van den Broeck"),
        new(6, "09:00", "10:15", "school", "Druk CV-installatie zakt: lek zoeken.", 'P', [new("FIT-KN22", 2), new("PIP-CU22", 1.5m)], "Lek in de stookplaats hersteld, 2 koppelingen en 1,5 m koperbuis vervangen, druk op 1,5 bar.", "Griet Aerts"),
        new(7, "10:00", "11:15", "hotel", "Circulatiepomp sanitair warm water maakt lawaai.", 'P', [new("VAL-KK34", 1)], "Afsluitkraan vóór de pomp vervangen, pomp ontlucht; geen geluid meer.", "Bart Peeters"),
        new(8, "08:30", "10:00", "northstar", "Jaarlijks onderhoud airco (2 binnenunits).", 'M', [new("MNT-AIRCO", 2), new("AC-FLT", 2)], "Two indoor units cleaned, filters replaced, condensate drain checked.", "Emma Jacobs"),
        new(9, "08:00", "09:00", "wzc", "Ontkalken warmwaterboiler, legionellaspoeling.", 'J', [new("MNT-BOIL", 1)], "Boiler ontkalkt, thermische spoeling uitgevoerd en genoteerd in het logboek.", "Marleen Wuyts"),
        new(10, "13:00", "14:15", "devest", "Twee radiatorkranen traphal lekken.", 'J', [new("VAL-RTK", 2)], "Twee thermostatische radiatorkranen vervangen in de traphal.", "Syndicus D. Claes"),
        new(11, "08:00", "08:45", "lemmens", "Airco behandelkamer 1: filter vervangen.", 'J', [new("AC-FLT", 1)], "Filter vervangen, unit gereinigd.", "Dr. Lemmens"),
        new(12, "08:00", "10:00", "terelst", "Jaarlijks onderhoud stookplaats.", 'P', [new("MNT-STOOK", 1)], "Ketel en boiler onderhouden, verbrandingsanalyse in orde, verslag voor de VME.", "Luc Ter Elst"),
        new(13, "14:00", "15:00", "louise", "Onderhoud collectieve gasketel.", 'M', [new("MNT-GAS", 1)], "Entretien effectué, analyse de combustion conforme.", "Mme Dubois"),

        // Waiting for the office, each for a reason.
        new(2, "16:00", "18:30", "hotel", "Dringend: geen warm water op de 2de verdieping.", 'P', [new("WH-VE22", 1)], "Verwarmingselement boiler vervangen na sluitingstijd van de receptie.", "Bart Peeters"),
        new(3, "08:00", "09:15", "bakery", "Lekkende kraan in het atelier.", 'P', [new("VAL-KK12", 1), new("VAL-AO38", 1, IsExtra: true)], "Kraan hersteld; op vraag van de klant ook een extra aansluitkraan voor de vaatwasser geplaatst.", "Koen Van den Broeck"),
        new(4, "10:00", "11:00", "school", "Radiator klas 3 blijft koud.", 'P', [new("", 1, PriceOverride: 34.90m, FreeText: "Thermostaatkop Honeywell (niet in catalogus)")], "Thermostaatkop defect, vervangen door exemplaar uit de bestelwagen.", "Griet Aerts"),
        new(5, "13:00", "14:00", "devest", "Sifon keuken conciërgewoning lekt.", 'J', [new("SAN-SIF", 1, PriceOverride: 12.00m)], "Sifon vervangen; klant kreeg de prijs van de vorige interventie.", "Syndicus D. Claes"),
        new(14, "08:00", "15:00", "terelst", "Vervanging ketel stookplaats (offerte aanvaard).", 'P', [new("BOI-CK25", 1), new("PIP-CU22", 4), new("FIT-KN22", 6)], "Oude ketel gedemonteerd en afgevoerd, nieuwe condensatieketel geplaatst en in dienst gesteld.", "Luc Ter Elst"),
        new(7, "08:00", "09:00", "wouters", "Jaarlijks onderhoud gasketel.", 'J', [new("MNT-GAS", 1)], "Ketel onderhouden, verbrandingsattest opgemaakt.", "Dirk Wouters"),
        new(8, "13:30", "15:00", "verstraeten", "Jaarlijks onderhoud warmtepomp.", 'M', [new("MNT-WP", 1)], "Entretien effectué, filtre nettoyé; client absent, clé chez le voisin.", "", AbsenceReason: "Klant niet thuis; sleutel bij de buren opgehaald."),
        new(3, "11:00", "12:30", "northstar", "Airco vergaderzaal koelt onvoldoende.", 'M', [new("AC-FLT", 1)], "Filter replaced; at the customer's request an extra indoor unit in the kitchen was cleaned.", "Emma Jacobs", ExtraMinutes: 30),
        new(10, "17:15", "18:45", "lemmens", "Airco behandelkamer 2 valt uit (na de consultaties).", 'J', [new("AC-CAP", 1)], "Startcondensator vervangen, unit werkt terug.", "Dr. Lemmens"),
    ];

    /// <summary>Maintenance contracts for the business customers most visits are for.</summary>
    public static List<ServiceContract> Contracts(DemoBook book)
    {
        var customers = ContractSites.Select(key => book.Site(key).CustomerId).Distinct();
        return [.. customers.Select(customerId => new ServiceContract
        {
            CustomerId = customerId,
            Name = "Onderhoudscontract Comfort",
            Kind = ContractKind.MaintenanceSubscription,
            StartsOn = new DateOnly(book.Today.Year - 1, 1, 1),
            Terms = new ContractTerms("Comfort") { PartsDiscountPercent = 10m },
            SlaResponseHours = 24,
        })];
    }

    /// <summary>The past weeks' work orders (planned; their reports complete them), to number with the rest.</summary>
    public static List<Done> AddTo(DemoBook book, DemoCrew crew, TimeZoneInfo zone)
    {
        var done = new List<Done>();
        foreach (var visit in Visits)
        {
            var day = DemoSchedule.WorkingDay(book.Today, -visit.WorkingDaysAgo);
            var site = book.Site(visit.SiteKey);
            var order = new WorkOrder
            {
                CustomerId = site.CustomerId,
                SiteId = site.Id,
                Description = visit.Description,
                ScheduledStart = DemoSchedule.Utc(day, visit.From, zone),
                ScheduledEnd = DemoSchedule.Utc(day, visit.To, zone),
                Technicians = [new WorkOrderTechnician { UserId = Technician(crew, visit.Who) }],
            };
            book.WorkOrders.Add(order);
            done.Add(new Done(order, visit));
        }

        return done;
    }

    /// <summary>
    /// Signs each visit's report as the device would (canonical form, hash, photos and signature image by
    /// SHA-256), stores the images and lets the report arrive. Not saved here: the caller saves once.
    /// </summary>
    public static async Task<int> SignAsync(
        IReadOnlyList<Done> done, IReadOnlyDictionary<Guid, string?> rateClasses, TimeZoneInfo zone, AppDb db, IFileStore files, CancellationToken ct)
    {
        var companyId = db.CompanyId!.Value;
        var seed = 0;
        foreach (var (order, visit) in done)
        {
            seed++;
            var technician = order.Technicians[0].UserId;
            var start = new DateTimeOffset(order.ScheduledStart, TimeSpan.Zero);
            var end = new DateTimeOffset(order.ScheduledEnd, TimeSpan.Zero);
            var offset = zone.GetUtcOffset(order.ScheduledStart);
            DateTimeOffset Local(DateTimeOffset utc) => utc.ToOffset(offset);
            var day = DateOnly.FromDateTime(Local(start).DateTime);
            var workEnd = end.AddMinutes(-visit.ExtraMinutes);
            List<ReportTimeEntry> time =
            [
                new(Guid.CreateVersion7(), Local(start.AddMinutes(-visit.TravelMinutes)), Local(start), TimeEntryKind.Travel, false, null),
                new(Guid.CreateVersion7(), Local(start), Local(workEnd), TimeEntryKind.Work, false, null),
            ];
            if (visit.ExtraMinutes > 0)
            {
                time.Add(new(Guid.CreateVersion7(), Local(workEnd), Local(end), TimeEntryKind.Work, true, "Op vraag van de klant"));
            }

            var articles = await db.Articles.AsNoTracking().Where(a => visit.Parts.Select(p => p.Code).Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
            var materials = visit.Parts.Select((p, i) => p.FreeText is { } text
                ? new ReportMaterial(Guid.CreateVersion7(), null, text, p.Quantity, "C62", p.IsExtra, p.PriceOverride, true)
                : new ReportMaterial(Guid.CreateVersion7(), p.Code, articles[p.Code].NameNl, p.Quantity, articles[p.Code].Unit, p.IsExtra, p.PriceOverride, false)).ToList();

            var photos = new List<ReportPhoto>();
            foreach (var (bytes, caption) in new[] { (DemoImages.Photo(seed * 2), "Voor"), (DemoImages.Photo((seed * 2) + 1), "Na") })
            {
                photos.Add(new ReportPhoto(await StoreAsync(bytes, companyId, db, files, end.UtcDateTime, ct), caption, DemoImages.PhotoWidth, DemoImages.PhotoHeight, bytes.Length));
            }

            var absent = visit.AbsenceReason is not null;
            var signature = absent ? null : await StoreAsync(DemoImages.Signature(seed), companyId, db, files, end.UtcDateTime, ct);
            var signedAt = Local(end.AddMinutes(5));
            var document = new ReportDocument(
                ReportDocument.CurrentVersion,
                Guid.CreateVersion7(),
                order.Id,
                technician,
                rateClasses.GetValueOrDefault(technician),
                day,
                time,
                null,
                materials,
                visit.WorkDone,
                "",
                [],
                photos,
                false,
                null,
                false,
                new ReportSignature(visit.Signer, signedAt, signature, absent, visit.AbsenceReason));
            if (ReportRules.Check(document).FirstOrDefault() is { } problem)
            {
                throw new InvalidOperationException($"Demo report for {order.Description} is not valid: {problem.Field} {problem.Code}");
            }

            await PushReport.ReceiveAsync(document, ReportHash.Compute(document), order, db, signedAt.UtcDateTime.AddMinutes(2), ct);
        }

        return done.Count;
    }

    private static Guid Technician(DemoCrew crew, char who) => who switch
    {
        'J' => crew.Jan,
        'M' => crew.Marc,
        _ => crew.Pieter,
    };

    /// <summary>Device-made ids look like the device's: version 7, here derived from the visit so a seed is repeatable in shape.</summary>
    private static Guid Id(int visit, int part) => Guid.CreateVersion7();

    private static async Task<string> StoreAsync(byte[] bytes, Guid companyId, AppDb db, IFileStore files, DateTime at, CancellationToken ct)
    {
        var hash = PhotoHash.Compute(bytes);
        if (db.Files.Local.Any(f => f.Sha256 == hash))
        {
            return hash;
        }

        await files.WriteAsync(companyId, hash, bytes, ct);
        db.Files.Add(new StoredFile { Sha256 = hash, ContentType = "image/png", Length = bytes.Length, ReceivedAt = at });
        return hash;
    }
}
