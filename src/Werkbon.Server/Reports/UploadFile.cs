using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Reports;

namespace Werkbon.Server.Reports;

public sealed record UploadResult(string Sha256, long Length, string ContentType, bool AlreadyStored);

/// <summary>
/// <c>PUT /api/sync/files/{sha256}</c>: a photo or signature image, sent by itself so a lost connection
/// only costs that file. Idempotent by content hash; limited in size; the type is read from the bytes,
/// not from a name or a header.
/// </summary>
public static class UploadFile
{
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<Results<Created<UploadResult>, Ok<UploadResult>, ProblemHttpResult>> Handle(
        string sha256, HttpRequest request, AppDb db, IFileStore files, TimeProvider clock, CancellationToken ct)
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

        var type = ContentType(content);
        if (type is null)
        {
            return TypedResults.Problem("Only JPEG and PNG images are accepted.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not an image");
        }

        var companyId = db.CompanyId!.Value;
        await files.WriteAsync(companyId, sha256, content, ct);
        db.Add(new StoredFile { Sha256 = sha256, ContentType = type, Length = content.Length, ReceivedAt = clock.GetUtcNow().UtcDateTime });
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

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>JPEG or PNG by their signatures; anything else is refused.</summary>
    public static string? ContentType(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;
}
