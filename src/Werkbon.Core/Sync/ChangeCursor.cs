using System.Buffers.Binary;

namespace Werkbon.Core.Sync;

/// <summary>
/// What a delta pull's token stands for: the server's change sequence the device is complete up to
/// (changes numbered from <paramref name="Sequence"/> on are still to come), the company-local day the
/// device's window of work orders was cut on, and a binding the server computes from who pulled, so a
/// token of another technician, company or a tampered one is recognised and answered with a full snapshot.
/// </summary>
public readonly record struct ChangeCursor(long Sequence, DateOnly Day, ulong Binding)
{
    private const byte Format = 2;
    private const int ByteLength = 21;
    private const int TextLength = 28; // 21 bytes are exactly 28 base64 characters, no padding
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>The opaque base64url text of this cursor: a format byte, the sequence, the day number and the binding, big-endian.</summary>
    public string Encode()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Sequence);
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], Sequence);
        BinaryPrimitives.WriteInt32BigEndian(bytes[9..], Day.DayNumber);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[13..], Binding);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor of a token <see cref="Encode"/> made; anything else (another format, a near-miss) is refused.</summary>
    public static bool TryDecode(string? token, out ChangeCursor cursor)
    {
        cursor = default;
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

        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var day = BinaryPrimitives.ReadInt32BigEndian(bytes[9..]);
        if (sequence < 0 || day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        cursor = new ChangeCursor(sequence, DateOnly.FromDayNumber(day), BinaryPrimitives.ReadUInt64BigEndian(bytes[13..]));
        return true;
    }
}
