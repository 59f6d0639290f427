using System.Buffers.Binary;
using Werkbon.Core.Reports;

namespace Werkbon.Core.Tests.Reports;

public class ReportImageTests
{
    private static readonly byte[] Page = "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray();

    [Fact]
    public void A_whole_jpeg_gives_its_size_from_the_frame_header()
    {
        var header = ReportImage.Read(Jpeg(1600, 1200));

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 1600, 1200), header);
        Assert.Equal("image/jpeg", header!.ContentType);
    }

    [Fact]
    public void A_whole_png_gives_its_size_from_the_image_header()
    {
        var header = ReportImage.Read(Png(600, 200));

        Assert.Equal(new ImageHeader(ImageFormat.Png, 600, 200), header);
        Assert.Equal("image/png", header!.ContentType);
    }

    [Fact]
    public void An_image_signature_followed_by_a_web_page_is_not_an_image()
    {
        Assert.Null(ReportImage.Read([0xFF, 0xD8, 0xFF, .. Page]));
        Assert.Null(ReportImage.Read([0xFF, 0xD8, 0xFF, 0xE0, .. Page]));
        Assert.Null(ReportImage.Read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Page]));
        Assert.Null(ReportImage.Read(Page));
    }

    [Fact]
    public void Anything_after_the_end_of_the_image_or_a_cut_image_is_not_an_image()
    {
        Assert.Null(ReportImage.Read([.. Jpeg(100, 100), .. Page]));
        Assert.Null(ReportImage.Read([.. Png(100, 100), .. Page]));
        Assert.Null(ReportImage.Read(Jpeg(100, 100)[..^2]));
        Assert.Null(ReportImage.Read(Png(100, 100)[..^12]));
    }

    [Fact]
    public void A_png_chunk_whose_checksum_does_not_hold_is_not_an_image()
    {
        var png = Png(100, 100);
        png[42] ^= 0x55;

        Assert.Null(ReportImage.Read(png));
    }

    [Fact]
    public void A_jpeg_without_a_frame_header_or_a_scan_is_not_an_image()
    {
        byte[] noFrame = [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x04, 0x41, 0x42, 0xFF, 0xD9];

        Assert.Null(ReportImage.Read(noFrame));
    }

    [Theory]
    [InlineData(20_000, 20_000)]
    [InlineData(40_001, 1_000)]
    public void An_image_of_more_than_forty_million_pixels_is_out_of_bounds(int width, int height)
    {
        var png = ReportImage.Read(Png(width, height))!;

        Assert.False(ReportImage.IsWithinBounds(png));
        Assert.False(ReportImage.IsWithinBounds(ReportImage.Read(Jpeg(60_000, 60_000))!));
        Assert.True(ReportImage.IsWithinBounds(ReportImage.Read(Jpeg(1600, 1200))!));
    }

    private static byte[] Jpeg(int width, int height)
    {
        byte[] head =
        [
            0xFF, 0xD8,
            0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01,
            0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00,
            0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        ];
        byte[] scan = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78];
        return [.. head, .. scan, 0xFF, 0xD9];
    }

    private static byte[] Png(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x01, 0x02, 0x03]), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        return [.. length, .. typed, .. crc];
    }

    private static uint Crc32(byte[] bytes)
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
}
