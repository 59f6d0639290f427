using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.People;

/// <summary>The back office's cookie sign-in, sign-out, invitation acceptance and language switch (HTML forms).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        SignInLimits.RequireSignInLimit(account.MapPost("/login", Login).AllowAnonymous());
        account.MapPost("/logout", Logout);
        account.MapPost("/logout-everywhere", LogoutEverywhere);
        SignInLimits.RequireSignInLimit(account.MapPost("/accept-invitation", AcceptInvitation).AllowAnonymous());
        account.MapGet("/language", Language).AllowAnonymous();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, TooManySignIns>> Login(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        Credentials credentials, Sessions sessions, SignInLimits limits, HttpContext http)
    {
        if (limits.ForAccount("login", email) is { } throttled)
        {
            return throttled;
        }

        var back = LocalOrHome(returnUrl);

        // One answer for an unknown or archived account, a wrong password and a locked account.
        if (await credentials.CheckAsync(email, password, http.RequestAborted) is not { } user)
        {
            return TypedResults.Redirect($"/account/login?error=failed&returnUrl={Uri.EscapeDataString(back)}");
        }

        var principal = await sessions.StartAsync(user, SessionKind.Cookie, http.RequestAborted);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = true });
        SetLanguageCookie(http, user.Language);
        return TypedResults.LocalRedirect(back);
    }

    /// <summary>Signs out only with the sign-out form's antiforgery token: another site cannot sign the user out.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Logout(Sessions sessions, IAntiforgery antiforgery, HttpContext http)
    {
        // The endpoint binds no form fields, so nothing validates the token unless asked to.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormTokenMissing();
        }

        // The session ends on the server: a copy of the cookie signs nobody in any more.
        await sessions.EndAsync(http.User, http.RequestAborted);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect("/account/login");
    }

    /// <summary>Ends every session of the user, on every browser and device, with the form's antiforgery token.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LogoutEverywhere(
        Sessions sessions, UserManager<AppUser> users, IAntiforgery antiforgery, HttpContext http)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormTokenMissing();
        }

        if (await users.GetUserAsync(http.User) is { } user)
        {
            await sessions.EndAllAsync(user, "signed out everywhere", http.RequestAborted);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect("/account/login");
    }

    private static ProblemHttpResult FormTokenMissing() =>
        TypedResults.Problem("Sign out with the button on the page.", statusCode: StatusCodes.Status400BadRequest, title: "The form token is missing or wrong.");

    private static async Task<Results<RedirectHttpResult, TooManySignIns>> AcceptInvitation(
        [FromForm] Guid user, [FromForm] string token, [FromForm] string password, [FromForm] string confirm,
        UserManager<AppUser> users, Sessions sessions, SignInLimits limits)
    {
        if (limits.ForAccount("invitation", user.ToString()) is { } throttled)
        {
            return throttled;
        }

        var retry = $"/account/accept-invitation?user={user}&token={Uri.EscapeDataString(token ?? "")}";
        if (password != confirm)
        {
            return TypedResults.Redirect(retry + "&error=mismatch");
        }

        var person = await users.FindByIdAsync(user.ToString());
        if (person is null || person.ArchivedAt is not null)
        {
            return TypedResults.Redirect(retry + "&error=invalid");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token ?? ""));
        }
        catch (FormatException)
        {
            return TypedResults.Redirect(retry + "&error=invalid");
        }

        var result = await users.ResetPasswordAsync(person, decoded, password ?? "");
        if (!result.Succeeded)
        {
            return TypedResults.Redirect(retry + "&error=" + PasswordError(result.Errors));
        }

        person.EmailConfirmed = true;
        await users.UpdateAsync(person);

        // A new password ends every session signed in with the old one.
        await sessions.EndAllAsync(person, "new password");
        return TypedResults.Redirect("/account/login?welcome=1");
    }

    /// <summary>Why a password was refused, as the invitation page words it: too short, too common, otherwise weak; or an invalid invitation.</summary>
    private static string PasswordError(IEnumerable<IdentityError> errors)
    {
        var codes = errors.Select(e => e.Code).ToList();
        return codes.Contains(nameof(IdentityErrorDescriber.PasswordTooShort)) ? "short"
            : codes.Contains(PasswordPolicy.CommonCode) ? "common"
            : codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal)) ? "weak"
            : "invalid";
    }

    private static async Task<RedirectHttpResult> Language(
        string lang, string? returnUrl, HttpContext http, UserManager<AppUser> users, ClaimsPrincipal principal, Sessions sessions)
    {
        var language = Texts.Normalize(lang);
        SetLanguageCookie(http, language);
        if (principal.Identity?.IsAuthenticated == true && await users.GetUserAsync(principal) is { } user && user.Language != language)
        {
            user.Language = language;
            await users.UpdateAsync(user);

            // The same session, with the new language in the cookie.
            if (await sessions.RenewAsync(principal, user) is { } renewed)
            {
                await http.SignInAsync(IdentityConstants.ApplicationScheme, renewed, new AuthenticationProperties { IsPersistent = true });
            }
        }

        return TypedResults.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static void SetLanguageCookie(HttpContext http, string language) =>
        http.Response.Cookies.Append(
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
            Texts.CookieValue(language),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
