using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Werkbon.Server.Data;

/// <summary>
/// Puts a SQLite save that runs outside any transaction (EF's own short transaction) in the same in-process queue as the
/// writers of <see cref="SerialWrites"/>. Without it such a save asked SQLite for the write lock while a gated writer held
/// it, and Microsoft.Data.Sqlite polls a busy database every 150 ms: concurrent creates then waited with both cores idle.
/// A save inside a transaction already holds the write lock and passes straight through. PostgreSQL saves pass untouched.
/// </summary>
public sealed class SqliteSaveGate : SaveChangesInterceptor
{
    public static readonly SqliteSaveGate Instance = new();

    /// <summary>
    /// How long a save waits for the gate before it asks SQLite directly (its busy timeout then applies): a save made while
    /// the same flow holds the gate through another context must not wait forever.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Gate(eventData.Context) is { } gate && gate.Wait(Patience))
        {
            Held(eventData.Context!, gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Gate(eventData.Context) is { } gate && await gate.WaitAsync(Patience, cancellationToken))
        {
            Held(eventData.Context!, gate);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private static SemaphoreSlim? Gate(DbContext? context) =>
        context is AppDb { HeldSaveGate: null } db && db.Database.CurrentTransaction is null && db.Database.IsSqlite()
            ? SerialWrites.SqliteGate(db)
            : null;

    private static void Held(DbContext context, SemaphoreSlim gate) => ((AppDb)context).HeldSaveGate = gate;

    private static void Release(DbContext? context) => (context as AppDb)?.ReleaseSaveGate();
}
