using Werkbon.Core.Calendar;

namespace Werkbon.Core.Tests.Calendar;

public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Belgium = HolidayCalendar.Belgium();

    [Theory]
    [InlineData(2024, "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    [InlineData(2028, "2028-04-17", "2028-05-25", "2028-06-05")]
    [InlineData(2038, "2038-04-26", "2038-06-03", "2038-06-14")]
    public void Easter_Monday_Ascension_and_Whit_Monday_are_computed_for_each_year(int year, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = Belgium.In(year, Language.En).ToDictionary(h => h.Name, h => h.Date.ToString("yyyy-MM-dd", null));

        Assert.Equal(easterMonday, holidays["Easter Monday"]);
        Assert.Equal(ascension, holidays["Ascension Day"]);
        Assert.Equal(whitMonday, holidays["Whit Monday"]);
    }

    [Fact]
    public void Belgium_has_ten_public_holidays_a_year()
    {
        var dates = Belgium.In(2026, Language.En).Select(h => (h.Date.Month, h.Date.Day));

        Assert.Equal([(1, 1), (4, 6), (5, 1), (5, 14), (5, 25), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)], dates);
    }

    [Fact]
    public void Company_days_are_holidays_of_that_company_only()
    {
        var company = Belgium.WithCompanyDays([new CompanyHoliday(new DateOnly(2026, 11, 2), "Bridge day")]);

        Assert.True(company.IsHoliday(new DateOnly(2026, 11, 2)));
        Assert.False(Belgium.IsHoliday(new DateOnly(2026, 11, 2)));
        Assert.Equal("Bridge day", company.NameOf(new DateOnly(2026, 11, 2), Language.Nl));
        Assert.Equal(11, company.In(2026, Language.En).Count);
    }

    [Fact]
    public void Holiday_names_are_given_in_the_requested_language()
    {
        Assert.Equal("Paasmaandag", Belgium.NameOf(new DateOnly(2026, 4, 6), Language.Nl));
        Assert.Equal("Lundi de Pâques", Belgium.NameOf(new DateOnly(2026, 4, 6), Language.Fr));
        Assert.Null(Belgium.NameOf(new DateOnly(2026, 4, 7), Language.En));
    }
}
