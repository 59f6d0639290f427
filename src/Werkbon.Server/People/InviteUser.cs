using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.People;

public sealed record UserInput(
    string Email, string DisplayName, string Role, string? Language, string? RateClass, Address? HomeBase, int? Version = null);

public sealed record UserDetails(
    Guid Id, string Email, string DisplayName, string Role, string Language, string? RateClass, Address HomeBase, bool Archived);

/// <summary>Returned once when a user is invited: the link where they choose their password.</summary>
public sealed record Invitation(UserDetails User, string InvitationUrl);

/// <summary>People of the company. No public registration: an admin invites each person.</summary>
public static class InviteUser
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("People").RequireAuthorization(Policies.Office);
        users.MapGet("/", Search);
        users.MapGet("/{id:guid}", Get);
        var admin = app.MapGroup("/api/users").WithTags("People").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Invite);
        admin.MapPut("/{id:guid}", Update);
        admin.MapPost("/{id:guid}/archive", (Guid id, AppDb db, TimeProvider clock, UserManager<AppUser> manager, Sessions sessions, CancellationToken ct) => Archive(id, true, db, clock, manager, sessions, ct));
        admin.MapPost("/{id:guid}/restore", (Guid id, AppDb db, TimeProvider clock, UserManager<AppUser> manager, Sessions sessions, CancellationToken ct) => Archive(id, false, db, clock, manager, sessions, ct));
        return app;
    }

    public static IQueryable<UserDetails> Project(AppDb db, IQueryable<AppUser> users) =>
        users.Select(u => new UserDetails(
            u.Id, u.Email!, u.DisplayName,
            db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).FirstOrDefault() ?? "",
            u.Language, u.RateClass, u.HomeBase, u.ArchivedAt != null));

    public static async Task<Ok<Page<UserDetails>>> Search(
        AppDb db, string? search, string? role, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var companyId = db.CompanyId;
        var query = db.Users.AsNoTracking().Where(u => u.CompanyId == companyId);
        if (includeArchived != true)
        {
            query = query.Where(u => u.ArchivedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == role)));
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(u => EF.Functions.Like(u.DisplayName.ToLower(), pattern) || EF.Functions.Like(u.NormalizedEmail!.ToLower(), pattern));
        }

        return TypedResults.Ok(await Project(db, query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)).ToPageAsync(page, pageSize, ct));
    }

    public static async Task<Results<Ok<UserDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct)
    {
        var companyId = db.CompanyId;
        return await Project(db, db.Users.AsNoTracking().Where(u => u.Id == id && u.CompanyId == companyId)).FirstOrDefaultAsync(ct) is { } user
            ? TypedResults.Ok(user)
            : Rows.Missing("user");
    }

    public static async Task<Results<Created<Invitation>, ValidationProblem>> Invite(
        UserInput input, AppDb db, UserManager<AppUser> manager, Texts texts, HttpContext http, CancellationToken ct)
    {
        var v = Validate(input, texts);
        if (v.IsValid && await manager.FindByEmailAsync(input.Email.Trim()) is not null)
        {
            v.Add("email", "Validation.EmailTaken");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var user = new AppUser { CompanyId = db.CompanyId!.Value };
        Copy(input, user);
        var created = await manager.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                v.Add("email", "Validation.Identity", error.Description);
            }

            return v.Problem();
        }

        await manager.AddToRoleAsync(user, input.Role);
        var url = await InvitationUrl(manager, user, http);
        var details = (await Project(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).FirstAsync(ct))!;
        return TypedResults.Created($"/api/users/{user.Id}", new Invitation(details, url));
    }

    public static async Task<string> InvitationUrl(UserManager<AppUser> manager, AppUser user, HttpContext? http)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await manager.GeneratePasswordResetTokenAsync(user)));
        var path = $"/account/accept-invitation?user={user.Id}&token={token}";
        return http is null ? path : $"{http.Request.Scheme}://{http.Request.Host}{path}";
    }

    public static async Task<Results<Ok<UserDetails>, ValidationProblem, NotFound<ProblemDetails>>> Update(
        Guid id, UserInput input, AppDb db, UserManager<AppUser> manager, Sessions sessions, Texts texts, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.CompanyId == db.CompanyId, ct);
        if (user is null)
        {
            return Rows.Missing("user");
        }

        var v = Validate(input, texts);
        if (v.IsValid && await manager.FindByEmailAsync(input.Email.Trim()) is { } other && other.Id != id)
        {
            v.Add("email", "Validation.EmailTaken");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        Copy(input, user);
        await manager.UpdateAsync(user);
        var roles = await manager.GetRolesAsync(user);
        if (!roles.SequenceEqual([input.Role]))
        {
            await manager.RemoveFromRolesAsync(user, roles);
            await manager.AddToRoleAsync(user, input.Role);

            // Tokens and cookies carry the role they were signed in with: the person signs in again.
            await sessions.EndAllAsync(user, "role changed", ct);
        }

        return TypedResults.Ok(await Project(db, db.Users.AsNoTracking().Where(u => u.Id == id)).FirstAsync(ct));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Archive(
        Guid id, bool archive, AppDb db, TimeProvider clock, UserManager<AppUser> manager, Sessions sessions, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.CompanyId == db.CompanyId, ct);
        if (user is null)
        {
            return Rows.Missing("user");
        }

        user.ArchivedAt = archive ? clock.GetUtcNow().UtcDateTime : null;
        await manager.UpdateAsync(user);
        await sessions.EndAllAsync(user, archive ? "archived" : "restored", ct); // every cookie and token of theirs stops working at once
        return TypedResults.NoContent();
    }

    private static Validation Validate(UserInput input, Texts texts)
    {
        var v = new Validation(texts);
        v.Email("email", input.Email, required: true);
        v.Required("displayName", input.DisplayName, Fields.Label);
        if (!Roles.All.Contains(input.Role))
        {
            v.Add("role", "Validation.Role", string.Join(", ", Roles.All));
        }

        if (input.Language is not null && !Texts.Languages.Contains(input.Language))
        {
            v.Add("language", "Validation.Language");
        }

        if (input.Role == Roles.Technician)
        {
            v.Required("rateClass", input.RateClass, Fields.Code);
        }

        v.Address("homeBase", input.HomeBase, required: false);

        return v;
    }

    private static void Copy(UserInput input, AppUser user)
    {
        user.Email = input.Email.Trim();
        user.UserName = input.Email.Trim();
        user.DisplayName = input.DisplayName.Trim();
        user.Language = Texts.Normalize(input.Language);
        user.RateClass = input.Role == Roles.Technician ? input.RateClass?.Trim() : null;
        user.HomeBase = input.HomeBase is null ? Address.Empty : Customers.SaveCustomer.Normalize(input.HomeBase);
    }
}
