using Microsoft.AspNetCore.Mvc;

namespace Werkbon.Server.Reports;

/// <summary>
/// <c>GET /api/reports/{id}/files/{sha256}</c>: a photo or the signature image of a report, for the
/// office. Only files the report refers to are served, from the company's own store.
/// </summary>
public static class ReadReportFile
{
    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Handle(
        Guid id, string sha256, AppDb db, IFileStore store, CancellationToken ct)
    {
        var hashes = await db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.FileHashes).FirstOrDefaultAsync(ct);
        if (hashes is null || !hashes.Contains(sha256, StringComparer.Ordinal))
        {
            return Rows.Missing("report file");
        }

        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256, ct);
        var bytes = file is null ? null : await store.ReadAsync(db.CompanyId!.Value, sha256, ct);
        if (file is null || bytes is null)
        {
            return Rows.Missing("report file");
        }

        // Content-addressed: the bytes under this name never change.
        return TypedResults.File(bytes, file.ContentType, lastModified: null, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha256}\""));
    }
}
