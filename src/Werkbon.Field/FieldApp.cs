using Werkbon.Field.Local;
using Werkbon.Field.Reports;
using Werkbon.Field.Sync;

namespace Werkbon.Field;

/// <summary>Start-up: everything comes from the device first (no network needed), then sync starts in the background.</summary>
public sealed class FieldApp(Session session, FieldData data, Outbox outbox, Drafts drafts, SyncService sync, LocalStore store, FieldApi api)
{
    private Task? ready;

    public Task ReadyAsync() => ready ??= LoadAsync();

    private async Task LoadAsync()
    {
        await session.LoadAsync();
        if (session.IsSignedIn)
        {
            await LoadDataAsync();
        }
    }

    private async Task LoadDataAsync()
    {
        await data.LoadAsync();
        await outbox.LoadAsync();
        await drafts.LoadAsync();
    }

    /// <summary>
    /// After the first screen is up: the catalog and pricing data (only the report needs them) and
    /// background sync. A cold start shows the day's work first.
    /// </summary>
    public async Task StartBackgroundAsync()
    {
        if (session.IsSignedIn)
        {
            await data.LoadCatalogAsync();
            await sync.StartAsync();
        }
    }

    /// <summary>
    /// Whether this sign-in may replace what the device holds: the same technician signing in again keeps
    /// it all; another technician only gets a device without unsent reports (those can only be sent by the
    /// technician who signed them).
    /// </summary>
    public bool MaySignIn(FieldIdentity identity) =>
        session.Identity is null || session.Identity.Id == identity.Id
        || (outbox.Items.All(i => i.State == OutboxState.Sent) && !drafts.WorkOrderIds.Any());

    public async Task SignedInAsync(StoredSession signedIn)
    {
        if (session.Identity is { } previous && previous.Id != signedIn.Identity.Id)
        {
            await store.WipeAsync();
        }

        await session.SaveAsync(signedIn with { NeedsSignIn = false });
        await LoadDataAsync();
        await StartBackgroundAsync();
        await sync.SyncNowAsync(manual: true);
    }

    /// <summary>Logout wipes every record, draft, report and photo of this technician from the device.</summary>
    public async Task LogoutAsync()
    {
        using (var soon = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await api.SignOutAsync(soon.Token); // the tokens stop working on the server too
            }
            catch (OperationCanceledException)
            {
                // Offline or slow: the device is wiped all the same.
            }
        }

        await session.LogoutAsync();
        await data.LoadAsync();
        await outbox.LoadAsync();
        await drafts.LoadAsync();
    }
}
