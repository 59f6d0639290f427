using Werkbon.Server.Hosting;

namespace Werkbon.Server.Reports;

public static class SyncEndpoints
{
    public static IServiceCollection AddSync(this IServiceCollection services) => services
        .AddSingleton<PushSlots>()
        .AddHostedService<SyncRemovalPruning>();

    /// <summary>The field app's sync protocol: pull what to work on, push signed reports and their files.</summary>
    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder app)
    {
        var sync = app.MapGroup("/api/sync").WithTags("Field sync").RequireAuthorization(Policies.Technician);
        sync.MapGet("/changes", PullChanges.Handle);
        sync.MapPut("/reports/{id:guid}", PushReport.Handle);
        sync.MapPut("/files/{sha256}", UploadFile.Handle).DisableAntiforgery();
        app.MapGet("/api/straight-through-rules", SaveStraightThroughRules.Get).WithTags("Review").RequireAuthorization(Policies.Office);
        app.MapPut("/api/straight-through-rules", SaveStraightThroughRules.Update).WithTags("Review").RequireAuthorization(Policies.Admin);
        return app;
    }
}
