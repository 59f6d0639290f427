using System.Buffers.Binary;

namespace Werkbon.Core.Sync;

/// <summary>
/// The cursor of delta sync: an opaque base64url string (no padding) of a format byte and the server's
/// change sequence (big-endian). A sequence, never a clock: a clock-based watermark misses rows written
/// in the same tick or by a node whose clock lags; a sequence assigned at commit misses nothing.
/// </summary>
public static class ChangeToken
{
    private const byte Format = 1;
    private const int ByteLength = 9;
    private const int TextLength = 12; // 9 bytes are exactly 12 base64 characters, so no padding and no spare bits
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>The token of <paramref name="sequence"/> (0 is "from the start").</summary>
    public static string Encode(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// The sequence of a token this class made. Anything else (null, padding, whitespace, another
    /// alphabet, another format, a negative sequence) is refused, so a client cannot forge a near-miss.
    /// </summary>
    public static bool TryDecode(string? token, out long sequence)
    {
        sequence = 0;
        if (token is not { Length: TextLength } || token.AsSpan().ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[ByteLength];
        if (!Convert.TryFromBase64String(token.Replace('-', '+').Replace('_', '/'), bytes, out var written)
            || written != ByteLength
            || bytes[0] != Format)
        {
            return false;
        }

        var decoded = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        if (decoded < 0)
        {
            return false;
        }

        sequence = decoded;
        return true;
    }
}
