using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Werkbon.Server.People;

public enum SessionKind
{
    /// <summary>The back office's sign-in cookie.</summary>
    Cookie,

    /// <summary>A bearer access token and its refresh token (field app, scripts).</summary>
    Bearer,
}

/// <summary>
/// One sign-in, on the server: every cookie and bearer token names its session, and only a live session's
/// tokens are accepted. A bearer session is one family of refresh tokens: each refresh moves it to the next
/// generation, and only the tokens of the current generation work.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public SessionKind Kind { get; init; }

    /// <summary>How many times the refresh token was rotated; tokens carry the generation they were issued in.</summary>
    public int Generation { get; set; }

    public DateTime StartedAt { get; init; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? EndedBecause { get; set; }
}

/// <summary>How long sign-ins last (configuration section <c>Sessions</c>).</summary>
public sealed class SessionLifetimes
{
    public const string Section = "Sessions";

    /// <summary>A bearer access token's life: short, a refresh gives the next one.</summary>
    public TimeSpan AccessToken { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A refresh token's life; every refresh starts it again.</summary>
    public TimeSpan RefreshToken { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The back-office cookie: idle time (sliding) and the session's absolute life.</summary>
    public TimeSpan Cookie { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open back-office screen checks that its session is still live.</summary>
    public TimeSpan Revalidation { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The one place sessions start, are checked, rotate and end. Every surface uses it: the cookie and bearer
/// handlers check each request with <see cref="IsLiveAsync"/>, open back-office screens every few seconds,
/// and logout, logout everywhere, archiving, a role change and a new password end sessions here.
/// </summary>
public sealed class Sessions(
    AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider clock,
    IOptions<SessionLifetimes> options, IOptions<IdentityOptions> identity)
{
    public const string SessionClaim = "werkbon:session";

    public const string GenerationClaim = "werkbon:generation";

    /// <summary>Starts a session for a user whose password was just checked; the principal to sign in with.</summary>
    public async Task<ClaimsPrincipal> StartAsync(AppUser user, SessionKind kind, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            UserId = user.Id,
            Kind = kind,
            StartedAt = now,
            ExpiresAt = now + (kind == SessionKind.Bearer ? options.Value.RefreshToken : options.Value.Cookie),
        };
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(ct);

        // Sessions long over are not kept.
        var longAgo = now.AddDays(-30);
        await db.Set<UserSession>().Where(s => s.UserId == user.Id && s.ExpiresAt < longAgo).ExecuteDeleteAsync(ct);
        return await PrincipalAsync(user, session.Id, 0);
    }

    /// <summary>
    /// Whether the tokens of this principal may still be used: its session has not ended or expired, it is of the
    /// session's current generation, and the user is not archived and has the same security stamp as when signed in.
    /// </summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (Read(principal) is not { } token)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == token.Session && s.UserId == token.User && s.EndedAt == null && s.ExpiresAt > now && s.Generation == token.Generation)
            .AnyAsync(s => db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == token.Stamp && u.ArchivedAt == null), ct);
    }

    /// <summary>
    /// Moves a bearer session to its next generation for the principal of a refresh token: the new principal, or
    /// null. A refresh token of an earlier generation means a copy is being used: the whole session ends.
    /// </summary>
    public async Task<(AppUser User, ClaimsPrincipal Principal)?> RotateAsync(ClaimsPrincipal refresh, CancellationToken ct = default)
    {
        if (Read(refresh) is not { } token)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByIdAsync(token.User.ToString());
        if (user is null || user.ArchivedAt is not null || user.SecurityStamp != token.Stamp)
        {
            await EndAsync(token.Session, "the user's sessions were ended", ct);
            return null;
        }

        var expires = now + options.Value.RefreshToken;
        var rotated = await db.Set<UserSession>()
            .Where(s => s.Id == token.Session && s.UserId == token.User && s.Kind == SessionKind.Bearer
                && s.EndedAt == null && s.ExpiresAt > now && s.Generation == token.Generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Generation, token.Generation + 1).SetProperty(x => x.ExpiresAt, expires), ct);
        if (rotated == 0)
        {
            // Ended, expired, or a refresh token that was already used: nothing of this family works any more.
            await EndAsync(token.Session, "a refresh token was used twice", ct);
            return null;
        }

        return (user, await PrincipalAsync(user, token.Session, token.Generation + 1));
    }

    /// <summary>The same session for a user whose details changed (language): a new principal, same session.</summary>
    public async Task<ClaimsPrincipal?> RenewAsync(ClaimsPrincipal current, AppUser user) =>
        Read(current) is { } token ? await PrincipalAsync(user, token.Session, token.Generation) : null;

    /// <summary>Ends the session of this principal (sign-out): its cookie or tokens stop working at once.</summary>
    public Task EndAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        Read(principal) is { } token ? EndAsync(token.Session, "signed out", ct) : Task.CompletedTask;

    /// <summary>
    /// Ends every session of the user, cookie and bearer, on every device, and changes the security stamp so
    /// that nothing signed before now is accepted: logout everywhere, archiving, a role change, a new password.
    /// </summary>
    public async Task EndAllAsync(AppUser user, string because, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<UserSession>().Where(s => s.UserId == user.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedBecause, because), ct);
        await users.UpdateSecurityStampAsync(user);
    }

    private async Task EndAsync(Guid session, string because, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<UserSession>().Where(s => s.Id == session && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedBecause, because), ct);
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, Guid session, int generation)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var claims = (ClaimsIdentity)principal.Identity!;
        claims.AddClaim(new Claim(SessionClaim, session.ToString()));
        claims.AddClaim(new Claim(GenerationClaim, generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private sealed record Token(Guid Session, int Generation, Guid User, string? Stamp);

    private Token? Read(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaim), out var session)
        && int.TryParse(principal.FindFirstValue(GenerationClaim), System.Globalization.CultureInfo.InvariantCulture, out var generation)
        && Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var user)
            ? new Token(session, generation, user, principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType))
            : null;

    /// <summary>The cookie handler's check on every request: a cookie of an ended session signs nobody in and is removed.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null
            || !await context.HttpContext.RequestServices.GetRequiredService<Sessions>().IsLiveAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>The bearer handler's check on every request: a token of an ended session or an earlier generation fails.</summary>
    public static async Task ValidateBearerAsync(Microsoft.AspNetCore.Authentication.BearerToken.MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket is null)
        {
            return; // the handler refuses it
        }

        if (!await context.HttpContext.RequestServices.GetRequiredService<Sessions>().IsLiveAsync(ticket.Principal, context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended.");
        }
    }
}

/// <summary>Open back-office screens (Blazor circuits) check their session every few seconds, as each request does.</summary>
public sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<SessionLifetimes> options)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => options.Value.Revalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Sessions>().IsLiveAsync(authenticationState.User, cancellationToken);
    }
}
