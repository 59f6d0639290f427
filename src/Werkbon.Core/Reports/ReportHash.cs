using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Werkbon.Core.Reports;

/// <summary>The seal of a signed report: lowercase hex SHA-256 of its canonical bytes (<see cref="CanonicalReport"/>).</summary>
public static class ReportHash
{
    /// <summary>Throws <see cref="ArgumentException"/> for a document with ill-formed text, which has no canonical form.</summary>
    public static string Compute(ReportDocument document) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalReport.ToUtf8Bytes(document)));

    public static bool TryCompute(ReportDocument document, [NotNullWhen(true)] out string? hash)
    {
        hash = CanonicalReport.TryToUtf8Bytes(document, out var bytes) ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : null;
        return hash is not null;
    }

    /// <summary>
    /// Whether <paramref name="hash"/> seals <paramref name="document"/>: the exact lowercase hex, compared
    /// in fixed time. False, never an exception, for a document without a canonical form.
    /// </summary>
    public static bool Verify(ReportDocument document, string? hash) =>
        hash is not null
        && TryCompute(document, out var expected)
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(hash.AsSpan()));
}

/// <summary>How photos and the signature image are named: lowercase hex SHA-256 of their exact bytes.</summary>
public static class PhotoHash
{
    public const int HexLength = 64;

    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>True for exactly 64 characters of 0–9 and a–f.</summary>
    public static bool IsValid([NotNullWhen(true)] string? hash) =>
        hash is { Length: HexLength } && !hash.AsSpan().ContainsAnyExcept("0123456789abcdef");
}
