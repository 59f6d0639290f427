using Werkbon.Core.Calendar;

namespace Werkbon.Server.Companies;

/// <summary>
/// The company's wall clock, read from its one time zone (<see cref="Company.TimeZone"/>). Pricing, planning,
/// issue dates, screens and documents all take the zone from here: instants are stored in UTC and shown on it.
/// </summary>
public static class CompanyClock
{
    public static async Task<WallClock> LoadAsync(AppDb db, CancellationToken ct) =>
        WallClock.For(await db.Companies.AsNoTracking().Where(c => c.Id == db.CompanyId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct));

    public static WallClock Of(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return WallClock.For(company.TimeZone);
    }
}
