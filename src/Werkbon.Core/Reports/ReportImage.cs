using System.Buffers.Binary;

namespace Werkbon.Core.Reports;

public enum ImageFormat
{
    Jpeg,
    Png,
}

/// <summary>What a whole, well-formed image says about itself: its format and its size in pixels.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    /// <summary>The media type the server serves the image with, from its own reading of the bytes.</summary>
    public string ContentType => Format == ImageFormat.Jpeg ? "image/jpeg" : "image/png";

    /// <summary>The file name extension that goes with the format.</summary>
    public string Extension => Format == ImageFormat.Jpeg ? "jpg" : "png";
}

/// <summary>
/// The one reading of a photo or signature image: JPEG and PNG are walked from their first to their last byte
/// (every JPEG segment and scan up to the end-of-image marker, every PNG chunk with its checksum up to IEND), so a
/// file that merely starts like an image (an image signature followed by a web page, or anything appended after
/// the image) is not an image. The size comes from the frame header (SOF) or IHDR.
/// </summary>
public static class ReportImage
{
    /// <summary>A device downscales photos to at most 1600 px; anything beyond this many pixels is refused (a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The header of a whole, well-formed JPEG or PNG, or null when the bytes are not one.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(PngSignature) ? ReadPng(bytes)
        : bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? ReadJpeg(bytes)
        : null;

    /// <summary>Whether the image is small enough to be decoded safely.</summary>
    public static bool IsWithinBounds(ImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Pixels <= MaxPixels;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ImageHeader? ReadPng(ReadOnlySpan<byte> bytes)
    {
        var position = PngSignature.Length;
        ImageHeader? header = null;
        var colourType = -1;
        var palette = false;
        var data = false;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            if (length > int.MaxValue || length > (uint)(bytes.Length - position - 12))
            {
                return null;
            }

            var type = bytes.Slice(position + 4, 4);
            var body = bytes.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 8 + (int)length)..]);
            if (!IsChunkType(type) || Crc32(bytes.Slice(position + 4, 4 + (int)length)) != crc)
            {
                return null;
            }

            position += 12 + (int)length;
            var name = System.Text.Encoding.ASCII.GetString(type);
            if (header is null && name != "IHDR")
            {
                return null;
            }

            switch (name)
            {
                case "IHDR":
                    if (header is not null || body.Length != 13)
                    {
                        return null;
                    }

                    var width = BinaryPrimitives.ReadUInt32BigEndian(body);
                    var height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    colourType = body[9];
                    if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue
                        || !IsPngDepth(body[8], colourType) || body[10] != 0 || body[11] != 0 || body[12] > 1)
                    {
                        return null;
                    }

                    header = new ImageHeader(ImageFormat.Png, (int)width, (int)height);
                    break;
                case "PLTE":
                    palette = true;
                    break;
                case "IDAT":
                    if (colourType == 3 && !palette)
                    {
                        return null;
                    }

                    data = true;
                    break;
                case "IEND":
                    // The image ends here: nothing may follow.
                    return body.Length == 0 && data && position == bytes.Length ? header : null;
                default:
                    // A chunk the decoder must understand (upper-case first letter) that PNG does not define is not an image.
                    if (char.IsAsciiLetterUpper(name[0]) && !KnownCriticalChunk(name))
                    {
                        return null;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool KnownCriticalChunk(string name) => name is "IHDR" or "PLTE" or "IDAT" or "IEND";

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPngDepth(byte depth, int colourType) => colourType switch
    {
        0 => depth is 1 or 2 or 4 or 8 or 16,
        3 => depth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => depth is 8 or 16,
        _ => false,
    };

    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        ImageHeader? header = null;
        var scanned = false;
        while (position < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }

            // Any number of 0xFF fill bytes may precede a marker.
            while (position < bytes.Length && bytes[position] == 0xFF)
            {
                position++;
            }

            if (position >= bytes.Length)
            {
                return null;
            }

            var marker = bytes[position++];
            if (marker == 0xD9)
            {
                // End of image: nothing may follow.
                return header is not null && scanned && position == bytes.Length ? header : null;
            }

            if (marker == 0x01)
            {
                continue;
            }

            if (!HasLength(marker) || position + 2 > bytes.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
            {
                return null;
            }

            var segment = bytes.Slice(position + 2, length - 2);
            position += length;
            if (IsFrame(marker))
            {
                if (header is not null || segment.Length < 6)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                var components = segment[5];
                if (segment[0] is not (8 or 12 or 16) || height == 0 || width == 0 || components is 0 or > 4 || segment.Length != 6 + (3 * components))
                {
                    return null;
                }

                header = new ImageHeader(ImageFormat.Jpeg, width, height);
            }
            else if (marker == 0xDA)
            {
                if (header is null || segment.Length < 1 || segment[0] is 0 or > 4 || segment.Length != 4 + (2 * segment[0]))
                {
                    return null;
                }

                position = SkipScan(bytes, position);
                if (position < 0)
                {
                    return null;
                }

                scanned = true;
            }
        }

        return null;
    }

    /// <summary>Skips entropy-coded data (stuffed 0xFF00 and restart markers included) to the next marker, or -1 when the data never ends.</summary>
    private static int SkipScan(ReadOnlySpan<byte> bytes, int position)
    {
        while (position < bytes.Length)
        {
            var next = bytes[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= bytes.Length)
            {
                return -1;
            }

            position += next;
            var after = bytes[position + 1];
            if (after == 0x00 || after is >= 0xD0 and <= 0xD7)
            {
                position += 2;
            }
            else if (after == 0xFF)
            {
                position++;
            }
            else
            {
                return position;
            }
        }

        return -1;
    }

    // Frame headers: baseline, extended, progressive and lossless, Huffman or arithmetic (not DHT C4, JPG C8, DAC CC).
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    // Segments with a length: frames, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, APP0-15 and COM. Everything else is not JPEG.
    private static bool HasLength(byte marker) =>
        marker is (>= 0xC0 and <= 0xCF and not 0xC8) or (>= 0xDA and <= 0xDF) or (>= 0xE0 and <= 0xEF) or 0xFE;

    private static uint[] CrcTable { get; } = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var table = CrcTable;
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
