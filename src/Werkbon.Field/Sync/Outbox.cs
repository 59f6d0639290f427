using System.Text.Json;
using Werkbon.Core.Reports;
using Werkbon.Field.Local;

namespace Werkbon.Field.Sync;

public enum OutboxState
{
    /// <summary>Signed, waiting for a network (or for its next attempt).</summary>
    Pending,

    /// <summary>The server refused it; shown to the technician, never dropped, retried only on request.</summary>
    NeedsAttention,

    /// <summary>The server holds the report and every file it names.</summary>
    Sent,
}

/// <summary>
/// A signed report waiting to reach the server. <see cref="Body"/> is the exact JSON sent with every
/// attempt — the document and the hash computed on the device when the customer signed — so a retry is
/// byte-for-byte the same request and the server's replay answer is the stored result.
/// </summary>
public sealed record OutboxItem(
    Guid ReportId,
    Guid WorkOrderId,
    string Body,
    string Hash,
    DateTimeOffset SignedAt,
    OutboxState State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    int LastStatus,
    IReadOnlyList<string> UploadedFiles,
    DateTimeOffset? SentAt)
{
    private ReportDocument? document;

    public ReportDocument Document => document ??= JsonSerializer.Deserialize(Body, FieldJson.Default.PushReportBody)!.Document;
}

/// <summary>The outbox of signed reports, in IndexedDB, in the order they were signed.</summary>
public sealed class Outbox(LocalStore store)
{
    private List<OutboxItem> items = [];

    public IReadOnlyList<OutboxItem> Items => items;

    public int PendingCount => items.Count(i => i.State == OutboxState.Pending);

    public int AttentionCount => items.Count(i => i.State == OutboxState.NeedsAttention);

    public event Action? Changed;

    public async Task LoadAsync() =>
        items = [.. (await store.GetAllAsync(LocalStore.Outbox, FieldJson.Default.OutboxItem)).OrderBy(i => i.SignedAt)];

    public OutboxItem? ForWorkOrder(Guid workOrderId) => items.LastOrDefault(i => i.WorkOrderId == workOrderId);

    /// <summary>Adds a signed report and removes its draft in one transaction: the report is either a draft or signed, never both or neither.</summary>
    public async Task AddAsync(OutboxItem item, Write removeDraft)
    {
        await store.CommitAsync([Write.Put(LocalStore.Outbox, item.ReportId.ToString(), item, FieldJson.Default.OutboxItem), removeDraft]);
        items.Add(item);
        Changed?.Invoke();
    }

    /// <summary>Forgets reports the server has held for a while; unsent and refused ones are never dropped.</summary>
    public async Task PurgeSentAsync(DateTimeOffset sentBefore)
    {
        var old = items.Where(i => i.State == OutboxState.Sent && i.SentAt < sentBefore).ToList();
        if (old.Count > 0)
        {
            await store.CommitAsync([.. old.Select(i => Write.Delete(LocalStore.Outbox, i.ReportId.ToString()))]);
            items.RemoveAll(old.Contains);
            Changed?.Invoke();
        }
    }

    public async Task SaveAsync(OutboxItem item)
    {
        await store.PutAsync(LocalStore.Outbox, item.ReportId.ToString(), item, FieldJson.Default.OutboxItem);
        var index = items.FindIndex(i => i.ReportId == item.ReportId);
        if (index >= 0)
        {
            items[index] = item;
        }

        Changed?.Invoke();
    }
}
