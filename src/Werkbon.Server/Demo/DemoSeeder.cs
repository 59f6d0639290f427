using Microsoft.AspNetCore.Identity;
using Werkbon.Core.Calendar;
using Werkbon.Server.Companies;
using Werkbon.Server.People;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Demo;

/// <summary>
/// Runs at start-up after the migrations. Makes sure the roles exist; on the first run with an empty
/// database (and <c>Demo:Seed</c> not switched off) creates the demo company "Verwarming Peeters BV", an
/// HVAC and plumbing installer in Mechelen, in one transaction; prints the demo logins while it exists.
/// </summary>
public sealed class DemoSeeder(
    AppDb db,
    CurrentCompany currentCompany,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TimeProvider clock,
    IFileStore files,
    IConfiguration configuration,
    ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await EnsureRolesAsync(ct);
        if (!configuration.GetValue("Demo:Seed", true))
        {
            return;
        }

        if (await db.Companies.IgnoreQueryFilters().AnyAsync(ct))
        {
            if (await users.FindByEmailAsync(DemoLogins.Admin) is not null)
            {
                ShowLogins();
            }

            return;
        }

        await CreateDemoCompanyAsync(ct);
        ShowLogins();
    }

    private async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }
    }

    private async Task CreateDemoCompanyAsync(CancellationToken ct)
    {
        var company = Company();
        var companyClock = CompanyClock.Of(company);
        var zone = companyClock.Zone;
        var now = clock.GetUtcNow();
        var today = companyClock.DateOf(now);

        var jan = Person(company, DemoLogins.Technician, "Jan De Smet", "technician", new("Kerkstraat 18", "2860", "Sint-Katelijne-Waver"));
        var marc = Person(company, DemoLogins.SeniorTechnician, "Marc Dubois", "senior", new("Rue de Namur 45", "1300", "Wavre"), language: "fr");
        var pieter = Person(company, DemoLogins.SecondTechnician, "Pieter Claes", "technician", new("Bergstraat 131", "2220", "Heist-op-den-Berg"));
        (AppUser User, string Role)[] people =
        [
            (Person(company, DemoLogins.Admin, "An Peeters"), Roles.Admin),
            (Person(company, DemoLogins.Office, "Sofie Janssens"), Roles.Office),
            (jan, Roles.Technician),
            (marc, Roles.Technician),
            (pieter, Roles.Technician),
        ];

        var book = new DemoBook(today);
        DemoCustomers.AddTo(book);
        book.Articles.AddRange(DemoCatalog.Articles());
        var crew = new DemoCrew(jan.Id, marc.Id, pieter.Id);
        var pastWork = DemoReports.AddTo(book, crew, zone);
        DemoSchedule.AddTo(book, crew, zone);
        var contracts = DemoReports.Contracts(book);

        // Numbered like SaveWorkOrder numbers new ones, so the office's next work order follows on.
        DemoSchedule.Number(book, now.Year);
        company.WorkOrderSequenceYear = now.Year;
        company.WorkOrderSequence = book.WorkOrders.Count;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Companies.Add(company);
        currentCompany.Set(company.Id);
        foreach (var (user, role) in people)
        {
            Check(await users.CreateAsync(user, DemoLogins.Password));
            Check(await users.AddToRoleAsync(user, role));
        }

        db.Customers.AddRange(book.Customers);
        db.Sites.AddRange(book.Sites);
        db.Assets.AddRange(book.Assets);
        db.Articles.AddRange(book.Articles);
        db.WorkOrders.AddRange(book.WorkOrders);
        db.Contracts.AddRange(contracts);
        await db.SaveChangesAsync(ct);

        // The past weeks' reports arrive as if synced: priced, decided, audited.
        var rateClasses = people.ToDictionary(p => p.User.Id, p => p.User.RateClass);
        var reports = await DemoReports.SignAsync(pastWork, rateClasses, zone, db, files, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation(
            "Demo company {Company} created: {Users} users, {Customers} customers, {Sites} sites, {Assets} assets, {Articles} articles, {WorkOrders} work orders, {Contracts} contracts, {Reports} signed reports",
            company.Name, people.Length, book.Customers.Count, book.Sites.Count, book.Assets.Count, book.Articles.Count, book.WorkOrders.Count, contracts.Count, reports);
    }

    /// <summary>The demo company: a real-looking installer whose numbers pass every check digit (enterprise number, VAT, IBAN).</summary>
    private static Company Company() => new()
    {
        Name = DemoLogins.CompanyName,
        LegalName = DemoLogins.CompanyName,
        EnterpriseNumber = "0688421569",
        VatNumber = "BE0688421569",
        Address = new("Battelsesteenweg 134", "2800", "Mechelen"),
        Iban = "BE90735041287632",
        Bic = "KREDBEBB",
        PeppolId = "0208:0688421569",
        Email = "info@verwarming-peeters.example",
        Phone = "+32 15 41 23 56",
        DefaultPaymentTermDays = 30,
        TimeZone = WallClock.DefaultZoneId,
        DefaultLanguage = "nl",
    };

    private static AppUser Person(
        Company company, string email, string name, string? rateClass = null, Address? homeBase = null, string language = "nl") =>
        new()
        {
            CompanyId = company.Id,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Language = language,
            RateClass = rateClass,
            HomeBase = homeBase ?? Address.Empty,
        };

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo company could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>The one place that writes to the console: a newcomer sees how to sign in (the host prints the URLs).</summary>
    private void ShowLogins()
    {
        var technicians = string.Join(", ", DemoLogins.Technicians);
        Console.WriteLine(
            $"""

            Demo company "{DemoLogins.CompanyName}" — sign in with password {DemoLogins.Password}
              admin        {DemoLogins.Admin}
              office       {DemoLogins.Office}
              technicians  {technicians}

            """);
    }
}
