using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Werkbon.Server.People;

namespace Werkbon.Server.Hosting;

/// <summary>
/// What makes a password acceptable, wherever one is chosen: at least <see cref="MinimumLength"/> characters,
/// no composition rules (a few words make a good password), and not one of the commonly leaked passwords shipped
/// in <c>common-passwords.txt</c> — compared without regard to case, and also with the digits and symbols people
/// add at either end taken off, so <c>Password1234!</c> is refused as <c>password</c>.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>The error code of a refused common password (Identity's own code for a short one is <c>PasswordTooShort</c>).</summary>
    public const string CommonCode = "PasswordCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    /// <summary>True when the password is on the list of common passwords, as typed or with digits and symbols trimmed off its ends.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim(Decorations);
        return Common.Value.Contains(lower) || (core.Length > 0 && Common.Value.Contains(core));
    }

    public static void Configure(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }

    /// <summary>What people put around a common word to make it "strong": digits, punctuation, spaces.</summary>
    private static readonly char[] Decorations = "0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> ".ToCharArray();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Werkbon.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Refuses the commonly leaked passwords of <see cref="PasswordPolicy"/>, in the user's language.</summary>
public sealed class CommonPasswordValidator(Texts texts) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && PasswordPolicy.IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = PasswordPolicy.CommonCode, Description = texts["Password.Common"] })
            : IdentityResult.Success);
}
