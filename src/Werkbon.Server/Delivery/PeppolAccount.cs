using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Parties;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Delivery;

/// <summary>
/// The company's account at its Peppol access point (Recommand). The API secret is kept only as ASP.NET Core Data
/// Protection ciphertext (keys in the data folder), so a copy of the database alone does not give it away.
/// </summary>
public sealed class PeppolAccount : CompanyEntity
{
    private PeppolAccount()
    {
    }

    public PeppolAccount(string baseUrl, string accountId, string apiKey, string protectedSecret, string participantId, bool enabled)
    {
        Change(baseUrl, accountId, apiKey, participantId, enabled);
        ProtectedSecret = protectedSecret;
    }

    /// <summary>The access point's API address, e.g. <c>https://app.recommand.eu</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The sending company's id at the access point (Recommand's <c>companyId</c>).</summary>
    public string AccountId { get; private set; } = "";

    public string ApiKey { get; private set; } = "";

    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The company's own participant id, <c>scheme:id</c>.</summary>
    public string ParticipantId { get; private set; } = "";

    public bool Enabled { get; private set; }

    public void Change(string baseUrl, string accountId, string apiKey, string participantId, bool enabled)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        AccountId = accountId;
        ApiKey = apiKey;
        ParticipantId = participantId;
        Enabled = enabled;
    }

    public void ReplaceSecret(string protectedSecret) => ProtectedSecret = protectedSecret;

    /// <summary>Archived rather than deleted; the secret goes at once.</summary>
    public void Close(DateTime now)
    {
        ProtectedSecret = "";
        Enabled = false;
        Archive(now);
    }

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PeppolAccount>(e =>
        {
            e.ToTable("PeppolAccounts");
            e.Property(a => a.BaseUrl).HasMaxLength(PeppolAccounts.UrlLength);
            e.Property(a => a.AccountId).HasMaxLength(Fields.Label.MaxLength);
            e.Property(a => a.ApiKey).HasMaxLength(Fields.Label.MaxLength);
            e.Property(a => a.ProtectedSecret).HasMaxLength(2000);
            e.Property(a => a.ParticipantId).HasMaxLength(60);
            e.HasIndex(a => a.CompanyId).IsUnique();
        });

        builder.Entity<PeppolTransmission>(e =>
        {
            e.ToTable("PeppolTransmissions");
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.ReceiverId).HasMaxLength(60);
            e.Property(t => t.TransmissionId).HasMaxLength(200);
            e.Property(t => t.Reason).HasMaxLength(Fields.Note.MaxLength);
            e.HasOne<Invoice>().WithMany().HasForeignKey(t => t.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.CompanyId, t.InvoiceId }).IsUnique();
            e.HasIndex(t => new { t.CompanyId, t.State });
        });
    }
}

/// <summary>What the API and the settings page take. An empty <see cref="Secret"/> keeps the stored one.</summary>
public sealed record PeppolAccountInput(string? BaseUrl, string? AccountId, string? ApiKey, string? Secret, string? ParticipantId, bool Enabled, int? Version);

/// <summary>What the API and the settings page show: never the secret, only whether one is stored.</summary>
public sealed record PeppolAccountDetails(bool Configured, string BaseUrl, string AccountId, string ApiKey, bool HasSecret, string ParticipantId, bool Enabled, int? Version);

/// <summary><c>GET/PUT/DELETE /api/peppol/account</c>: an admin connects the company to its access point.</summary>
public static class PeppolAccounts
{
    public const int UrlLength = 200;

    public const string DefaultBaseUrl = "https://app.recommand.eu";

    private const string Purpose = "Werkbon.Delivery.PeppolAccount.Secret.v1";

    public static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector(Purpose);

    /// <summary>The account, or what a new one would start from (<see cref="PeppolAccountDetails.Configured"/> false).</summary>
    public static async Task<Ok<PeppolAccountDetails>> Get(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<PeppolAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.ArchivedAt == null, ct) is { } account
            ? Details(account)
            : new PeppolAccountDetails(false, DefaultBaseUrl, "", "", false, await DefaultParticipantIdAsync(db, ct), false, null));

    /// <summary>The participant id the company has on Peppol unless told otherwise: its Peppol id, else 0208 and its enterprise number.</summary>
    public static async Task<string> DefaultParticipantIdAsync(AppDb db, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == db.CompanyId).Select(c => new { c.PeppolId, c.EnterpriseNumber }).FirstAsync(ct);
        if (PeppolAddress.TryParse(company.PeppolId, out var given))
        {
            return given.ToString();
        }

        return EnterpriseNumber.Normalize(company.EnterpriseNumber) is { } digits ? new PeppolAddress(PeppolAddress.BelgianEnterprise, digits).ToString() : "";
    }

    public static async Task<Results<Ok<PeppolAccountDetails>, ValidationProblem, Conflict<ProblemDetails>>> Save(
        PeppolAccountInput input, AppDb db, Texts texts, IDataProtectionProvider protection, PeppolAccessPoints accessPoints, CancellationToken ct)
    {
        var account = await db.Set<PeppolAccount>().FirstOrDefaultAsync(ct);
        var open = account is { IsArchived: false };
        if (open && !db.IsCurrent(account!, input.Version))
        {
            return Conflicts.Stale();
        }

        var v = new Validation(texts);
        var baseUrl = string.IsNullOrWhiteSpace(input.BaseUrl) ? DefaultBaseUrl : input.BaseUrl.Trim();
        v.Field("baseUrl", baseUrl, new FieldKind(UrlLength));
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            v.Add("baseUrl", "Peppol.BadUrl");
        }

        v.Required("accountId", input.AccountId, Fields.Label);
        v.Required("apiKey", input.ApiKey, Fields.Label);
        if (input.AccountId?.Any(char.IsWhiteSpace) == true)
        {
            v.Add("accountId", "Validation.Invalid");
        }

        var hasStoredSecret = open && account!.ProtectedSecret.Length > 0;
        if (string.IsNullOrEmpty(input.Secret))
        {
            if (!hasStoredSecret)
            {
                v.Add("secret", "Validation.Required");
            }
        }
        else
        {
            v.Field("secret", input.Secret, Fields.Name);
        }

        var participantId = string.IsNullOrWhiteSpace(input.ParticipantId) ? await DefaultParticipantIdAsync(db, ct) : input.ParticipantId.Trim();
        if (!PeppolAddress.TryParse(participantId, out var participant))
        {
            v.Add("participantId", "Validation.PeppolEndpoint");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var protector = Protector(protection);
        if (account is null)
        {
            account = new PeppolAccount(baseUrl, input.AccountId!.Trim(), input.ApiKey!.Trim(), protector.Protect(input.Secret!), participant!.ToString(), input.Enabled);
            db.Add(account);
        }
        else
        {
            account.Restore();
            account.Change(baseUrl, input.AccountId!.Trim(), input.ApiKey!.Trim(), participant!.ToString(), input.Enabled);
            if (!string.IsNullOrEmpty(input.Secret))
            {
                account.ReplaceSecret(protector.Protect(input.Secret));
            }
        }

        await db.SaveChangesAsync(ct);
        accessPoints.Forget(account.CompanyId);
        return TypedResults.Ok(Details(account));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Remove(AppDb db, Texts texts, TimeProvider clock, PeppolAccessPoints accessPoints, CancellationToken ct)
    {
        var account = await db.Set<PeppolAccount>().FirstOrDefaultAsync(a => a.ArchivedAt == null, ct);
        if (account is null)
        {
            return NoAccount(texts);
        }

        account.Close(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        accessPoints.Forget(account.CompanyId);
        return TypedResults.NoContent();
    }

    private static PeppolAccountDetails Details(PeppolAccount a) =>
        new(true, a.BaseUrl, a.AccountId, a.ApiKey, a.ProtectedSecret.Length > 0, a.ParticipantId, a.Enabled, a.Version);

    private static NotFound<ProblemDetails> NoAccount(Texts texts) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = texts["Peppol.NoAccount"],
    });
}
