namespace Werkbon.Core.Sync;

/// <summary>
/// The field sync protocol's version. The installed field app lags behind server releases, so every
/// response says which version it speaks and the server keeps answering older clients in theirs.
/// A signed report's own shape is versioned apart (<see cref="Reports.ReportDocument.CurrentVersion"/>).
/// </summary>
public static class SyncProtocol
{
    /// <summary>2: a pull may answer a delta (<see cref="PullResponse.IsDelta"/>); clients ask for it with <c>protocol=2</c>.</summary>
    public const int Version = 2;

    /// <summary>The first version whose clients merge a delta; older clients only ever get a complete set or nothing.</summary>
    public const int Deltas = 2;
}

/// <summary>
/// The changes since the client's <see cref="ChangeToken"/>. Either the complete set for this technician
/// (<see cref="IsDelta"/> false: replace what the device holds; an answer with nothing in it means nothing
/// changed) or a delta (<see cref="IsDelta"/> true: work orders and articles added or changed are upserted,
/// <see cref="RemovedWorkOrderIds"/> and <see cref="RemovedArticleCodes"/> deleted, the pricing data replaced
/// when present — null: keep the one you have). The client stores everything, then keeps
/// <see cref="ChangeToken"/> for the next pull; with <see cref="HasMore"/> it pulls again at once.
/// </summary>
public sealed record PullResponse(
    int ProtocolVersion,
    string ChangeToken,
    IReadOnlyList<FieldWorkOrder> WorkOrders,
    IReadOnlyList<Guid> RemovedWorkOrderIds,
    IReadOnlyList<FieldArticle> Articles,
    IReadOnlyList<string> RemovedArticleCodes,
    FieldPricing? Pricing,
    bool HasMore,
    bool IsDelta = false);

public enum PushOutcome
{
    /// <summary>The report was new and is now stored.</summary>
    Stored,

    /// <summary>The same signed report (same id, same hash) was stored before: a safe replay, nothing changed.</summary>
    AlreadyStored,
}

/// <summary>
/// The answer to pushing a signed report. <see cref="MissingPhotoHashes"/> lists the files (photos and
/// the signature image) the server does not have yet, which the client uploads by their hash.
/// </summary>
public sealed record PushResult(Guid ReportId, string Hash, PushOutcome Outcome, IReadOnlyList<string> MissingPhotoHashes);
