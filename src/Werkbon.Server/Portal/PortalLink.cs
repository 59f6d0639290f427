using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Werkbon.Server.Customers;

namespace Werkbon.Server.Portal;

/// <summary>Where the customer portal is reached from outside, and how long a link lives.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address customers open, without a trailing slash (e.g. <c>https://werkbon.example.be</c>).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>A link stops working this many days after it was made.</summary>
    public int LinkLifetimeDays { get; set; } = 90;
}

/// <summary>
/// One link into a customer's portal. The link carries a random 256-bit secret; only its SHA-256 is stored,
/// so the database alone cannot rebuild a working link. A link expires, and the office can revoke it.
/// </summary>
public sealed class PortalLink : Data.CompanyEntity
{
    private PortalLink()
    {
    }

    public PortalLink(Guid customerId, string secretHash, DateTime createdAt, DateTime expiresAt)
    {
        CustomerId = customerId;
        SecretHash = secretHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid CustomerId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret in the link.</summary>
    public string SecretHash { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public bool Opens(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTime now) => RevokedAt ??= now;
}

/// <summary>A link resolved to the customer it opens.</summary>
public sealed record PortalVisitor(Guid CompanyId, Guid CustomerId, Guid LinkId);

/// <summary>Makes, resolves and revokes portal links: the one place that knows what a link is.</summary>
public sealed class PortalLinks(IOptions<PortalOptions> options, TimeProvider clock)
{
    private const int SecretBytes = 32;

    /// <summary>
    /// A new link for <paramref name="customerId"/> of the database's current company, added to
    /// <paramref name="db"/> (saved with the caller's change). Returns the absolute address to send.
    /// </summary>
    public string Issue(Data.AppDb db, Guid customerId)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new PortalLink(customerId, Hash(secret), now, now.AddDays(options.Value.LinkLifetimeDays)));
        return Address(Base64Url(secret));
    }

    /// <summary>The absolute portal address for a token.</summary>
    public string Address(string token) => $"{options.Value.PublicUrl.TrimEnd('/')}/portal/{token}";

    /// <summary>
    /// The customer a token opens, or null for anything else: malformed, tampered, unknown, expired, revoked,
    /// or a customer that was archived. Reads across companies: the token itself says whose it is.
    /// </summary>
    public async Task<PortalVisitor?> ResolveAsync(Data.AppDb db, string? token, CancellationToken ct)
    {
        if (!TryDecode(token, out var secret))
        {
            return null;
        }

        var hash = Hash(secret);
        var link = await db.Set<PortalLink>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(l => l.SecretHash == hash, ct);
        if (link is null || !link.Opens(clock.GetUtcNow().UtcDateTime))
        {
            return null;
        }

        var customerOpen = await db.Customers.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(c => c.Id == link.CustomerId && c.CompanyId == link.CompanyId && c.ArchivedAt == null, ct);
        return customerOpen ? new PortalVisitor(link.CompanyId, link.CustomerId, link.Id) : null;
    }

    /// <summary>Revokes every open link of a customer of the current company; returns how many.</summary>
    public async Task<int> RevokeAllAsync(Data.AppDb db, Guid customerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.Set<PortalLink>().Where(l => l.CustomerId == customerId && l.RevokedAt == null).ToListAsync(ct);
        links.ForEach(l => l.Revoke(now));
        await db.SaveChangesAsync(ct);
        return links.Count;
    }

    private static bool TryDecode(string? token, out byte[] secret)
    {
        secret = [];
        if (token is null || token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        var padded = token.Replace('-', '+').Replace('_', '/') + "=";
        try
        {
            secret = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return false;
        }

        return secret.Length == SecretBytes;
    }

    private static string Hash(byte[] secret) => Convert.ToHexStringLower(SHA256.HashData(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static void Configure(Microsoft.EntityFrameworkCore.ModelBuilder builder) =>
        builder.Entity<PortalLink>(e =>
        {
            e.Property(l => l.SecretHash).HasMaxLength(64);
            e.HasIndex(l => l.SecretHash).IsUnique();
            e.HasIndex(l => new { l.CompanyId, l.CustomerId });
            e.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
}
