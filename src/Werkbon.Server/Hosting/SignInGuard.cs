using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Werkbon.Server.People;

namespace Werkbon.Server.Hosting;

/// <summary>How many sign-in attempts are let through (configuration section <c>SignIn</c>).</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "SignIn";

    /// <summary>Attempts per client address on every sign-in form and endpoint together.</summary>
    public Window PerAddress { get; set; } = new() { Limit = 60, Period = TimeSpan.FromMinutes(1) };

    /// <summary>Attempts per account (the normalised e-mail address, known or not; the user of a refresh token or an invitation).</summary>
    public Window PerAccount { get; set; } = new() { Limit = 10, Period = TimeSpan.FromMinutes(5) };

    public sealed class Window
    {
        public int Limit { get; set; }

        public TimeSpan Period { get; set; }
    }
}

/// <summary>
/// Throttles sign-in with ASP.NET Core's rate limiter: per client address on the routes marked with
/// <see cref="RequireSignInLimit{TBuilder}"/> (<c>/login</c>, <c>/refresh</c>, the account forms), and per
/// account inside them, once the account is read from the request. A refused attempt answers 429 with
/// <c>Retry-After</c>: problem details on the API, a readable page on the account forms.
/// </summary>
public sealed class SignInLimits : IDisposable
{
    public const string Policy = "sign-in";

    private readonly PartitionedRateLimiter<string> _accounts;

    public SignInLimits(IOptions<SignInLimitOptions> options)
    {
        var window = options.Value.PerAccount;
        _accounts = PartitionedRateLimiter.Create<string, string>(account => Partition(account, window));
    }

    /// <summary>Null when the attempt for this account may go on; otherwise the answer to give (429).</summary>
    public TooManySignIns? ForAccount(string kind, string? account)
    {
        var key = kind + ":" + (account ?? "").Trim().ToUpperInvariant();
        using var lease = _accounts.AttemptAcquire(key.Length > 300 ? key[..300] : key);
        return lease.IsAcquired ? null : new TooManySignIns(RetryAfter(lease));
    }

    public void Dispose() => _accounts.Dispose();

    public static IServiceCollection AddSignInLimits(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInLimitOptions>(configuration.GetSection(SignInLimitOptions.Section));
        services.AddSingleton<SignInLimits>();
        services.AddScoped<Credentials>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context =>
            {
                var window = context.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.PerAddress;
                return Partition(Address(context), window);
            });
            o.OnRejected = (rejected, _) => new ValueTask(new TooManySignIns(RetryAfter(rejected.Lease)).ExecuteAsync(rejected.HttpContext));
        });
        return services;
    }

    /// <summary>Marks sign-in routes: their client address is throttled.</summary>
    public static TBuilder RequireSignInLimit<TBuilder>(TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(Policy);

    private static string Address(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip
            ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
            : "unknown";

    private static RateLimitPartition<string> Partition(string key, SignInLimitOptions.Window window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, window.Limit),
            Window = window.Period > TimeSpan.Zero ? window.Period : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMinutes(1);
}

/// <summary>The one answer to a throttled sign-in attempt: 429, <c>Retry-After</c>, and why, in the reader's language.</summary>
public sealed class TooManySignIns(TimeSpan retryAfter) : IResult
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(RetryAfter.TotalSeconds));
        var texts = httpContext.RequestServices.GetRequiredService<Texts>();
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = texts["SignIn.Throttled", seconds];
        if (httpContext.Request.Path.StartsWithSegments("/account"))
        {
            // A person at the sign-in form: a page in their language, with the way back.
            response.ContentType = "text/html; charset=utf-8";
            var language = Texts.Language;
            await response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{language}">
                <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>{WebUtility.HtmlEncode(texts["SignIn.ThrottledTitle"])} · Werkbon</title><link href="/app.css" rel="stylesheet" /></head>
                <body><div class="account-page"><div class="account-card"><div class="account-brand">Werkbon</div>
                <h1>{WebUtility.HtmlEncode(texts["SignIn.ThrottledTitle"])}</h1>
                <p class="account-error" role="alert" data-testid="throttled">{WebUtility.HtmlEncode(message)}</p>
                <p><a href="/account/login">{WebUtility.HtmlEncode(texts["SignIn.BackToLogin"])}</a></p>
                </div></div></body>
                </html>
                """,
                httpContext.RequestAborted);
            return;
        }

        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = texts["SignIn.ThrottledTitle"],
                Detail = message,
                Extensions = { ["retryAfter"] = seconds },
            },
        });
    }
}

/// <summary>
/// The one password check of every sign-in (bearer and cookie). One answer for every failure: an unknown
/// or archived account, a wrong password and a locked account all give null after the same work. The
/// lockout cannot be raced: each check first takes one of the account's failed-attempt places in a single
/// conditional UPDATE, so however many requests arrive at once, at most the lockout threshold of passwords
/// is checked before the account locks.
/// </summary>
public sealed class Credentials(AppDb db, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>Compared against when there is no password to check, so that every failure costs the same.</summary>
    private static readonly Lazy<string> Decoy = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public async Task<AppUser?> CheckAsync(string? email, string? password, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || user.ArchivedAt is not null || user.PasswordHash is null || !await TakeAttemptAsync(user, ct))
        {
            hasher.VerifyHashedPassword(user ?? new AppUser(), Decoy.Value, password ?? "");
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (result == PasswordVerificationResult.Failed)
        {
            return null; // the attempt stays counted; the last place locked the account when it was taken
        }

        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await db.Entry(user).ReloadAsync(ct);
            await users.CheckPasswordAsync(user, password!); // stores the stronger hash
        }

        return user;
    }

    /// <summary>
    /// Takes one failed-attempt place before the password is checked (given back on success). Taking the last
    /// place locks the account in the same statement; a locked account has no place to give.
    /// </summary>
    private async Task<bool> TakeAttemptAsync(AppUser user, CancellationToken ct)
    {
        if (!user.LockoutEnabled)
        {
            return true;
        }

        var lockout = identity.Value.Lockout;
        var now = clock.GetUtcNow();
        var state = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new { u.LockoutEnd, u.ConcurrencyStamp }).SingleAsync(ct);
        if (state.LockoutEnd is { } end)
        {
            if (end > now)
            {
                return false;
            }

            // The lockout is over: the account starts afresh, once however many arrive together (the stamp changes with it).
            var stamp = Guid.NewGuid().ToString();
            await db.Users.Where(u => u.Id == user.Id && u.LockoutEnd != null && u.ConcurrencyStamp == state.ConcurrencyStamp)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.ConcurrencyStamp, stamp), ct);
        }

        var max = lockout.MaxFailedAccessAttempts;
        DateTimeOffset? lockedUntil = now + lockout.DefaultLockoutTimeSpan;
        var taken = await db.Users
            .Where(u => u.Id == user.Id && u.LockoutEnd == null && u.AccessFailedCount < max)
            .ExecuteUpdateAsync(
                s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
                    .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? lockedUntil : null),
                ct);
        return taken == 1;
    }
}
