using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Werkbon.Server.Companies;
using Werkbon.Server.Data;
using Werkbon.Server.People;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>Both databases every data test runs on.</summary>
public static class On
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
}

/// <summary>
/// The real app in memory on a fresh database of its own (a SQLite file or a new PostgreSQL database),
/// with a clock the test controls.
/// </summary>
public sealed class WerkbonApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-password1";

    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly string _folder;
    private readonly bool _seedDemo;

    private WerkbonApp(DatabaseProvider provider, string connectionString, string folder, bool seedDemo)
    {
        _provider = provider;
        _connectionString = connectionString;
        _folder = folder;
        _seedDemo = seedDemo;
    }

    /// <summary>Tuesday 10 March 2026, 08:00 in Brussels.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 7, 0, 0, TimeSpan.Zero));

    public DatabaseProvider Provider => _provider;

    /// <summary>What the app logged at error level or above.</summary>
    public LogRecorder Logs { get; } = new();

    /// <summary>The app on Kestrel at a free loopback port, for a real browser; returns its base address.</summary>
    public static async Task<(WerkbonApp App, string BaseAddress)> StartOnKestrelAsync(
        DatabaseProvider provider, bool seedDemo = true, bool realClock = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken)
            : $"Data Source={Path.Combine(folder, "werkbon.db")}";
        var app = new WerkbonApp(provider, connectionString, folder, seedDemo) { _realClock = realClock, _settings = settings ?? new Dictionary<string, string>() };
        app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return (app, addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    private bool _realClock;

    /// <summary>
    /// Starts the app; <paramref name="settings"/> override its configuration (e.g. <c>SignIn:PerAccount:Limit</c>).
    /// Tests sign in often, so sign-in throttling is generous unless a test sets its limits.
    /// </summary>
    public static async Task<WerkbonApp> StartAsync(
        DatabaseProvider provider, bool seedDemo = false, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync(ct)
            : $"Data Source={Path.Combine(folder, "werkbon.db")}";
        var app = new WerkbonApp(provider, connectionString, folder, seedDemo) { _settings = settings, _services = services };
        _ = app.Server; // starts the host: migrations and seeding run now
        app.Logs.Clear();
        return app;
    }

    /// <summary>The app with settings of its own (<c>Werkbon:SignUp:Enabled</c>, limits…) on a fresh database.</summary>
    public static async Task<WerkbonApp> StartWithAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string> settings)
    {
        var (connectionString, folder) = await NewDatabaseAsync(provider);
        var app = new WerkbonApp(provider, connectionString, folder, seedDemo: false) { _settings = settings };
        _ = app.Server;
        return app;
    }

    /// <summary>A fresh empty database and data folder, for a process that prepares them itself (the <c>company</c> command).</summary>
    public static async Task<(string ConnectionString, string Folder)> NewDatabaseAsync(DatabaseProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken)
            : $"Data Source={Path.Combine(folder, "werkbon.db")}";
        return (connectionString, folder);
    }

    /// <summary>The app on a database and data folder prepared before (keys included); the folder is removed with the app.</summary>
    public static WerkbonApp Open(DatabaseProvider provider, string connectionString, string folder)
    {
        var app = new WerkbonApp(provider, connectionString, folder, seedDemo: false);
        _ = app.Server;
        return app;
    }

    /// <summary>A second app node on the same database and data folder, as when several nodes share one PostgreSQL.</summary>
    public WerkbonApp StartSecondNode()
    {
        var node = new WerkbonApp(_provider, _connectionString, _folder, seedDemo: false) { _keepFolder = true, _settings = _settings };
        _ = node.Server;
        return node;
    }

    /// <summary>Stops this app and starts a new one on the same database and data folder (keys included).</summary>
    public WerkbonApp Restart()
    {
        var next = new WerkbonApp(_provider, _connectionString, _folder, _seedDemo) { _keepFolder = false, _settings = _settings };
        _keepFolder = true;
        Dispose();
        _ = next.Server;
        return next;
    }

    private bool _keepFolder;

    private IReadOnlyDictionary<string, string>? _settings;

    private Action<IServiceCollection>? _services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", _provider.ToString());
        builder.UseSetting("Database:ConnectionString", _connectionString);
        builder.UseSetting("DataFolder", _folder);
        builder.UseSetting("Demo:Seed", _seedDemo ? "true" : "false");
        builder.UseSetting("urls", "http://127.0.0.1:0"); // not the default port: the app's own check must not find it taken
        builder.UseSetting("SignIn:PerAddress:Limit", "100000");
        builder.UseSetting("SignIn:PerAccount:Limit", "100000");
        builder.UseSetting("Reminders:SweepMinutes", "0"); // tests sweep with ReminderRun.RunAsync
        builder.UseSetting("Sync:RemovalPruneMinutes", "0"); // tests prune with SyncRemovalPruning.RunAsync
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (!_realClock)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>Runs work against the database as the given company.</summary>
    public async Task<T> InCompany<T>(Guid companyId, Func<AppDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>(), scope.ServiceProvider);
    }

    /// <summary>
    /// Creates a company with an admin, an office user and a technician: the company and its admin as the product makes
    /// them (<see cref="CreateCompany"/>), each with a VAT number of its own.
    /// </summary>
    public async Task<TestCompany> CreateCompanyAsync(string name)
    {
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var creation = await InCompany(Guid.Empty, (db, services) => CreateCompany.CreateAsync(
            new NewCompany(name, NextVatNumber(), $"admin@{slug}.test", $"{Roles.Admin} {name}", Address: new Address("Bautersemstraat 1", "2800", "Mechelen"), Password: Password),
            db,
            services.GetRequiredService<CurrentCompany>(),
            services.GetRequiredService<UserManager<AppUser>>(),
            services.GetRequiredService<Werkbon.Server.Hosting.Texts>(),
            TestContext.Current.CancellationToken));
        Assert.True(creation.Succeeded, string.Join("; ", creation.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        var companyId = creation.Created!.CompanyId;
        return await InCompany(companyId, async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            async Task<AppUser> Add(string role, string email, string? rateClass = null)
            {
                var user = new AppUser { CompanyId = companyId, Email = email, UserName = email, DisplayName = $"{role} {name}", RateClass = rateClass };
                var created = await users.CreateAsync(user, Password);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(user, role);
                return user;
            }

            var admin = (await users.FindByIdAsync(creation.Created.AdminId.ToString()))!;
            var office = await Add(Roles.Office, $"office@{slug}.test");
            var technician = await Add(Roles.Technician, $"tech@{slug}.test", "technician");
            return new TestCompany(this, companyId, admin, office, technician);
        });
    }

    private static int _vatNumbers;

    /// <summary>A valid Belgian VAT number no other test company has (a company is one per VAT number).</summary>
    public static string NextVatNumber()
    {
        var body = 3_000_000 + Interlocked.Increment(ref _vatNumbers);
        return $"BE0{body:D7}{97 - (body % 97):D2}";
    }

    /// <summary>An HTTP client signed in with a bearer token from <c>POST /login</c>.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/login", new { email, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_keepFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Temporary folder: left for the OS if still in use.
            }
        }
    }
}


public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record TestCompany(WerkbonApp App, Guid Id, AppUser Admin, AppUser Office, AppUser Technician)
{
    public Task<HttpClient> AdminAsync() => App.ClientForAsync(Admin.Email!);

    public Task<HttpClient> OfficeAsync() => App.ClientForAsync(Office.Email!);

    public Task<HttpClient> TechnicianAsync() => App.ClientForAsync(Technician.Email!);
}
