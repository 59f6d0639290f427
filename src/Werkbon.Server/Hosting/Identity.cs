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
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                CrossSite.UsesBearer(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Cookie.Name = "werkbon.auth";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
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
/// without their public registration: users are invited by an admin.
/// </summary>
public static class TokenEndpoints
{
    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public static IEndpointRouteBuilder MapTokenLogin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Sign-in").AllowAnonymous();
        group.MapPost("/login", Login).DisableAntiforgery();
        group.MapPost("/refresh", Refresh).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var user = await signIn.UserManager.FindByEmailAsync(request.Email ?? "");
        if (user is null || user.ArchivedAt is not null)
        {
            return TypedResults.Problem("The e-mail address or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem("Too many failed attempts: the account is locked for a while.", statusCode: StatusCodes.Status401Unauthorized, title: "Locked out");
        }

        // On success the bearer handler has already written the token response.
        return result.Succeeded
            ? TypedResults.Empty
            : TypedResults.Problem("The e-mail address or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties?.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || user.ArchivedAt is not null)
        {
            return TypedResults.Challenge(authenticationSchemes: [IdentityConstants.BearerScheme]);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
