using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Werkbon.Server.Delivery;

/// <summary>How Werkbon talks to access points (<c>Peppol:*</c>).</summary>
public sealed class PeppolOptions
{
    public const string Section = "Peppol";

    /// <summary>How long an answer of the participant lookup is reused.</summary>
    public int LookupCacheMinutes { get; set; } = 10;

    /// <summary>How long one call to the access point may take before it counts as a passing failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How often open deliveries are tried again or asked for their status; 0 switches the polling off.</summary>
    public int PollSeconds { get; set; } = 300;
}

/// <summary>The current company's access point: where to send, where to look participants up, and who sends.</summary>
public sealed record PeppolAccessPoint(IInvoiceTransport Transport, IPeppolDirectory Directory, string SenderId);

/// <summary>Lookup answers per company and participant for <see cref="PeppolOptions.LookupCacheMinutes"/>; failures are not kept.</summary>
public sealed class PeppolLookupCache(IOptions<PeppolOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid Company, string Participant), (DateTimeOffset Until, PeppolCapabilities Answer)> _answers = new();

    public PeppolCapabilities? Find(Guid companyId, string participantId) =>
        _answers.TryGetValue((companyId, participantId), out var kept) && kept.Until > clock.GetUtcNow() ? kept.Answer : null;

    public void Keep(Guid companyId, string participantId, PeppolCapabilities answer)
    {
        if (options.Value.LookupCacheMinutes > 0)
        {
            _answers[(companyId, participantId)] = (clock.GetUtcNow().AddMinutes(options.Value.LookupCacheMinutes), answer);
        }
    }

    public void Forget(Guid companyId)
    {
        foreach (var key in _answers.Keys.Where(k => k.Company == companyId))
        {
            _answers.TryRemove(key, out _);
        }
    }
}

/// <summary>Builds the access point of the current company from its <see cref="PeppolAccount"/>.</summary>
public sealed class PeppolAccessPoints(
    IHttpClientFactory httpClients, IDataProtectionProvider protection, PeppolLookupCache cache, ILoggerFactory logs)
{
    public const string HttpClientName = "Peppol.Recommand";

    /// <summary>
    /// The transport and directory of the database's current company, or null when it has no enabled account
    /// (<paramref name="evenIfDisabled"/>: also a disabled one, to test the connection before switching it on).
    /// </summary>
    public async Task<PeppolAccessPoint?> ForCompanyAsync(AppDb db, CancellationToken ct, bool evenIfDisabled = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        var account = await db.Set<PeppolAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.ArchivedAt == null, ct);
        if (account is null || (!account.Enabled && !evenIfDisabled) || account.ProtectedSecret.Length == 0)
        {
            return null;
        }

        string secret;
        try
        {
            secret = PeppolAccounts.Protector(protection).Unprotect(account.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            // The data-protection keys changed (another data folder): the admin has to enter the secret again.
            logs.CreateLogger<PeppolAccessPoints>().LogWarning("The Peppol secret of company {CompanyId} cannot be read with the current keys", account.CompanyId);
            return null;
        }

        var point = new RecommandAccessPoint(
            httpClients.CreateClient(HttpClientName),
            new RecommandAccount(account.CompanyId, account.BaseUrl, account.AccountId, account.ApiKey, secret),
            cache,
            logs.CreateLogger<RecommandAccessPoint>());
        return new PeppolAccessPoint(point, point, account.ParticipantId);
    }

    /// <summary>Drops what was learnt with the company's old account.</summary>
    public void Forget(Guid companyId) => cache.Forget(companyId);
}
