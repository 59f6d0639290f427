using System.Security.Cryptography;
using System.Text.Json;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

/// <summary>
/// How an issued document is kept: its <see cref="InvoiceDocument"/> as JSON (the snapshot), linked into the
/// company's chain by <see cref="InvoiceChain.Hash"/>; stored files carry their own SHA-256.
/// </summary>
public static class InvoiceHashes
{
    public static string Snapshot(InvoiceDocument document) => JsonSerializer.Serialize(document, JsonColumns.Options);

    public static InvoiceDocument Read(string snapshot) =>
        JsonSerializer.Deserialize<InvoiceDocument>(snapshot, JsonColumns.Options)
        ?? throw new InvalidOperationException("The stored invoice snapshot cannot be read.");

    /// <summary>The chain link after <paramref name="previousHash"/> (empty for the first document).</summary>
    public static string Link(InvoiceDocument document, string previousHash) =>
        InvoiceChain.Hash(document, previousHash.Length == 0 ? null : previousHash);

    public static bool Verify(InvoiceDocument document, string previousHash, string? hash) =>
        InvoiceChain.Verify(document, previousHash.Length == 0 ? null : previousHash, hash);

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
