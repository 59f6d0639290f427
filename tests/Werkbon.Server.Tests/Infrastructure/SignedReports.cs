using System.Net.Http.Headers;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>Signed reports as a device makes them: well-formed JPEG photos and a PNG signature (random picture data), the hash.</summary>
public static class SignedReports
{
    private static readonly TimeSpan Brussels = TimeSpan.FromHours(1);

    public sealed record Signed(ReportDocument Document, string Hash, IReadOnlyDictionary<string, byte[]> Files);

    /// <summary>A well-formed baseline JPEG of <paramref name="size"/> bytes: frame header, one scan of random data without markers, end of image.</summary>
    public static byte[] Jpeg(Random random, int size = 2048, int width = 1600, int height = 1200)
    {
        byte[] head =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
            0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
        ];
        var bytes = new byte[size];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF)
            {
                bytes[i] = 0x7F;
            }
        }

        head.CopyTo(bytes, 0);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    /// <summary>A well-formed PNG (a signature image): IHDR, one IDAT of random bytes, IEND, each chunk with its CRC.</summary>
    public static byte[] Png(Random random, int width = 600, int height = 200)
    {
        var data = new byte[480];
        random.NextBytes(data);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunk(png, "IHDR", header);
        PngChunk(png, "IDAT", data);
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static void PngChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
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
