using System.Globalization;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Demo;

/// <summary>The three demo technicians' user ids.</summary>
internal sealed record DemoCrew(Guid Jan, Guid Marc, Guid Pieter);

/// <summary>
/// The demo planning: two jobs done on the previous working day, three jobs for each technician today and
/// some for the next working days. Times are local wall-clock times in the company's zone, stored in UTC.
/// </summary>
internal static class DemoSchedule
{
    private sealed record Job(DateOnly Day, string From, string To, string SiteKey, string Description, Guid[] Technicians, string[] AssetKeys, bool Done = false);

    public static void AddTo(DemoBook book, DemoCrew crew, TimeZoneInfo zone)
    {
        var today = book.Today;
        var yesterday = WorkingDay(today, -1);
        var (next, second, third, fourth) = (WorkingDay(today, 1), WorkingDay(today, 2), WorkingDay(today, 3), WorkingDay(today, 4));

        Job[] jobs =
        [
            new(yesterday, "08:00", "09:00", "hermans", "Jaarlijks onderhoud gasketel en verbrandingsattest.", [crew.Jan], ["hermans-boiler"], Done: true),
            new(yesterday, "13:00", "15:00", "lefevre", "Ketel valt regelmatig in storing F4 (geen vlamsignaal). Ontstekingselektrode nakijken; toestel nog onder garantie.", [crew.Marc], ["lefevre-boiler"], Done: true),

            new(today, "08:00", "09:30", "wouters", "Jaarlijks onderhoud gasketel en verbrandingsattest.", [crew.Jan], ["wouters-boiler"]),
            new(today, "10:00", "11:30", "goossens-flat", "Lek onder lavabo in de badkamer; huurster heeft de hoofdkraan dichtgedraaid. Sifon en flexibels nakijken.", [crew.Jan], []),
            new(today, "13:00", "15:30", "devest", "Vervangen van 6 thermostatische radiatorkranen in de traphal en de gemeenschappelijke delen (offerte goedgekeurd door de syndic).", [crew.Jan], []),
            new(today, "08:30", "10:30", "debacker", "Storing warmtepomp E7: buitenunit valt uit bij het opstarten. Toestel onder garantie: foto van typeplaatje en foutcode nemen.", [crew.Marc], ["debacker-heatpump"]),
            new(today, "11:30", "13:00", "northstar", "Jaarlijks onderhoud airco: 2 binnenunits reinigen, filters vervangen, condensafvoer controleren.", [crew.Marc], ["northstar-ac-1", "northstar-ac-2"]),
            new(today, "14:30", "16:30", "louise", "Jaarlijks onderhoud collectieve gasketel met verbrandingsanalyse (attest Leefmilieu Brussel).", [crew.Marc], ["louise-boiler"]),
            new(today, "08:00", "09:30", "bakery", "Boiler geeft geen warm water meer; vermoedelijk verwarmingselement defect.", [crew.Pieter], ["bakery-waterheater"]),
            new(today, "10:30", "12:00", "school", "Druk CV-installatie zakt steeds onder 1 bar: lek zoeken en expansievat controleren.", [crew.Pieter], ["school-boiler"]),
            new(today, "13:30", "15:00", "hotel", "Sanitair warm water op de 2de verdieping wordt niet warm genoeg; circulatiepomp en boiler nakijken.", [crew.Pieter], ["hotel-waterheater"]),

            new(next, "08:00", "16:30", "goossens", "Vervanging oude gasketel door condensatieketel (offerte goedgekeurd): oude ketel afvoeren, rookgasafvoer aanpassen, installatie spoelen en in dienst stellen.", [crew.Jan, crew.Pieter], ["goossens-boiler"]),
            new(next, "09:00", "10:30", "verstraeten", "Jaarlijks onderhoud warmtepomp.", [crew.Marc], ["verstraeten-heatpump"]),
            new(second, "08:00", "09:30", "wzc", "Ontkalken warmwaterboiler en controle veiligheidsgroep; legionellaspoeling noteren in het logboek.", [crew.Jan], ["wzc-waterheater"]),
            new(second, "13:00", "15:00", "dumont", "Geen verwarming meer, ketel toont F.75 (drukmeting). Klant spreekt Frans.", [crew.Marc], ["dumont-boiler"]),
            new(third, "08:00", "12:00", "terelst", "Jaarlijks onderhoud stookplaats: ketel en boiler, verbrandingsanalyse en verslag voor de VME.", [crew.Pieter], ["terelst-boiler", "terelst-tank"]),
            new(fourth, "07:30", "09:00", "lemmens", "Airco in behandelkamer 2 koelt niet meer; lekdetectie koudemiddel.", [crew.Jan], ["lemmens-ac"]),
        ];

        foreach (var job in jobs)
        {
            var site = book.Site(job.SiteKey);
            var order = new WorkOrder
            {
                CustomerId = site.CustomerId,
                SiteId = site.Id,
                Description = job.Description,
                ScheduledStart = Utc(job.Day, job.From, zone),
                ScheduledEnd = Utc(job.Day, job.To, zone),
                Assets = [.. job.AssetKeys.Select(key => new WorkOrderAsset { AssetId = book.AssetOf(key).Id })],
                Technicians = [.. job.Technicians.Select(id => new WorkOrderTechnician { UserId = id })],
            };
            if (job.Done)
            {
                order.Start();
                order.Complete();
            }

            book.WorkOrders.Add(order);
        }
    }

    /// <summary>Numbers every work order of the book in the order they are scheduled, like SaveWorkOrder numbers new ones.</summary>
    public static void Number(DemoBook book, int year)
    {
        var number = 0;
        foreach (var order in book.WorkOrders.OrderBy(w => w.ScheduledStart))
        {
            order.Number = $"WO-{year}-{++number:0000}";
        }
    }

    /// <summary>The working day <paramref name="offset"/> working days away; Saturdays and Sundays are skipped.</summary>
    public static DateOnly WorkingDay(DateOnly from, int offset)
    {
        var day = from;
        for (var step = Math.Sign(offset); offset != 0; offset -= step)
        {
            do
            {
                day = day.AddDays(step);
            }
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        return day;
    }

    public static DateTime Utc(DateOnly day, string time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture)), zone);
}
