using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Companies;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Companies;

/// <summary>A second company comes to exist through the product: the operator's <c>company create</c> command.</summary>
public class CreateCompanyTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_company_create_command_makes_a_company_whose_admin_sets_a_password_through_the_printed_link(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (connectionString, folder) = await WerkbonApp.NewDatabaseAsync(provider);
        string[] database = ["--DataFolder", folder, "--Database:Provider", provider.ToString(), "--Database:ConnectionString", connectionString];

        var made = await RunAsync(
            ["company", "create", "--name", "Koeltechniek Janssens", "--vat", "BE 0123.456.749", "--admin-email", "an@janssens.example",
             "--admin-name", "An Janssens", "--language", "fr", "--time-zone", "Europe/Luxembourg", "--url", "https://werkbon.example", .. database]);
        var twice = await RunAsync(["company", "create", "--name", "Janssens bis", "--vat", "0123456749", "--admin-email", "other@janssens.example", .. database]);
        var wrong = await RunAsync(
            ["company", "create", "--vat", "BE0123456748", "--admin-email", "not-an-address", "--language", "de", "--time-zone", "Europe/Atlantis", .. database]);

        Assert.True(made.ExitCode == 0, made.Output);
        var link = made.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://werkbon.example/account/accept-invitation?", StringComparison.Ordinal));
        Assert.Contains("BE0123456749", made.Output);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("--vat: A company with this VAT number already uses Werkbon.", twice.Output);
        Assert.Equal(1, wrong.ExitCode);
        foreach (var option in new[] { "--name", "--vat", "--admin-email", "--language", "--time-zone" })
        {
            Assert.Contains($"  {option}: ", wrong.Output);
        }

        using var app = WerkbonApp.Open(provider, connectionString, folder);
        var invitation = await Forms.FetchAsync(app, new Uri(link).PathAndQuery);
        var accepted = await invitation.PostAsync("/account/accept-invitation", new()
        {
            ["user"] = invitation.Field("user"),
            ["token"] = invitation.Field("token"),
            ["password"] = "koude lucht in de zomer",
            ["confirm"] = "koude lucht in de zomer",
        });
        Assert.Equal("/account/login?welcome=1", accepted.Headers.Location?.OriginalString);

        var admin = await app.ClientForAsync("an@janssens.example", "koude lucht in de zomer");
        var users = await admin.GetJsonAsync("/api/users");
        var only = Assert.Single(users.GetProperty("items").EnumerateArray());
        Assert.Equal("An Janssens", only.GetProperty("displayName").GetString());
        Assert.Equal(Roles.Admin, only.GetProperty("role").GetString());
        Assert.Equal("fr", only.GetProperty("language").GetString());
        var companies = await app.InCompany(Guid.Empty, (db, _) => db.Companies.AsNoTracking().ToListAsync(ct));
        var company = Assert.Single(companies);
        Assert.Equal(("Koeltechniek Janssens", "BE0123456749", "0123456749", "Europe/Luxembourg", "fr"), (company.Name, company.VatNumber, company.EnterpriseNumber, company.TimeZone, company.DefaultLanguage));

        // The link is used once.
        var again = await Forms.FetchAsync(app, new Uri(link).PathAndQuery);
        var reused = await again.PostAsync("/account/accept-invitation", new()
        {
            ["user"] = again.Field("user"),
            ["token"] = again.Field("token"),
            ["password"] = "een ander lang wachtwoord",
            ["confirm"] = "een ander lang wachtwoord",
        });
        Assert.Contains("error=invalid", reused.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Companies_created_at_once_with_one_VAT_number_make_one_company(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var vat = WerkbonApp.NextVatNumber();
        var spelledOtherwise = $"{vat[..2]} {vat[2..6]}.{vat[6..9]}.{vat[9..]}";

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateAsync(app, new NewCompany(
            $"Racer {i}", i % 2 == 0 ? vat : spelledOtherwise, $"admin{i}@racer.test", Password: WerkbonApp.Password))));

        var made = Assert.Single(attempts, a => a.Succeeded);
        Assert.All(attempts.Where(a => !a.Succeeded), a => Assert.Equal("vatNumber", Assert.Single(a.Errors.Keys)));
        var stored = await app.InCompany(Guid.Empty, (db, _) => db.Companies.AsNoTracking().Select(c => new { c.Id, c.VatNumber }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(made.Created!.CompanyId, Assert.Single(stored).Id);
        var admins = await app.InCompany(Guid.Empty, (db, _) => db.Users.AsNoTracking().Select(u => u.CompanyId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(made.Created.CompanyId, Assert.Single(admins));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_stores_nothing()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var existing = await app.CreateCompanyAsync("Bestaand");
        var existingVat = await app.InCompany(existing.Id, (db, _) => db.Companies.Where(c => c.Id == existing.Id).Select(c => c.VatNumber).SingleAsync(TestContext.Current.CancellationToken));

        var refused = new (NewCompany Input, string Field)[]
        {
            (new NewCompany(" ", WerkbonApp.NextVatNumber(), "a@x.test"), "name"),
            (new NewCompany(new string('N', 201), WerkbonApp.NextVatNumber(), "a@x.test"), "name"),
            (new NewCompany("Nul\u0000byte", WerkbonApp.NextVatNumber(), "a@x.test"), "name"),
            (new NewCompany("X", null, "a@x.test"), "vatNumber"),
            (new NewCompany("X", "NL123456789B01", "a@x.test"), "vatNumber"),
            (new NewCompany("X", "BE0123456748", "a@x.test"), "vatNumber"),
            (new NewCompany("X", existingVat.ToLowerInvariant().Insert(2, " "), "a@x.test"), "vatNumber"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "admin@bestaand.test"), "adminEmail"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "no address"), "adminEmail"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", Language: "de"), "language"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", TimeZone: "Mars/Olympus"), "timeZone"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", Address: new Address("", "2800", "Mechelen")), "address.street"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", Address: new Address("Straat 1", "2800", "Mechelen", "Belgium")), "address.country"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", Password: "Abcdefg1"), "password"),
            (new NewCompany("X", WerkbonApp.NextVatNumber(), "a@x.test", Password: "Password1234!"), "password"),
        };

        foreach (var (input, field) in refused)
        {
            var result = await CreateAsync(app, input);
            Assert.False(result.Succeeded, $"{input} was accepted");
            Assert.True(result.Errors.ContainsKey(field), $"{input}: {string.Join(", ", result.Errors.Keys)} instead of {field}");
        }

        var companies = await app.InCompany(Guid.Empty, (db, _) => db.Companies.CountAsync(TestContext.Current.CancellationToken));
        var users = await app.InCompany(Guid.Empty, (db, _) => db.Users.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal((1, 3), (companies, users));
    }

    private static Task<CompanyCreation> CreateAsync(WerkbonApp app, NewCompany input) =>
        app.InCompany(Guid.Empty, (db, services) => CreateCompany.CreateAsync(
            input,
            db,
            services.GetRequiredService<CurrentCompany>(),
            services.GetRequiredService<UserManager<AppUser>>(),
            services.GetRequiredService<Texts>(),
            TestContext.Current.CancellationToken));

    /// <summary>Runs the built server as an operator runs it: <c>dotnet Werkbon.Server.dll …</c>.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        var root = TextsTests.FindRepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
        var server = Path.Combine(root, "src", "Werkbon.Server", "bin", configuration, "net10.0", "Werkbon.Server.dll");
        var start = new ProcessStartInfo("dotnet", [server, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(server)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, (await output) + (await error));
    }
}
