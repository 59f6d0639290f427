using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Werkbon.Core.Reports;

namespace Werkbon.Server.Reports;

/// <summary>
/// <c>GET /api/reports/{id}/files/{sha256}</c>: a photo or the signature image of a report, for the
/// office. Only files the report refers to are served, from the company's own store. The content type is the
/// server's own reading of the bytes (<see cref="ReportImage"/>), never what a client once said: a whole image
/// is shown inline under a name of the server's making, anything else can only be downloaded as bytes.
/// </summary>
public static class ReadReportFile
{
    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Handle(
        Guid id, string sha256, HttpContext http, AppDb db, IFileStore store, CancellationToken ct)
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

        var (contentType, disposition) = ServedAs(bytes, sha256);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = disposition.ToString();

        // Content-addressed: the bytes under this name never change.
        return TypedResults.File(bytes, contentType, lastModified: null, entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }

    /// <summary>How stored bytes are served: a whole image of a sane size inline as what it is, anything else as an attachment of bytes.</summary>
    public static (string ContentType, ContentDispositionHeaderValue Disposition) ServedAs(ReadOnlySpan<byte> bytes, string sha256)
    {
        // The name is made here from the hash (hex digits only), so no client text reaches the header.
        var name = PhotoHash.IsValid(sha256) ? sha256[..16] : "file";
        if (ReportImage.Read(bytes) is { } image && ReportImage.IsWithinBounds(image))
        {
            return (image.ContentType, new ContentDispositionHeaderValue("inline") { FileName = $"{name}.{image.Extension}" });
        }

        return ("application/octet-stream", new ContentDispositionHeaderValue("attachment") { FileName = $"{name}.bin" });
    }
}
