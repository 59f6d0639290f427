using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Contracts;

public sealed record RateCardInput(RateCard Card, IReadOnlyList<CompanyHoliday>? CompanyHolidays, int? Version);

public sealed record RateCardDetails(RateCard Card, IReadOnlyList<CompanyHoliday> CompanyHolidays, IReadOnlyList<HolidayDetails> HolidaysThisYear, int Version);

public sealed record HolidayDetails(DateOnly Date, string Name);

/// <summary>The company's rate card: read by the office, changed by an admin.</summary>
public static class SaveRateCard
{
    public static async Task<Ok<RateCardDetails>> Get(AppDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(Details(await ReportPricing.RateCardAsync(db, ct), clock));

    public static async Task<Results<Ok<RateCardDetails>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Update(
        RateCardInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var settings = await db.RateCards.FirstOrDefaultAsync(ct);
        if (settings is not null && !db.IsCurrent(settings, input.Version))
        {
            return Conflicts.Stale();
        }

        var v = Validate(input, texts);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        if (settings is null)
        {
            settings = new RateCardSettings();
            db.RateCards.Add(settings);
        }

        settings.Card = input.Card;
        settings.CompanyHolidays = [.. (input.CompanyHolidays ?? []).OrderBy(h => h.Date)];
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Details(settings, clock));
    }

    private static RateCardDetails Details(RateCardSettings settings, TimeProvider clock)
    {
        var year = clock.GetUtcNow().Year;
        var language = Werkbon.Core.Languages.FromCode(Texts.Language);
        return new RateCardDetails(
            settings.Card,
            settings.CompanyHolidays,
            [.. settings.Holidays().In(year, language).Select(h => new HolidayDetails(h.Date, h.Name))],
            settings.Version);
    }

    public static Validation Validate(RateCardInput input, Texts texts)
    {
        var v = new Validation(texts);
        var card = input.Card;
        if (card is null)
        {
            return v.Add("card", "Validation.Required");
        }

        if (card.HourlyRates is null || card.HourlyRates.Count == 0)
        {
            v.Add("card.hourlyRates", "Validation.Required");
        }
        else
        {
            foreach (var (rateClass, rate) in card.HourlyRates)
            {
                v.Range($"card.hourlyRates.{rateClass}", rate, 0, 1000);
            }

            if (!card.HourlyRates.ContainsKey(card.DefaultTechnicianClass ?? ""))
            {
                v.Add("card.defaultTechnicianClass", "Validation.UnknownRateClass");
            }
        }

        var bands = card.TimeBands ?? [];
        for (var i = 0; i < bands.Count; i++)
        {
            v.Required($"card.timeBands[{i}].key", bands[i].Key, Fields.Code);
            v.Range($"card.timeBands[{i}].surchargePercent", bands[i].SurchargePercent, 0, 500);
            if (bands[i].Days == BandDays.None)
            {
                v.Add($"card.timeBands[{i}].days", "Validation.Required");
            }
        }

        v.Range("card.minimumMinutes", card.MinimumMinutes, 0, 480);
        v.Range("card.roundingMinutes", card.RoundingMinutes, 1, 120);
        v.Range("card.defaultVatPercent", card.DefaultVatPercent, 0, 21);
        ValidateTravel(v, "card.travel", card.Travel);
        foreach (var (holiday, i) in (input.CompanyHolidays ?? []).Select((h, i) => (h, i)))
        {
            v.Required($"companyHolidays[{i}].name", holiday.Name, Fields.Label);
            v.Date($"companyHolidays[{i}].date", holiday.Date);
        }

        return v;
    }

    public static void ValidateTravel(Validation v, string field, TravelPolicy? travel)
    {
        if (travel is null)
        {
            v.Add(field, "Validation.Required");
            return;
        }

        v.Range($"{field}.flatFee", travel.FlatFee, 0, 10_000);
        v.Range($"{field}.beyondPerKm", travel.BeyondPerKm, 0, 100);
        if (travel.Kind == TravelKind.Zones)
        {
            var zones = travel.Zones ?? [];
            if (zones.Count == 0)
            {
                v.Add($"{field}.zones", "Validation.Required");
            }

            for (var i = 0; i < zones.Count; i++)
            {
                v.Range($"{field}.zones[{i}].fee", zones[i].Fee, 0, 10_000);
                if (zones[i].UpToKm <= 0 || (i > 0 && zones[i].UpToKm <= zones[i - 1].UpToKm))
                {
                    v.Add($"{field}.zones[{i}].upToKm", "Validation.ZonesAscending");
                }
            }
        }
    }
}
