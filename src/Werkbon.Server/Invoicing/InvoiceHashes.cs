using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

/// <summary>
/// The chain over issued documents: each link is SHA-256 over the previous link and the canonical JSON of
/// the issued <see cref="InvoiceDocument"/>, so changing, deleting or reordering any issued document breaks every later link.
/// </summary>
public static class InvoiceHashes
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Canonical(InvoiceDocument document) => JsonSerializer.Serialize(document, JsonColumns.Options);

    public static InvoiceDocument Read(string snapshot) =>
        JsonSerializer.Deserialize<InvoiceDocument>(snapshot, JsonColumns.Options)
        ?? throw new InvalidOperationException("The stored invoice snapshot cannot be read.");

    public static string Link(string previousHash, string snapshot) => Sha256(Encoding.UTF8.GetBytes(previousHash + "\n" + snapshot));

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
