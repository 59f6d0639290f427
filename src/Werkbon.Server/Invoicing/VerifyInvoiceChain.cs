using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

/// <summary>The outcome of walking the chain: intact, or the first document (by number) where it breaks and why.</summary>
public sealed record ChainVerification(bool Intact, int Checked, string? FirstBrokenNumber, long? ChainPosition, string? Problem);

/// <summary>
/// Walks every issued invoice and credit note in issue order and checks each link: its place, the hash
/// before it, its own hash over its snapshot, the stored columns against the snapshot, the numbering of its
/// series, and its stored PDF and UBL against their hashes (no UBL only where the buyer has no Peppol address). The first break is reported by number.
/// </summary>
public static class VerifyInvoiceChain
{
    public static async Task<Ok<ChainVerification>> Handle(AppDb db, CancellationToken ct) => TypedResults.Ok(await VerifyAsync(db, ct));

    /// <summary>How many documents, with their stored PDF and UBL (~100 KB a document), are held at a time.</summary>
    private const int FileBatch = 50;

    private sealed record StoredDocument(Guid InvoiceId, string Kind, string Sha256, byte[] Content);

    public static async Task<ChainVerification> VerifyAsync(AppDb db, CancellationToken ct)
    {
        var issued = db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Issued)
            .OrderBy(i => i.ChainPosition)
            .ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Kind, i.Number, i.Sequence, i.SeriesId, i.IssueDate, i.DueDate, i.StructuredCommunication, i.Net, i.Vat, i.Total,
                i.Lines, i.ChainPosition, i.PreviousHash, i.ChainHash, i.Snapshot, i.PdfSha256, i.UblSha256,
            });

        var previousHash = "";
        string? previousNumber = null;
        var nextSequence = new Dictionary<Guid, long>();
        var position = 0L;

        // The documents and their stored files are read a batch at a time: all of them at once held every snapshot,
        // PDF and UBL in memory.
        for (var more = true; more;)
        {
            var page = await issued.Skip((int)position).Take(FileBatch).ToListAsync(ct);
            more = page.Count == FileBatch;
            if (page.Count == 0)
            {
                break;
            }

            var batch = page.Select(i => i.Id).ToList();
            var files = (await db.InvoiceFiles.AsNoTracking().Where(f => batch.Contains(f.InvoiceId))
                .Select(f => new StoredDocument(f.InvoiceId, f.Kind, f.Sha256, f.Content)).ToListAsync(ct))
                .ToLookup(f => f.InvoiceId);
            foreach (var doc in page)
            {
                position++;
                ChainVerification Broken(string problem) => new(false, (int)position - 1, doc.Number, doc.ChainPosition, problem);

                if (doc.ChainPosition != position || doc.PreviousHash != previousHash)
                {
                    return Broken(doc.ChainPosition > position
                        ? $"A document issued between {previousNumber ?? "the start"} and {doc.Number} is missing."
                        : $"{doc.Number} does not follow {previousNumber ?? "the start"} in the chain: documents were moved or replaced.");
                }

                var snapshot = doc.Snapshot is null ? null : InvoiceHashes.Read(doc.Snapshot);
                if (snapshot is null || !InvoiceHashes.Verify(snapshot, previousHash, doc.ChainHash))
                {
                    return Broken($"The issued content of {doc.Number} no longer matches its hash.");
                }

                if (snapshot.Number != doc.Number || snapshot.Kind != doc.Kind || snapshot.IssueDate != doc.IssueDate || snapshot.DueDate != doc.DueDate
                    || snapshot.Net != doc.Net || snapshot.Vat != doc.Vat || snapshot.Total != doc.Total
                    || snapshot.StructuredCommunication != (doc.StructuredCommunication ?? "")
                    || InvoiceHashes.Snapshot(snapshot with { Lines = doc.Lines }) != doc.Snapshot)
                {
                    return Broken($"The stored fields of {doc.Number} differ from what was issued.");
                }

                var series = doc.SeriesId ?? Guid.Empty;
                var expected = nextSequence.GetValueOrDefault(series, 1);
                if (doc.Sequence != expected)
                {
                    return Broken(doc.Sequence > expected
                        ? $"Numbers are missing before {doc.Number} in its series."
                        : $"{doc.Number} repeats or goes back in its series.");
                }

                nextSequence[series] = expected + 1;
                // A document has a UBL exactly when its buyer has a Peppol address; otherwise it has no UBL file at all.
                if (doc.UblSha256 is null && (PeppolUbl.IsFor(snapshot) || files[doc.Id].Any(f => f.Kind == InvoiceFile.Ubl)))
                {
                    return Broken($"The stored UBL of {doc.Number} is not the one that was issued.");
                }

                foreach (var (kind, hash) in new[] { (InvoiceFile.Pdf, doc.PdfSha256), (InvoiceFile.Ubl, doc.UblSha256) })
                {
                    if (kind == InvoiceFile.Ubl && hash is null)
                    {
                        continue;
                    }

                    var file = files[doc.Id].FirstOrDefault(f => f.Kind == kind);
                    if (file is null || file.Sha256 != hash || InvoiceHashes.Sha256(file.Content) != hash)
                    {
                        return Broken($"The stored {kind.ToUpperInvariant()} of {doc.Number} is not the one that was issued.");
                    }
                }

                previousHash = doc.ChainHash ?? "";
                previousNumber = doc.Number;
            }
        }

        var ledger = await db.InvoiceLedgers.AsNoTracking().FirstOrDefaultAsync(ct);
        if (ledger is not null && (ledger.Position != position || ledger.LastHash != previousHash))
        {
            return new ChainVerification(false, (int)position, previousNumber, position,
                $"{ledger.Position - position} document(s) issued after {previousNumber ?? "the start"} are missing.");
        }

        return new ChainVerification(true, (int)position, null, null, null);
    }
}
