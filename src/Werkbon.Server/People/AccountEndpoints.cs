using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
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
        account.MapPost("/login", Login).AllowAnonymous();
        account.MapPost("/logout", Logout);
        account.MapPost("/accept-invitation", AcceptInvitation).AllowAnonymous();
        account.MapGet("/language", Language).AllowAnonymous();
        return app;
    }

    private static async Task<RedirectHttpResult> Login(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, HttpContext http)
    {
        var back = LocalOrHome(returnUrl);
        var user = await signIn.UserManager.FindByEmailAsync(email ?? "");
        if (user is null || user.ArchivedAt is not null)
        {
            return TypedResults.Redirect($"/account/login?error=failed&returnUrl={Uri.EscapeDataString(back)}");
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            SetLanguageCookie(http, user.Language);
            return TypedResults.LocalRedirect(back);
        }

        var error = result.IsLockedOut ? "locked" : "failed";
        return TypedResults.Redirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary>Signs out only with the sign-out form's antiforgery token: another site cannot sign the user out.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Logout(SignInManager<AppUser> signIn, IAntiforgery antiforgery, HttpContext http)
    {
        // The endpoint binds no form fields, so nothing validates the token unless asked to.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem("Sign out with the button on the page.", statusCode: StatusCodes.Status400BadRequest, title: "The form token is missing or wrong.");
        }

        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }

    private static async Task<RedirectHttpResult> AcceptInvitation(
        [FromForm] Guid user, [FromForm] string token, [FromForm] string password, [FromForm] string confirm,
        UserManager<AppUser> users)
    {
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
        string lang, string? returnUrl, HttpContext http, UserManager<AppUser> users, ClaimsPrincipal principal, SignInManager<AppUser> signIn)
    {
        var language = Texts.Normalize(lang);
        SetLanguageCookie(http, language);
        if (principal.Identity?.IsAuthenticated == true && await users.GetUserAsync(principal) is { } user && user.Language != language)
        {
            user.Language = language;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
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
