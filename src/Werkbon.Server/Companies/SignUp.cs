using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Companies;

/// <summary>
/// The public sign-up page (<c>/account/sign-up</c>, <see cref="SignUpPage"/>): closed unless <c>Werkbon:SignUp:Enabled</c>
/// is true, and then limited to <c>Werkbon:SignUp:PermitsPerHour</c> submissions per address per hour (429 with
/// Retry-After past that). It makes the company through <see cref="CreateCompany"/>, like the <c>company create</c> command.
/// </summary>
public static class SignUp
{
    public const string Path = "/account/sign-up";

    public const string RateLimitPolicy = "sign-up";

    public const int DefaultPermitsPerHour = 5;

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Werkbon:SignUp:Enabled", false);

    public static IServiceCollection AddSignUp(this IServiceCollection services) =>
        services.AddRateLimiter(o => o.AddPolicy<string, SignUpLimit>(RateLimitPolicy));
}

/// <summary>Counts the sign-up form's submissions per client address; reading the page is never limited.</summary>
public sealed class SignUpLimit(IConfiguration configuration, Texts texts) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromHours(1);
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(texts["SignUp.TooMany", (int)Math.Ceiling(wait.TotalMinutes)], ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var permits = Math.Max(1, configuration.GetValue("Werkbon:SignUp:PermitsPerHour", SignUp.DefaultPermitsPerHour));
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
    }
}
