using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Field.Local;

namespace Werkbon.Field.Reports;

/// <summary>The reports being filled in on this device, one per work order, kept in IndexedDB.</summary>
public sealed class Drafts(LocalStore store, TimeProvider clock)
{
    private Dictionary<Guid, ReportDraft> drafts = [];

    public IEnumerable<Guid> WorkOrderIds => drafts.Keys;

    public async Task LoadAsync() =>
        drafts = (await store.GetAllAsync(LocalStore.Drafts, FieldJson.Default.ReportDraft)).ToDictionary(d => d.WorkOrderId);

    public ReportDraft? For(Guid workOrderId) => drafts.GetValueOrDefault(workOrderId);

    /// <summary>A new report for the work order, with its id made here, on the device.</summary>
    public ReportDraft Start(FieldWorkOrder order)
    {
        var draft = new ReportDraft
        {
            ReportId = Guid.CreateVersion7(clock.GetUtcNow()),
            WorkOrderId = order.Id,
            StartedAt = Now(),
            AssetId = order.Assets.Count == 1 ? order.Assets[0].Id : null,
        };
        drafts[order.Id] = draft;
        return draft;
    }

    public Task SaveAsync(ReportDraft draft)
    {
        drafts[draft.WorkOrderId] = draft;
        return store.PutAsync(LocalStore.Drafts, draft.WorkOrderId.ToString(), draft, FieldJson.Default.ReportDraft);
    }

    /// <summary>The write that removes the draft; committed together with its signed report.</summary>
    public static Write Removal(Guid workOrderId) => Write.Delete(LocalStore.Drafts, workOrderId.ToString());

    public void Forget(Guid workOrderId) => drafts.Remove(workOrderId);

    /// <summary>Now, on the device's clock and offset, to the whole second: the canonical form refuses fractions.</summary>
    public DateTimeOffset Now() => Seconds(clock.GetLocalNow());

    public static DateTimeOffset Seconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    /// <summary>
    /// Extra work the customer asked for on site, recorded now: it takes the time it was recorded, from now on
    /// for the minutes given, and never a window back in time (over the travel or work already recorded).
    /// </summary>
    public DraftTime AddExtraTime(ReportDraft draft, int minutes, string note)
    {
        var start = Now();
        var extra = new DraftTime
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Kind = TimeEntryKind.Work,
            Start = start,
            End = start.AddMinutes(minutes),
            IsExtra = true,
            Note = note.Trim(),
        };
        draft.Time.Add(extra);
        return extra;
    }

    // One-tap timers. Each closes the running entry (dropping it if it lasted less than a second) and maybe opens the next.
    public void StartTravel(ReportDraft draft) => Switch(draft, TimeEntryKind.Travel, TimerState.Travelling);

    public void StartWork(ReportDraft draft) => Switch(draft, TimeEntryKind.Work, TimerState.Working);

    public void Pause(ReportDraft draft) => Switch(draft, null, TimerState.Paused);

    public void Finish(ReportDraft draft) => Switch(draft, null, TimerState.Finished);

    private void Switch(ReportDraft draft, TimeEntryKind? next, TimerState state)
    {
        var now = Now();
        if (draft.Running is { } running)
        {
            running.End = now;
            if (running.End <= running.Start)
            {
                draft.Time.Remove(running);
            }
        }

        if (next is { } kind)
        {
            draft.Time.Add(new DraftTime { Id = Guid.CreateVersion7(clock.GetUtcNow()), Kind = kind, Start = now });
        }

        draft.Timer = state;
    }
}
