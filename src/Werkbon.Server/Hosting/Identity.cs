using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Werkbon.Server.Data;
using Werkbon.Server.People;

namespace Werkbon.Server.Hosting;

public static class Policies
{
    public const string Office = "Office";
    public const string Admin = "Admin";
    public const string Technician = "Technician";
}

/// <summary>People sign in with cookies (back office) or bearer tokens (field app, scripts), same credentials.</summary>
public static class IdentitySetup
{
    private const string SmartScheme = "Werkbon";

    public static IServiceCollection AddWerkbonIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SessionLifetimes.Section);
        services.Configure<SessionLifetimes>(section);
        var sessions = section.Get<SessionLifetimes>() ?? new SessionLifetimes();
        services.AddScoped<Sessions>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        SignInLimits.AddSignInLimits(services, configuration);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                CrossSite.UsesBearer(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                // Short access tokens; every request checks the session (Sessions.ValidateBearerAsync).
                o.BearerTokenExpiration = sessions.AccessToken;
                o.RefreshTokenExpiration = sessions.RefreshToken;
                o.Events.OnMessageReceived = Sessions.ValidateBearerAsync;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Cookie.Name = "werkbon.auth";
                o.ExpireTimeSpan = sessions.Cookie;
                o.SlidingExpiration = true;

                // Every request checks the cookie's session, instead of Identity's half-hourly security stamp check.
                o.Events.OnValidatePrincipal = Sessions.ValidateCookieAsync;
                // The API answers 401/403; only pages redirect to the login page.
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                PasswordPolicy.Configure(o.Password);
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<WerkbonClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Office, p => p.RequireRole(Roles.Admin, Roles.Office))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Technician, p => p.RequireRole(Roles.Technician));

        var keys = Path.Combine(Path.GetFullPath(configuration["DataFolder"] ?? "data"), "keys");
        services.AddDataProtection()
            .SetApplicationName("Werkbon")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));

        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes the company of the signed-in user the company of the request.</summary>
    public static IApplicationBuilder UseCurrentCompany(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentCompany>().SetFrom(context.User);
            return next(context);
        });
}

/// <summary>Puts the user's company and language into the principal (cookie and bearer token alike).</summary>
public sealed class WerkbonClaimsFactory(
    Microsoft.AspNetCore.Identity.UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string LanguageClaim = "werkbon:language";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentCompany.ClaimType, user.CompanyId.ToString()));
        identity.AddClaim(new Claim(LanguageClaim, user.Language));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        return identity;
    }
}

/// <summary>
/// <c>POST /login</c> and <c>POST /refresh</c> in the shape of ASP.NET Core's Identity API endpoints,
/// without their public registration: users are invited by an admin. Each login starts a session
/// (<see cref="Sessions"/>); each refresh rotates its refresh token, and an old one used again ends the session.
/// <c>POST /logout</c> ends the bearer token's session, <c>POST /logout/everywhere</c> all of the user's sessions.
/// </summary>
public static class TokenEndpoints
{
    public const string Failed = "Sign-in failed";

    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public static IEndpointRouteBuilder MapTokenLogin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Sign-in");
        SignInLimits.RequireSignInLimit(group.MapPost("/login", Login).DisableAntiforgery().AllowAnonymous());
        SignInLimits.RequireSignInLimit(group.MapPost("/refresh", Refresh).DisableAntiforgery().AllowAnonymous());
        var bearer = group.MapGroup("/logout").DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        bearer.MapPost("", Logout);
        bearer.MapPost("/everywhere", LogoutEverywhere);
        return app;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult, TooManySignIns>> Login(
        LoginRequest request, Credentials credentials, Sessions sessions, SignInLimits limits, CancellationToken ct)
    {
        if (limits.ForAccount("login", request.Email) is { } throttled)
        {
            return throttled;
        }

        // One answer for an unknown or archived account, a wrong password and a locked account.
        if (await credentials.CheckAsync(request.Email, request.Password, ct) is not { } user)
        {
            return TypedResults.Problem(
                "The e-mail address or password is wrong, or the account is locked for a while after too many attempts.",
                statusCode: StatusCodes.Status401Unauthorized, title: Failed);
        }

        return TypedResults.SignIn(await sessions.StartAsync(user, SessionKind.Bearer, ct), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult, TooManySignIns>> Refresh(
        RefreshRequest request, Sessions sessions, SignInLimits limits, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, CancellationToken ct)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties?.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return TypedResults.Challenge(authenticationSchemes: [IdentityConstants.BearerScheme]);
        }

        if (limits.ForAccount("refresh", ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)) is { } throttled)
        {
            return throttled;
        }

        return await sessions.RotateAsync(ticket.Principal, ct) is { } next
            ? TypedResults.SignIn(next.Principal, authenticationScheme: IdentityConstants.BearerScheme)
            : TypedResults.Challenge(authenticationSchemes: [IdentityConstants.BearerScheme]);
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, Sessions sessions, CancellationToken ct)
    {
        await sessions.EndAsync(principal, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhere(ClaimsPrincipal principal, Sessions sessions, UserManager<AppUser> users, CancellationToken ct)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await sessions.EndAllAsync(user, "signed out everywhere", ct);
        }

        return TypedResults.NoContent();
    }
}
