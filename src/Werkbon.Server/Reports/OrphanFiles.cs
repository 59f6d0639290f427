using Microsoft.Extensions.Logging;

namespace Werkbon.Server.Reports;

/// <summary>
/// How many files a technician may have sent ahead of their reports, and how long such a file is kept when no
/// report ever refers to it. Configured under <c>Uploads:</c> (<c>MaxUnreferencedFiles</c>,
/// <c>MaxUnreferencedMegabytes</c>, <c>OrphanRetentionDays</c>).
/// </summary>
public sealed record UploadLimits(int MaxUnreferencedFiles, long MaxUnreferencedBytes, TimeSpan OrphanRetention)
{
    public static UploadLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(
            configuration.GetValue("Uploads:MaxUnreferencedFiles", 200),
            configuration.GetValue("Uploads:MaxUnreferencedMegabytes", 400L) * 1024 * 1024,
            TimeSpan.FromDays(configuration.GetValue("Uploads:OrphanRetentionDays", 30.0)));
    }
}

/// <summary>
/// Files sent ahead of a report that never arrived. A device uploads a report's photos and signature just before
/// the report, so a file no stored report refers to is either about to be referred to or left behind; left behind
/// longer than <see cref="UploadLimits.OrphanRetention"/>, it is removed. A device that still holds the report
/// sends the file again when the server lists it as missing.
/// </summary>
public static partial class OrphanFiles
{
    private const int Batch = 100;

    /// <summary>The sender's files that no stored report refers to yet: their count and bytes.</summary>
    public static async Task<(int Count, long Bytes)> PendingAsync(AppDb db, Guid technicianId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lengths = await db.Files.AsNoTracking().Where(f => f.AwaitingReport && f.UploadedBy == technicianId).Select(f => f.Length).ToListAsync(ct);
        return (lengths.Count, lengths.Sum());
    }

    /// <summary>Files of the company's reports stop awaiting them (saved with the report, in the same transaction).</summary>
    public static async Task MarkReferencedAsync(AppDb db, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (hashes.Count == 0)
        {
            return;
        }

        foreach (var file in await db.Files.Where(f => f.AwaitingReport && hashes.Contains(f.Sha256)).ToListAsync(ct))
        {
            file.AwaitingReport = false;
        }
    }

    /// <summary>
    /// Removes the company's files that waited longer than the retention period for a report that never came:
    /// the row, then the bytes. A file a stored report does refer to (it arrived after its report) is kept.
    /// </summary>
    public static async Task<int> RemoveExpiredAsync(AppDb db, IFileStore store, TimeProvider clock, UploadLimits limits, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(limits);
        var cutoff = clock.GetUtcNow().UtcDateTime - limits.OrphanRetention;
        var expired = await db.Files.Where(f => f.AwaitingReport && f.ReceivedAt < cutoff).OrderBy(f => f.ReceivedAt).Take(Batch).ToListAsync(ct);
        if (expired.Count == 0)
        {
            return 0;
        }

        var removed = new List<string>();
        foreach (var file in expired)
        {
            var hash = file.Sha256;
            if (await db.Reports.AsNoTracking().AnyAsync(r => r.CanonicalDocument.Contains(hash), ct))
            {
                file.AwaitingReport = false;
            }
            else
            {
                db.Files.Remove(file);
                removed.Add(hash);
            }
        }

        await db.SaveChangesAsync(ct);
        var companyId = db.CompanyId!.Value;
        foreach (var hash in removed)
        {
            // The same bytes may have been sent again meanwhile: they stay then.
            if (!await db.Files.AsNoTracking().AnyAsync(f => f.Sha256 == hash, ct))
            {
                await store.DeleteAsync(companyId, hash, ct);
            }
        }

        if (removed.Count > 0)
        {
            LogRemoved(log, removed.Count, companyId);
        }

        return removed.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} files no report referred to within the retention period (company {CompanyId})")]
    private static partial void LogRemoved(ILogger log, int count, Guid companyId);
}
