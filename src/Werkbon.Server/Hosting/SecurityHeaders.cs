using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Net.Http.Headers;

namespace Werkbon.Server.Hosting;

/// <summary>The kinds of responses the app serves, each with a security policy of its own.</summary>
public enum Surface
{
    /// <summary>JSON and documents for programs: <c>/api</c>, sign-in tokens, OpenAPI, health.</summary>
    Api,

    /// <summary>The technician's Blazor WebAssembly app under <c>/field</c>.</summary>
    Field,

    /// <summary>The Blazor Server back office: every other page.</summary>
    BackOffice,

    /// <summary>The development-only API reference, which loads its own viewer.</summary>
    DeveloperTool,

    /// <summary>The customer portal under <c>/portal/{token}</c>: static pages whose address is a secret.</summary>
    Portal,
}

/// <summary>
/// Security headers on every response, chosen per <see cref="Surface"/>: a content security policy without
/// <c>unsafe-eval</c> (the field app alone may compile WebAssembly), <c>nosniff</c>, a referrer policy, and
/// no framing by other sites. JSON is never cached. HSTS and HTTPS redirection are wired in
/// <see cref="UseWerkbonTransport"/>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Back office: Blazor Server over its websocket; MudBlazor writes inline style attributes.</summary>
    public const string BackOfficePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self' ws: wss:; frame-src 'self'; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Field app: .NET on WebAssembly needs <c>wasm-unsafe-eval</c>, never <c>unsafe-eval</c>; a service worker caches it offline.</summary>
    public const string FieldPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Customer portal: server-rendered pages and forms, no websocket; images only from here (and the inline QR code).</summary>
    public const string PortalPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Programs read JSON and documents; nothing in them may run or be framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /// <summary>Which surface a request path belongs to.</summary>
    public static Surface SurfaceOf(PathString path)
    {
        if (path.StartsWithSegments(FieldHosting.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return Surface.Field;
        }

        if (path.StartsWithSegments(Portal.PortalHosting.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return Surface.Portal;
        }

        if (path.StartsWithSegments("/api-reference", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
        {
            return Surface.DeveloperTool;
        }

        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/refresh", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            ? Surface.Api
            : Surface.BackOffice;
    }

    /// <summary>Writes the headers of the request's surface just before the response starts, over whatever a framework set.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var surface = SurfaceOf(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                Apply(context.Response, surface);
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static void Apply(HttpResponse response, Surface surface)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        switch (surface)
        {
            case Surface.Api:
                headers.ContentSecurityPolicy = ApiPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                headers.Remove(HeaderNames.Pragma);
                break;
            case Surface.Field:
                headers.ContentSecurityPolicy = FieldPolicy;
                break;
            case Surface.BackOffice:
                headers.ContentSecurityPolicy = BackOfficePolicy;
                break;
            case Surface.DeveloperTool:
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                break;
            case Surface.Portal:
                // The address carries the customer's secret: never sent on, never stored, never indexed.
                headers.ContentSecurityPolicy = PortalPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                headers.Remove(HeaderNames.Pragma);
                headers["X-Robots-Tag"] = "noindex, nofollow";
                break;
        }
    }

    /// <summary>
    /// Running behind a reverse proxy: the client's address and scheme are taken from <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> when the request comes from loopback or a proxy listed in
    /// <c>ReverseProxy:KnownProxies</c> (addresses) or <c>ReverseProxy:KnownNetworks</c> (CIDR ranges).
    /// HSTS goes on HTTPS responses outside development; <c>Https:Redirect=true</c> sends plain HTTP to HTTPS.
    /// </summary>
    public static WebApplication UseWerkbonTransport(this WebApplication app)
    {
        app.UseForwardedHeaders(ForwardedHeadersFrom(app.Configuration));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Configuration.GetValue<bool>("Https:Redirect"))
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    public static ForwardedHeadersOptions ForwardedHeadersFrom(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        };
        foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }
}
