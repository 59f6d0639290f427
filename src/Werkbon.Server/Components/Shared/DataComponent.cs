using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Werkbon.Core.Calendar;

namespace Werkbon.Server.Components.Shared;

/// <summary>
/// A back-office component that works through the circuit's <see cref="AppDb"/>. One context serves the
/// whole circuit, so its calls are queued one at a time (a list reloading while the user types must not
/// run two queries at once), and the change tracker is emptied after every write: a refused save leaves
/// nothing behind for the next one, and later reads see the rows as they are now.
/// </summary>
public abstract class DataComponent : ComponentBase, IDisposable
{
    private static readonly ConditionalWeakTable<AppDb, SemaphoreSlim> Gates = [];

    private readonly CancellationTokenSource _gone = new();

    [Inject]
    protected AppDb Db { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>Cancelled when the component leaves the screen.</summary>
    protected CancellationToken Gone => _gone.Token;

    /// <summary>Runs a read (use AsNoTracking); <paramref name="ct"/> can end it early, e.g. a search the user typed past.</summary>
    protected async Task<TResult> Read<TResult>(Func<CancellationToken, Task<TResult>> read, CancellationToken ct = default)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(Gone, ct);
        var gate = Gates.GetValue(Db, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(either.Token);
        try
        {
            return await read(either.Token);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs a change and forgets every tracked row afterwards, saved or not.</summary>
    protected async Task<TResult> Write<TResult>(Func<CancellationToken, Task<TResult>> write)
    {
        var gate = Gates.GetValue(Db, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(Gone);
        try
        {
            return await write(Gone);
        }
        finally
        {
            Db.ChangeTracker.Clear();
            gate.Release();
        }
    }

    /// <summary>A live reload of this component for the feed: <paramref name="load"/>, then a redraw, coalesced by <see cref="LiveRefresh"/>.</summary>
    protected LiveRefresh LiveReload(Func<Task> load) => new(() => InvokeAsync(async () =>
    {
        await load();
        StateHasChanged();
    }));

    /// <summary>Today in the company's time zone.</summary>
    protected DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime);

    /// <summary>The company's clock: every instant on a screen is shown on it, times are entered on it, stored in UTC.</summary>
    protected Task<WallClock> CompanyClock() => Read(ct => Companies.CompanyClock.LoadAsync(Db, ct));

    /// <summary>The company's time zone: schedules are shown and entered in it, stored in UTC.</summary>
    protected async Task<TimeZoneInfo> CompanyZone() => (await CompanyClock()).Zone;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Not disposed: work still finishing may read the token, and it holds no timer.
            _gone.Cancel();
        }
    }
}
