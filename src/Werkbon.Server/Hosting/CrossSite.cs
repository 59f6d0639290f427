using Microsoft.AspNetCore.Mvc;

namespace Werkbon.Server.Hosting;

/// <summary>
/// Guards the API against cross-site requests riding on the back-office cookie. A browser sends the
/// cookie along with any form another site posts, but it cannot add a custom header to a cross-site
/// request without a CORS preflight, which this server never grants. So an unsafe API request that is
/// authenticated by the cookie (not by a bearer token) must carry <see cref="Header"/> and, when the
/// browser names its origin, come from this server's own origin.
/// </summary>
public static class CrossSite
{
    public const string Header = "X-Werkbon-Request";

    /// <summary>The one rule for "this request signs in with a bearer token" (field app, scripts), also used to pick the scheme.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsRefused(context.Request, context.User.Identity?.IsAuthenticated == true))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Cross-site request refused.",
                        Detail = $"A request signed in with the back-office cookie must come from this site and carry the {Header} header.",
                    },
                });
                return;
            }

            await next(context);
        });

    public static bool IsRefused(HttpRequest request, bool authenticated)
    {
        if (!authenticated || UsesBearer(request) || !request.Path.StartsWithSegments("/api") || !IsUnsafe(request.Method))
        {
            return false;
        }

        return string.IsNullOrEmpty(request.Headers[Header]) || !FromOwnOrigin(request);
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static bool FromOwnOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            origin = request.Headers.Referer.ToString();
        }

        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
