using System.Globalization;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Review;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Demo;

/// <summary>
/// Volume for load runs and crash tests: approved reports spread over many business customers in one month, written straight
/// to the database as the arrival path leaves them (signed canonical form and hash, priced on the company's rate card,
/// approved, work order completed) and on no draft yet. Ten free-text materials each, no photos. Deterministic per seed.
/// </summary>
public static class VolumeSeed
{
    private const int SavedTogether = 500;

    /// <summary>Adds <paramref name="reports"/> approved reports over <paramref name="customers"/> new customers, visits spread over the working days of <paramref name="month"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> ApprovedReportsAsync(
        AppDb db, Guid technicianId, int reports, int customers, DateOnly month, int seed, DateTime now, CancellationToken ct)
    {
        var random = new Random(seed);
        var rateCard = await ReportPricing.RateCardAsync(db, ct);
        var zone = (await Companies.CompanyClock.LoadAsync(db, ct)).Zone;
        var first = new DateOnly(month.Year, month.Month, 1);
        var days = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Select(first.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var tag = seed.ToString("x", CultureInfo.InvariantCulture);

        var people = new List<(Customer Customer, Site Site)>(customers);
        for (var c = 0; c < customers; c++)
        {
            var enterprise = EnterpriseNumber(random);
            var customer = new Customer
            {
                Kind = CustomerKind.Business,
                Name = $"Klant {tag}-{c + 1:00000} BV",
                EnterpriseNumber = enterprise,
                VatNumber = "BE" + enterprise,
                Language = (c % 3) switch { 0 => "nl", 1 => "fr", _ => "en" },
                BillingAddress = new Address($"Kerkstraat {(c % 200) + 1}", "2000", "Antwerpen"),
                PaymentTermDays = 30,
            };
            var site = new Site { CustomerId = customer.Id, Name = "Hoofdzetel", Address = customer.BillingAddress, DistanceKm = 12 };
            db.Customers.Add(customer);
            db.Sites.Add(site);
            people.Add((customer, site));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var ids = new List<Guid>(reports);
        for (var n = 0; n < reports; n++)
        {
            var (customer, site) = people[n % customers];
            var day = days[random.Next(days.Count)];
            DateTimeOffset At(int hour, int minute)
            {
                var local = day.ToDateTime(new TimeOnly(hour, minute));
                return new DateTimeOffset(local, zone.GetUtcOffset(local));
            }

            var start = 8 + random.Next(8);
            var order = new WorkOrder
            {
                Number = $"WO-{day.Year}-V{tag}-{n + 1:000000}",
                CustomerId = customer.Id,
                SiteId = site.Id,
                Description = "Onderhoud installatie",
                ScheduledStart = At(start, 0).UtcDateTime,
                ScheduledEnd = At(start + 1, 15).UtcDateTime,
                Technicians = [new WorkOrderTechnician { UserId = technicianId }],
            };
            var document = new ReportDocument(
                ReportDocument.CurrentVersion,
                Guid.CreateVersion7(),
                order.Id,
                technicianId,
                null,
                day,
                [
                    new(Guid.CreateVersion7(), At(start, 0).AddMinutes(-20), At(start, 0), TimeEntryKind.Travel, false, null),
                    new(Guid.CreateVersion7(), At(start, 0), At(start + 1, 15), TimeEntryKind.Work, false, null),
                ],
                12m,
                [.. Enumerable.Range(1, 10).Select(m => new ReportMaterial(
                    Guid.CreateVersion7(), null, $"Onderdeel {m}", 1 + random.Next(3), "C62", false, 2.5m * (1 + random.Next(40)), true))],
                "Installatie nagekeken en onderhouden.",
                "",
                [],
                [],
                false,
                null,
                false,
                new ReportSignature($"Contact {customer.Name}", At(start + 1, 20), null, false, null));
            var report = new InterventionReport(document, CanonicalReport.ToText(document), ReportHash.Compute(document), now);
            var pricing = PricingEngine.Price(new PricingRequest(
                document.ToVisitReport(site.DistanceKm),
                rateCard.Terms(),
                new ArticleCatalog([]),
                rateCard.Holidays(),
                customer.VatFacts(site))
            {
                Language = Werkbon.Core.Languages.FromCode(customer.Language),
                OfficeLanguage = Werkbon.Core.Language.Nl,
            });
            report.Arrive(pricing, null, new StraightThroughDecision(true, [ReviewReason.Clean]), now);
            order.Complete();
            db.WorkOrders.Add(order);
            db.Reports.Add(report);
            ids.Add(report.Id);
            if ((n + 1) % SavedTogether == 0 || n == reports - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        return ids;
    }

    /// <summary>A valid Belgian enterprise number (0 + seven digits + the mod-97 check).</summary>
    private static string EnterpriseNumber(Random random)
    {
        var body = random.Next(2_000_000, 9_999_999);
        return string.Create(CultureInfo.InvariantCulture, $"0{body:0000000}{97 - (body % 97):00}");
    }
}
