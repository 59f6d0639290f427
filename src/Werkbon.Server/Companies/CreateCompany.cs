using Microsoft.AspNetCore.Identity;
using Werkbon.Core.Calendar;
using Werkbon.Core.Parties;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;

namespace Werkbon.Server.Companies;

/// <summary>
/// What it takes to start a company on Werkbon: its name, its Belgian VAT number and its first admin. Language and time
/// zone default to nl and Europe/Brussels; the address can follow later. Without a password the admin chooses one
/// through the invitation link, as every invited person does.
/// </summary>
public sealed record NewCompany(
    string? Name,
    string? VatNumber,
    string? AdminEmail,
    string? AdminName = null,
    string? Language = null,
    string? TimeZone = null,
    Address? Address = null,
    string? Password = null);

/// <summary>A company made with its first admin; <see cref="InvitationPath"/> is where the admin sets a password (none when one was given).</summary>
public sealed record CreatedCompany(Guid CompanyId, Guid AdminId, string VatNumber, string? InvitationPath);

/// <summary>Either the company made or the fields refused, each with its message in the current language.</summary>
public sealed record CompanyCreation(CreatedCompany? Created, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Created is not null;
}

/// <summary>
/// The one way a company comes to exist: the <c>company create</c> command, the sign-up page and the tests all call
/// <see cref="CreateAsync"/>. A VAT number (or the enterprise number inside it) is one company only; the check and the
/// insert run in one transaction that one creation at a time holds (<see cref="SerialWrites.BeginCompanyRegistryAsync"/>).
/// The rate card, invoice series and settings need no row: each is made with its defaults when first used.
/// </summary>
public static class CreateCompany
{
    public const int MaxNameLength = 200;

    public const int MaxAdminNameLength = 100;

    public const int MaxEmailLength = 256;

    public static async Task<CompanyCreation> CreateAsync(
        NewCompany input, AppDb db, CurrentCompany current, UserManager<AppUser> users, Texts texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        var v = new Validation(texts);

        // First: Validation.Address checks nothing more once another field is refused.
        if (input.Address is not null)
        {
            v.Address("address", input.Address);
        }

        v.Required("name", input.Name, MaxNameLength);
        // A Belgian company's VAT number is BE + its enterprise number; the enterprise number alone is understood too.
        var vat = VatNumber.Normalize(input.VatNumber) ?? (EnterpriseNumber.Normalize(input.VatNumber) is { } enterprise ? "BE" + enterprise : null);
        if (string.IsNullOrWhiteSpace(input.VatNumber))
        {
            v.Add("vatNumber", "Validation.Required");
        }
        else if (vat is null || !vat.StartsWith("BE", StringComparison.Ordinal))
        {
            v.Add("vatNumber", "Companies.Validation.BelgianVat");
        }

        v.Email("adminEmail", input.AdminEmail, required: true);
        v.MaxLength("adminEmail", input.AdminEmail, MaxEmailLength);
        v.MaxLength("adminName", input.AdminName, MaxAdminNameLength);
        if (input.Language is not null && !Texts.Languages.Contains(input.Language))
        {
            v.Add("language", "Validation.Language");
        }

        if (input.TimeZone is not null && !WallClock.IsKnownZone(input.TimeZone))
        {
            v.Add("timeZone", "Companies.Validation.TimeZone");
        }

        var email = input.AdminEmail?.Trim() ?? "";
        var admin = new AppUser
        {
            Email = email,
            UserName = email,
            DisplayName = string.IsNullOrWhiteSpace(input.AdminName) ? email : input.AdminName.Trim(),
            Language = Texts.Normalize(input.Language),
        };
        if (input.Password is not null)
        {
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, admin, input.Password)).Errors)
                {
                    v.Add("password", "Validation.Identity", error.Description);
                }
            }
        }

        if (!v.IsValid)
        {
            return new CompanyCreation(null, v.Errors);
        }

        var digits = vat![2..];
        await using var transaction = await SerialWrites.BeginCompanyRegistryAsync(db, ct);
        if (await db.Companies.AnyAsync(c => c.VatNumber == vat || c.EnterpriseNumber == digits, ct))
        {
            v.Add("vatNumber", "Companies.Validation.VatTaken");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            v.Add("adminEmail", "Validation.EmailTaken");
        }

        if (!v.IsValid)
        {
            return new CompanyCreation(null, v.Errors);
        }

        var name = input.Name!.Trim();
        var company = new Company
        {
            Name = name,
            LegalName = name,
            EnterpriseNumber = digits,
            VatNumber = vat,
            Address = input.Address is null ? Address.Empty : Customers.SaveCustomer.Normalize(input.Address),
            DefaultLanguage = admin.Language,
            TimeZone = input.TimeZone ?? WallClock.DefaultZoneId,
        };
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        current.Set(company.Id);
        admin.CompanyId = company.Id;
        admin.EmailConfirmed = input.Password is not null;
        var created = input.Password is null ? await users.CreateAsync(admin) : await users.CreateAsync(admin, input.Password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(admin, Roles.Admin);
        }

        if (!created.Succeeded)
        {
            // Nothing of the company stays: the transaction is not committed.
            foreach (var error in created.Errors)
            {
                v.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "adminEmail", "Validation.Identity", error.Description);
            }

            return new CompanyCreation(null, v.Errors);
        }

        await transaction.CommitAsync(ct);
        var invitation = input.Password is null ? await InviteUser.InvitationUrl(users, admin, null) : null;
        return new CompanyCreation(new CreatedCompany(company.Id, admin.Id, vat, invitation), v.Errors);
    }
}
