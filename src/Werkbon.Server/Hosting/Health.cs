namespace Werkbon.Server.Hosting;

public sealed record HealthReport(string Status, string Database);

public static class Health
{
    /// <summary><c>GET /health</c>: 200 when the database answers, 503 when it does not.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> (AppDb db, CancellationToken ct) =>
        {
            var provider = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
            bool up;
            try
            {
                up = await db.Database.CanConnectAsync(ct);
            }
            catch (Exception)
            {
                up = false;
            }

            return up
                ? TypedResults.Ok(new HealthReport("Healthy", provider))
                : TypedResults.Json(new HealthReport("Unhealthy", provider), statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}
