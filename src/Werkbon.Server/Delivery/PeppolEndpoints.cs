using Werkbon.Server.Hosting;

namespace Werkbon.Server.Delivery;

/// <summary>The Peppol route table and its services.</summary>
public static class PeppolEndpoints
{
    public static IServiceCollection AddPeppol(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PeppolOptions>(configuration.GetSection(PeppolOptions.Section));
        var timeout = Math.Clamp(configuration.GetValue($"{PeppolOptions.Section}:{nameof(PeppolOptions.TimeoutSeconds)}", 30), 1, 300);
        services.AddHttpClient(PeppolAccessPoints.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(timeout));
        return services
            .AddSingleton<PeppolLookupCache>()
            .AddSingleton<PeppolAccessPoints>()
            .AddSingleton<PeppolDelivery>()
            .AddSingleton<PeppolPolling>()
            .AddHostedService(sp => sp.GetRequiredService<PeppolPolling>());
    }

    public static IEndpointRouteBuilder MapPeppol(this IEndpointRouteBuilder app)
    {
        var peppol = app.MapGroup("/api/peppol").WithTags("Peppol").RequireAuthorization(Policies.Admin);
        peppol.MapGet("/account", PeppolAccounts.Get);
        peppol.MapPut("/account", PeppolAccounts.Save);
        peppol.MapDelete("/account", PeppolAccounts.Remove);
        return app;
    }
}
