using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Werkbon.Server.Demo;

/// <summary>
/// Tiny PNG pictures made on the spot for the demo reports: a "photo" (a coloured scene with a boiler-like
/// box and a pipe) and a customer's signature (a pen stroke). A few hundred bytes each, no image library.
/// </summary>
internal static class DemoImages
{
    public const int PhotoWidth = 120;
    public const int PhotoHeight = 90;

    /// <summary>A photo whose colours follow <paramref name="seed"/>, so each report's photos differ (and hash differently).</summary>
    public static byte[] Photo(int seed)
    {
        var (w, h) = (PhotoWidth, PhotoHeight);
        var pixels = new byte[w * h * 3];
        var hue = (seed * 47) % 360;
        var (wr, wg, wb) = Colour(hue, 0.25, 0.85);
        var (br, bg, bb) = Colour((hue + 180) % 360, 0.15, 0.95);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var shade = 1.0 - (0.25 * y / h);
                var (r, g, b) = ((byte)(wr * shade), (byte)(wg * shade), (byte)(wb * shade));
                if (x >= 40 + (seed % 20) && x < 80 + (seed % 20) && y >= 15 && y < 75)
                {
                    (r, g, b) = (br, bg, bb); // the appliance
                }
                else if (y >= 78 && y < 82)
                {
                    (r, g, b) = (184, 115, 51); // a copper pipe
                }

                var i = ((y * w) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
            }
        }

        return Png(w, h, pixels);
    }

    /// <summary>A signature: a dark blue wavy stroke on white, shaped by <paramref name="seed"/>.</summary>
    public static byte[] Signature(int seed)
    {
        const int w = 240, h = 80;
        var pixels = new byte[w * h * 3];
        Array.Fill(pixels, (byte)255);
        var loops = 3 + (seed % 3);
        for (var step = 0; step < 2000; step++)
        {
            var t = step / 2000.0;
            var x = 15 + (t * 210) + (12 * Math.Sin(t * loops * 2 * Math.PI));
            var y = 40 + (18 * Math.Sin((t * loops * 2 * Math.PI) + seed)) * (1 - (0.5 * t));
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var (px, py) = ((int)x + dx, (int)y + dy);
                    if (px is >= 0 and < w && py is >= 0 and < h)
                    {
                        var i = ((py * w) + px) * 3;
                        (pixels[i], pixels[i + 1], pixels[i + 2]) = (20, 40, 120);
                    }
                }
            }
        }

        return Png(w, h, pixels);
    }

    private static (byte R, byte G, byte B) Colour(int hue, double saturation, double value)
    {
        var c = value * saturation;
        var x = c * (1 - Math.Abs((hue / 60.0 % 2) - 1));
        var m = value - c;
        var (r, g, b) = (hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return ((byte)((r + m) * 255), (byte)((g + m) * 255), (byte)((b + m) * 255));
    }

    /// <summary>An 8-bit RGB PNG: signature, IHDR, one zlib IDAT of unfiltered rows, IEND.</summary>
    private static byte[] Png(int width, int height, byte[] rgb)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            raw.Write(rgb, y * width * 3, width * 3);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
