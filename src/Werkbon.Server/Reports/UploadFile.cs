using System.Security.Claims;
using Werkbon.Core.Reports;

namespace Werkbon.Server.Reports;

public sealed record UploadResult(string Sha256, long Length, string ContentType, bool AlreadyStored);

/// <summary>
/// <c>PUT /api/sync/files/{sha256}</c>: a photo or signature image, sent by itself so a lost connection
/// only costs that file. Idempotent by content hash; limited in size; the type is read from the bytes
/// (<see cref="ReportImage"/>: a whole JPEG or PNG of a sane pixel count), not from a name or a header.
/// A technician may have a limited number of files waiting for their report (<see cref="UploadLimits"/>);
/// files left waiting past the retention period are removed first (<see cref="OrphanFiles"/>).
/// </summary>
public static class UploadFile
{
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<Results<Created<UploadResult>, Ok<UploadResult>, ProblemHttpResult>> Handle(
        string sha256, HttpRequest request, ClaimsPrincipal user, AppDb db, IFileStore files, TimeProvider clock, UploadLimits limits, ILogger<UploadResult> log, CancellationToken ct)
    {
        if (!PhotoHash.IsValid(sha256))
        {
            return TypedResults.Problem("The file name must be its SHA-256 as 64 lower-case hex digits.", statusCode: StatusCodes.Status400BadRequest, title: "Not a file hash");
        }

        var existing = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256, ct);
        if (existing is not null)
        {
            return TypedResults.Ok(new UploadResult(sha256, existing.Length, existing.ContentType, AlreadyStored: true));
        }

        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        var content = await ReadLimitedAsync(request.Body, ct);
        if (content is null)
        {
            return TooLarge();
        }

        if (PhotoHash.Compute(content) != sha256)
        {
            return TypedResults.Problem("The file's content does not match its hash; it was damaged on the way. Send it again.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Hash mismatch");
        }

        var image = ReportImage.Read(content);
        if (image is null)
        {
            return TypedResults.Problem("Only whole JPEG and PNG images are accepted.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not an image");
        }

        if (!ReportImage.IsWithinBounds(image))
        {
            return TypedResults.Problem(
                $"An image may have at most {ReportImage.MaxPixels / 1_000_000} million pixels; this one has {image.Width} × {image.Height}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Image too large");
        }

        await OrphanFiles.RemoveExpiredAsync(db, files, clock, limits, log, ct);
        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var (count, bytes) = await OrphanFiles.PendingAsync(db, me, ct);
        if (count + 1 > limits.MaxUnreferencedFiles || bytes + content.Length > limits.MaxUnreferencedBytes)
        {
            return TypedResults.Problem(
                $"At most {limits.MaxUnreferencedFiles} files ({limits.MaxUnreferencedBytes / (1024 * 1024)} MB) may wait for their report; "
                + $"{count} files ({bytes / (1024 * 1024)} MB) sent earlier still do. Send their reports first; files no report refers to are removed after {limits.OrphanRetention.TotalDays:0} days.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many files waiting for their report");
        }

        var type = image.ContentType;
        var companyId = db.CompanyId!.Value;
        await files.WriteAsync(companyId, sha256, content, ct);
        db.Add(new StoredFile
        {
            Sha256 = sha256,
            ContentType = type,
            Length = content.Length,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = me,
            AwaitingReport = !await db.Reports.AsNoTracking().AnyAsync(r => r.TechnicianId == me && r.CanonicalDocument.Contains(sha256), ct),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same file arrived twice at once; the bytes are identical by hash.
            db.ChangeTracker.Clear();
            if (!await db.Files.AsNoTracking().AnyAsync(f => f.Sha256 == sha256, ct))
            {
                throw;
            }

            return TypedResults.Ok(new UploadResult(sha256, content.Length, type, AlreadyStored: true));
        }

        return TypedResults.Created($"/api/sync/files/{sha256}", new UploadResult(sha256, content.Length, type, AlreadyStored: false));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"A file may hold at most {MaxBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");

    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (read no further).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken ct, int maxBytes = MaxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
