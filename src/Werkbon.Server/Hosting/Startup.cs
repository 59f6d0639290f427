using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Werkbon.Server.Catalog;
using Werkbon.Server.Companies;
using Werkbon.Server.Components;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Dashboard;
using Werkbon.Server.Delivery;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Payments;
using Werkbon.Server.People;
using Werkbon.Server.Portal;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Hosting;

/// <summary>Start-up wiring, kept out of Program.cs so it reads as a table of contents.</summary>
public static class Startup
{
    public static WebApplicationBuilder AddWerkbon(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        UseDefaultAddress(builder);
        services.AddSingleton(TimeProvider.System);
        services.AddWerkbonData(builder.Configuration);
        services.AddWerkbonIdentity(builder.Configuration);
        services.AddWerkbonLanguages();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddWerkbonJsonInput();
        services.AddOpenApi(JsonInput.DescribeText);
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(mud =>
        {
            // Toasts rest bottom-left over the menu's empty foot (app.css), where no page puts a button.
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
            mud.SnackbarConfiguration.NewestOnTop = true;
        });
        services.AddScoped<CircuitHandler, CompanyCircuitHandler>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<IFileStore, LocalFileStore>();
        services.AddSingleton(sp => UploadLimits.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSync();
        services.AddInvoicing();
        services.AddPayments();
        services.AddDelivery();
        services.AddSignUp();
        services.AddPortal(builder.Configuration);
        services.AddPeppol(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// http://localhost:5080 unless the address is chosen (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>
    /// or a Kestrel endpoint in the configuration); set here, not in the launch profile, so every way of choosing wins.
    /// </summary>
    private static void UseDefaultAddress(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultAddress);
        }
    }

    public const string DefaultAddress = "http://localhost:5080";

    private static void PrintBanner(WebApplication app)
    {
        var url = app.Urls.FirstOrDefault() ?? DefaultAddress;
        var reference = app.Environment.IsDevelopment() ? $"{url}/api-reference" : "(development only)";
        Console.WriteLine($"""

            Werkbon is running.
              Back office:    {url}/
              Field app:      {url}/field/
              API reference:  {reference}
              OpenAPI:        {url}/openapi/v1.json
              Health:         {url}/health

            """);
    }

    /// <summary>The addresses the app is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, or appsettings' <c>Urls</c>).</summary>
    public static string[] ListenUrls(this WebApplication app) =>
        (app.Configuration["urls"] ?? DefaultAddress).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Runs the app until it stops. A port taken by another program after <see cref="Ports.FirstTaken"/> looked ends
    /// the start with the same one line, not a stack trace.
    /// </summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        var urls = app.ListenUrls();
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            return Ports.Explain(string.Join(", ", urls));
        }
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public static WebApplication UseWerkbon(this WebApplication app)
    {
        app.UseWerkbonTransport();
        app.UseSecurityHeaders();
        app.UseProblemMediaType();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseJsonInput();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseCrossSiteGuard();
        app.UseCurrentCompany();
        app.UsePortal();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/api-reference");
        }

        app.MapHealth();
        app.MapTokenLogin();
        app.MapAccount();
        app.MapCustomers();
        app.MapArticles();
        app.MapWorkOrders();
        app.MapPeople();
        app.MapContracts();
        app.MapSync();
        app.MapReports();
        app.MapInvoices();
        app.MapMail();
        app.MapPayments();
        app.MapReminders();
        app.MapDashboard();
        app.MapOfficeTodo();
        app.MapPeppol();
        app.MapPortal();
        app.MapFieldApp();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // SecurityHeaders owns the policy
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
        return app;
    }
}

/// <summary>Gives each Blazor circuit the company of the user who opened it, before any page renders.</summary>
public sealed class CompanyCircuitHandler(
    Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider authentication, CurrentCompany company) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        company.SetFrom(state.User);
    }
}
