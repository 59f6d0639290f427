namespace Werkbon.Core.Calendar;

/// <summary>A public holiday that falls on the same date every year, or a number of days after Easter Sunday.</summary>
public sealed record HolidayRule(LocalizedText Name, int Month, int Day, int? DaysAfterEaster = null)
{
    public static HolidayRule Fixed(int month, int day, LocalizedText name) => new(name, month, day);

    public static HolidayRule AfterEaster(int days, LocalizedText name) => new(name, 0, 0, days);

    public DateOnly DateIn(int year) =>
        DaysAfterEaster is { } days ? HolidayCalendar.EasterSunday(year).AddDays(days) : new DateOnly(year, Month, Day);
}

/// <summary>A day the company treats as a public holiday (e.g. a bridge day or the patron saint's day).</summary>
public sealed record CompanyHoliday(DateOnly Date, string Name);

/// <summary>
/// A country's public holidays, computed for any year, plus the company's own days. Immutable and
/// allocation-free to query, so the field app and the server can share one instance.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HolidayRule[] rules;
    private readonly Dictionary<DateOnly, string> companyDays;

    public HolidayCalendar(IEnumerable<HolidayRule> rules, IEnumerable<CompanyHoliday>? companyDays = null)
    {
        this.rules = [.. rules];
        this.companyDays = [];
        foreach (var day in companyDays ?? [])
        {
            this.companyDays[day.Date] = day.Name;
        }
    }

    public IReadOnlyCollection<CompanyHoliday> CompanyDays => [.. companyDays.Select(d => new CompanyHoliday(d.Key, d.Value))];

    /// <summary>Belgium's ten legal public holidays, plus the company's own days.</summary>
    public static HolidayCalendar Belgium(IEnumerable<CompanyHoliday>? companyDays = null) => new(
    [
        HolidayRule.Fixed(1, 1, new("New Year's Day", "Nieuwjaar", "Jour de l'An", "Neujahr")),
        HolidayRule.AfterEaster(1, new("Easter Monday", "Paasmaandag", "Lundi de Pâques", "Ostermontag")),
        HolidayRule.Fixed(5, 1, new("Labour Day", "Dag van de Arbeid", "Fête du Travail", "Tag der Arbeit")),
        HolidayRule.AfterEaster(39, new("Ascension Day", "O.-L.-H.-Hemelvaart", "Ascension", "Christi Himmelfahrt")),
        HolidayRule.AfterEaster(50, new("Whit Monday", "Pinkstermaandag", "Lundi de Pentecôte", "Pfingstmontag")),
        HolidayRule.Fixed(7, 21, new("Belgian National Day", "Nationale feestdag", "Fête nationale", "Nationalfeiertag")),
        HolidayRule.Fixed(8, 15, new("Assumption Day", "O.-L.-V.-Hemelvaart", "Assomption", "Mariä Himmelfahrt")),
        HolidayRule.Fixed(11, 1, new("All Saints' Day", "Allerheiligen", "Toussaint", "Allerheiligen")),
        HolidayRule.Fixed(11, 11, new("Armistice Day", "Wapenstilstand", "Armistice", "Waffenstillstand")),
        HolidayRule.Fixed(12, 25, new("Christmas Day", "Kerstmis", "Noël", "Weihnachten")),
    ], companyDays);

    public HolidayCalendar WithCompanyDays(IEnumerable<CompanyHoliday> days) =>
        new(rules, CompanyDays.Concat(days));

    public bool IsHoliday(DateOnly date) => NameOf(date, Language.En) is not null;

    /// <summary>The holiday's name in <paramref name="language"/>, or null on an ordinary day.</summary>
    public string? NameOf(DateOnly date, Language language)
    {
        foreach (var rule in rules)
        {
            if (rule.DateIn(date.Year) == date)
            {
                return rule.Name.In(language);
            }
        }

        return companyDays.TryGetValue(date, out var name) ? name : null;
    }

    /// <summary>All holidays of <paramref name="year"/> in date order, for screens and printed terms.</summary>
    public IReadOnlyList<(DateOnly Date, string Name)> In(int year, Language language) =>
    [
        .. rules.Select(r => (Date: r.DateIn(year), Name: r.Name.In(language)))
            .Concat(companyDays.Where(d => d.Key.Year == year).Select(d => (Date: d.Key, Name: d.Value)))
            .OrderBy(h => h.Date),
    ];

    /// <summary>Easter Sunday by the Gregorian computus (the anonymous Meeus/Jones/Butcher algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
