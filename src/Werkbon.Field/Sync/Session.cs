using Werkbon.Field.Local;

namespace Werkbon.Field.Sync;

/// <summary>What survives a restart without network: the technician and the tokens.</summary>
public sealed record StoredSession(FieldIdentity Identity, string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, bool NeedsSignIn = false);

/// <summary>
/// The signed-in technician. Signing in happens once, online; afterwards the identity comes from the
/// device, so the app starts and works without a network. An expired refresh token only asks to sign
/// in again: the device's work orders, drafts and outbox stay.
/// </summary>
public sealed class Session(LocalStore store)
{
    private const string Key = "session";

    public StoredSession? Current { get; private set; }

    public FieldIdentity? Identity => Current?.Identity;

    public bool IsSignedIn => Current is not null;

    public event Action? Changed;

    public async Task LoadAsync() => Current = await store.GetAsync(LocalStore.Meta, Key, FieldJson.Default.StoredSession);

    public async Task SaveAsync(StoredSession session)
    {
        await store.PutAsync(LocalStore.Meta, Key, session, FieldJson.Default.StoredSession);
        Current = session;
        Changed?.Invoke();
    }

    public async Task MarkNeedsSignInAsync()
    {
        if (Current is { NeedsSignIn: false } current)
        {
            await SaveAsync(current with { NeedsSignIn = true });
        }
    }

    /// <summary>Logout wipes everything the device holds for this technician.</summary>
    public async Task LogoutAsync()
    {
        await store.WipeAsync();
        Current = null;
        Changed?.Invoke();
    }
}
