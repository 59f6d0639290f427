using System.Net.Http.Headers;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>Signed reports as a device makes them: fake JPEG photos (by signature bytes), a PNG signature, the hash.</summary>
public static class SignedReports
{
    private static readonly TimeSpan Brussels = TimeSpan.FromHours(1);

    public sealed record Signed(ReportDocument Document, string Hash, IReadOnlyDictionary<string, byte[]> Files);

    public static byte[] Jpeg(Random random, int size = 2048)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    public static byte[] Png(Random random)
    {
        var bytes = new byte[512];
        random.NextBytes(bytes);
        ReadOnlySpan<byte> header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes);
        return bytes;
    }

    public static Signed Create(Guid workOrderId, Guid technicianId, Random random, int photos = 2, Guid? reportId = null, string articleCode = "HOSE", bool withFreeTextExtra = true)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var photoList = new List<ReportPhoto>();
        for (var i = 0; i < photos; i++)
        {
            var bytes = Jpeg(random);
            var hash = PhotoHash.Compute(bytes);
            files[hash] = bytes;
            photoList.Add(new ReportPhoto(hash, $"Foto {i + 1}", 1600, 1200, bytes.Length));
        }

        var signature = Png(random);
        var signatureHash = PhotoHash.Compute(signature);
        files[signatureHash] = signature;
        var day = new DateOnly(2026, 3, 10);
        var document = new ReportDocument(
            ReportDocument.CurrentVersion,
            reportId ?? Guid.CreateVersion7(),
            workOrderId,
            technicianId,
            "technician",
            day,
            [
                new(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 10, 8, 0, 0, Brussels), new DateTimeOffset(2026, 3, 10, 8, 20, 0, Brussels), TimeEntryKind.Travel, false, null),
                new(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 10, 8, 20, 0, Brussels), new DateTimeOffset(2026, 3, 10, 9, 35, 0, Brussels), TimeEntryKind.Work, false, "Ketel nagekeken"),
            ],
            12.5m,
            withFreeTextExtra
                ?
                [
                    new(Guid.CreateVersion7(), articleCode, "Flexibele slang", 2m, "C62", false, null, false),
                    new(Guid.CreateVersion7(), null, "Thermostaatkop (niet in catalogus)", 1m, "C62", true, 28.50m, true),
                ]
                : [new(Guid.CreateVersion7(), articleCode, "Flexibele slang", 2m, "C62", false, null, false)],
            "Jaarlijks onderhoud, brander gereinigd",
            "Klant vraagt offerte voor nieuwe thermostaat",
            [],
            photoList,
            false,
            null,
            false,
            new ReportSignature("Els Janssens", new DateTimeOffset(2026, 3, 10, 9, 40, 0, Brussels), signatureHash, false, null));
        return new Signed(document, ReportHash.Compute(document), files);
    }

    public static Task<HttpResponseMessage> PushAsync(this HttpClient client, ReportDocument document, string hash) =>
        client.PutAsync($"/api/sync/reports/{document.ReportId}", System.Net.Http.Json.JsonContent.Create(new { document, hash }), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string hash, byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PutAsync($"/api/sync/files/{hash}", content, TestContext.Current.CancellationToken);
    }
}
