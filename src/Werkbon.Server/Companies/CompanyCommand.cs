using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;

namespace Werkbon.Server.Companies;

/// <summary>
/// The operator's command that starts a company on this server, on the database and data folder the server itself
/// uses (any other argument, such as <c>--DataFolder</c> or <c>--Database:ConnectionString</c>, configures the host as
/// it does for the server):
/// <code>dotnet Werkbon.Server.dll company create --name "…" --vat BE0123456749 --admin-email … [--admin-name …]
///     [--language nl|fr|en] [--time-zone Europe/Brussels] [--street … --postal-code … --city … [--country BE]] [--url https://…]</code>
/// It migrates the database, creates the company with its first admin (<see cref="CreateCompany"/>) and prints the
/// one-time link where the admin chooses a password. Exit code 0 when created, 1 when refused, 2 for a wrong command.
/// </summary>
public static class CompanyCommand
{
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["name"] = "--name",
        ["vatNumber"] = "--vat",
        ["adminEmail"] = "--admin-email",
        ["adminName"] = "--admin-name",
        ["language"] = "--language",
        ["timeZone"] = "--time-zone",
        ["address.street"] = "--street",
        ["address.postalCode"] = "--postal-code",
        ["address.city"] = "--city",
        ["address.country"] = "--country",
    };

    private static readonly HashSet<string> Options =
        ["--name", "--vat", "--admin-email", "--admin-name", "--language", "--time-zone", "--street", "--postal-code", "--city", "--country", "--url"];

    private const string Usage = """
        Usage: dotnet Werkbon.Server.dll company create --name <name> --vat <BE0123456749> --admin-email <e-mail>
                 [--admin-name <name>] [--language nl|fr|en] [--time-zone <IANA zone, default Europe/Brussels>]
                 [--street <street> --postal-code <code> --city <city> [--country BE]] [--url <the server's public address>]
        Other arguments configure the server as usual (e.g. --DataFolder, --Database:Provider, --Database:ConnectionString).
        """;

    /// <summary>True when the command line asks for this command rather than for the server.</summary>
    public static bool IsCommand(string[] args) => args is ["company", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? problem = null;
        if (args is not ["company", "create", ..] || !TryParse(args[2..], out var options, out var hostArgs, out problem))
        {
            await error.WriteLineAsync(problem ?? $"Unknown command: {string.Join(' ', args)}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        // The operator reads English; the admin's own language is --language.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-BE");
        var builder = WebApplication.CreateBuilder(hostArgs);
        builder.Logging.ClearProviders();
        builder.AddWerkbon();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDb>();
        await DatabaseSetup.MigrateAsync(db, ct);

        var result = await CreateCompany.CreateAsync(
            Read(options),
            db,
            services.GetRequiredService<CurrentCompany>(),
            services.GetRequiredService<UserManager<AppUser>>(),
            services.GetRequiredService<Texts>(),
            ct);
        if (result.Created is not { } created)
        {
            await error.WriteLineAsync("The company was not created:");
            foreach (var (field, messages) in result.Errors)
            {
                foreach (var message in messages)
                {
                    await error.WriteLineAsync($"  {OptionOfField.GetValueOrDefault(field, field)}: {message}");
                }
            }

            return 1;
        }

        var url = (options.GetValueOrDefault("--url") ?? app.ListenUrls()[0]).TrimEnd('/');
        var lifespan = services.GetRequiredService<IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan;
        await output.WriteLineAsync($"""
            Company "{options["--name"].Trim()}" created: VAT {created.VatNumber}, id {created.CompanyId}.
            Its admin {options["--admin-email"].Trim()} chooses a password at this link, usable once within {Describe(lifespan)}:
              {url}{created.InvitationPath}
            """);
        return 0;
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options, out string[] hostArgs, out string? problem)
    {
        options = new(StringComparer.Ordinal);
        var host = new List<string>();
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && Options.Contains(n) ? (n, v) : (args[i], null);
            if (!Options.Contains(name))
            {
                host.Add(args[i]);
                continue;
            }

            var value = inline ?? (i + 1 < args.Length ? args[++i] : null);
            if (value is null)
            {
                problem = $"{name} needs a value.";
                break;
            }

            options[name] = value;
        }

        hostArgs = [.. host];
        return problem is null;
    }

    private static NewCompany Read(Dictionary<string, string> options)
    {
        var street = options.GetValueOrDefault("--street");
        var postalCode = options.GetValueOrDefault("--postal-code");
        var city = options.GetValueOrDefault("--city");
        var country = options.GetValueOrDefault("--country");
        var address = street is null && postalCode is null && city is null && country is null
            ? null
            : new Address(street ?? "", postalCode ?? "", city ?? "", country ?? "BE");
        return new NewCompany(
            options.GetValueOrDefault("--name"),
            options.GetValueOrDefault("--vat"),
            options.GetValueOrDefault("--admin-email"),
            options.GetValueOrDefault("--admin-name"),
            options.GetValueOrDefault("--language"),
            options.GetValueOrDefault("--time-zone"),
            address);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}" : $"{span.TotalHours:0.#} hours";
}
