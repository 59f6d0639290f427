using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Werkbon.Server.Data;

/// <summary>
/// Transactions that must run one after the other for one row (a numbering series, a hash chain), on both
/// providers. PostgreSQL locks the row (<c>SELECT … FOR UPDATE</c>) until commit; SQLite takes the
/// database's write lock up-front (<c>BEGIN IMMEDIATE</c>), so no later statement can fail on a lock.
/// Within one process SQLite writers also queue on an in-memory gate per database before they ask for the
/// write lock: Microsoft.Data.Sqlite waits for a busy database by sleeping 150 ms between attempts, which
/// left the database idle while issuers slept. The write lock stays the guarantee; the gate only orders them.
/// </summary>
public static class SerialWrites
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>The advisory lock key of the company registry ("WERKBON" in ASCII).</summary>
    private const long CompanyRegistryLock = 0x5745524B424F4E;

    /// <summary>The first key of the advisory locks on a company's drafts, and on a customer's.</summary>
    private const int CompanyDrafts = 0x5742_4401;

    private const int CustomerDrafts = 0x5742_4402;

    /// <summary>The first key of the advisory lock under which a company's numbering rows are created.</summary>
    private const int NumberingSetup = 0x5742_4406;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    /// <summary>The gate of a connection string's database file, found once per connection string.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    /// <summary>Begins the transaction that holds the company's invoice chain (<c>InvoiceLedgers</c> row) until commit.</summary>
    public static Task<IDbContextTransaction> BeginInvoiceChainAsync(AppDb db, Guid ledgerId, CancellationToken ct) =>
        BeginLockedAsync(db, db.Database.IsNpgsql() ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"InvoiceLedgers\" WHERE \"Id\" = {ledgerId} FOR UPDATE") : null, ct);

    /// <summary>
    /// Begins the transaction in which a new company is checked against the existing ones and added, one creation at a
    /// time across every node: PostgreSQL holds a transaction-level advisory lock, SQLite the database's write lock.
    /// </summary>
    public static Task<IDbContextTransaction> BeginCompanyRegistryAsync(AppDb db, CancellationToken ct) =>
        BeginLockedAsync(db, db.Database.IsNpgsql() ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM (SELECT pg_advisory_xact_lock({CompanyRegistryLock})) AS registry") : null, ct);

    /// <summary>
    /// Begins the transaction in which a company's chain head and series are created once: PostgreSQL holds a transaction-level
    /// advisory lock on the company, so a racing creator on any node waits and then finds the rows (rather than failing on
    /// their unique index); SQLite the database's write lock.
    /// </summary>
    public static Task<IDbContextTransaction> BeginNumberingSetupAsync(AppDb db, CancellationToken ct) =>
        BeginLockedAsync(db, db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM (SELECT pg_advisory_xact_lock({NumberingSetup}, {LockKey(db.CompanyId ?? throw new InvalidOperationException("No company to number for."))})) AS setup")
            : null, ct);

    /// <summary>
    /// Begins a write transaction: on PostgreSQL a plain one (its locks come with <see cref="LockDraftsAsync"/> and the rows it
    /// writes); on SQLite the database's write lock, taken up-front behind the in-process gate.
    /// </summary>
    public static Task<IDbContextTransaction> BeginWriteAsync(AppDb db, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.BeginTransactionAsync(ct) : BeginLockedAsync(db, null, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (<see cref="BeginWriteAsync"/>) and commits. When it lost a race
    /// (a row changed since it was read, or PostgreSQL chose it as a deadlock victim) nothing of it stays, and it runs again on
    /// fresh rows, so a caller never sees the race.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(AppDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await BeginWriteAsync(db, ct);
            try
            {
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < 5 && IsLostRace(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Holds, until the transaction ends, the right to put approved reports of these customers (of the whole company when
    /// null) on drafts. Drafting for one customer excludes drafting for that customer and for the whole company, not for
    /// other customers. PostgreSQL takes transaction-level advisory locks (the company's shared or exclusive, then each
    /// customer's in one order, so takers never deadlock); on SQLite the write transaction already holds the database.
    /// </summary>
    public static async Task LockDraftsAsync(AppDb db, IEnumerable<Guid>? customerIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Drafts are locked inside a write transaction.");
        }

        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var company = LockKey(db.CompanyId ?? throw new InvalidOperationException("No company to draft for."));
        if (customerIds is null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CompanyDrafts}, {company})", ct);
            return;
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({CompanyDrafts}, {company})", ct);
        foreach (var customer in customerIds.Select(LockKey).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CustomerDrafts}, {customer})", ct);
        }
    }

    /// <summary>The background jobs that one node at a time does for a company (<see cref="TryHoldAsync"/>).</summary>
    public enum Job
    {
        PeppolPolling = 0x5742_4403,
        ReminderSweep = 0x5742_4404,
    }

    /// <summary>
    /// Holds <paramref name="job"/> for <paramref name="companyId"/> on this node until disposed, or answers null when another
    /// node does it now (the caller skips it; that node's pass covers it). PostgreSQL takes a session-level advisory lock on the
    /// context's connection, kept open meanwhile, so a node that dies lets go with its connection; on SQLite there is one node.
    /// Nothing is held for a transaction, so the job may call slow services (an access point) while it holds.
    /// </summary>
    public static async Task<IAsyncDisposable?> TryHoldAsync(AppDb db, Job job, Guid companyId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoHold.Instance;
        }

        var key = LockKey(companyId);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var held = (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({(int)job}, {key}) AS \"Value\"").ToListAsync(ct)).Single();
            if (held)
            {
                return new Hold(db, (int)job, key);
            }
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    private sealed class NoHold : IAsyncDisposable
    {
        public static readonly NoHold Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Hold(AppDb db, int job, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({job}, {key}) AS \"Value\"").ToListAsync();
            }
            finally
            {
                // When the unlock failed, the pool's reset of the connection (DISCARD ALL) or its loss lets go.
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>A row id folded to the second key of an advisory lock; two ids on one key only wait for each other.</summary>
    private static int LockKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[4..])
            ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
    }

    private static bool IsLostRace(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbUpdateConcurrencyException || (inner is DbException db && db.SqlState is "40P01" or "40001"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Takes the next work-order number of the company's series for <paramref name="year"/> (1 again in a new year) in one
    /// statement of its own, committed at once: concurrent takers wait a moment for each other and never collide or fail.
    /// A number taken by a create that then fails is not given again (work-order numbers may have gaps).
    /// </summary>
    public static async Task<int> TakeWorkOrderNumberAsync(AppDb db, int year, CancellationToken ct)
    {
        var companyId = db.CompanyId ?? throw new InvalidOperationException("No company to number work orders for.");
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A work-order number is taken outside any other transaction, so its row is held only for a moment.");
        }

        var take = db.Database.SqlQuery<int>($"""
            UPDATE "Companies" SET "WorkOrderSequence" = CASE WHEN "WorkOrderSequenceYear" = {year} THEN "WorkOrderSequence" + 1 ELSE 1 END,
              "WorkOrderSequenceYear" = {year}
            WHERE "Id" = {companyId} RETURNING "WorkOrderSequence" AS "Value"
            """);
        if (db.Database.IsNpgsql())
        {
            return (await take.ToListAsync(ct)).Single();
        }

        await using var transaction = await BeginLockedAsync(db, null, ct);
        var number = (await take.ToListAsync(ct)).Single();
        await transaction.CommitAsync(ct);
        return number;
    }

    private static async Task<IDbContextTransaction> BeginLockedAsync(AppDb db, IQueryable<int>? lockRow, CancellationToken ct)
    {
        if (lockRow is not null)
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            if ((await lockRow.ToListAsync(ct)).Count != 1)
            {
                await transaction.RollbackAsync(ct);
                throw new InvalidOperationException("The row to lock does not exist.");
            }

            return transaction;
        }

        var gate = SqliteGate(db);
        await gate.WaitAsync(ct);
        try
        {
            return new GatedTransaction(await BeginImmediateAsync(db, ct), gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>The in-process gate in front of the write lock of a SQLite context's database file.</summary>
    internal static SemaphoreSlim SqliteGate(DbContext db) =>
        SqliteGates.GetOrAdd(db.Database.GetConnectionString() ?? "", connection =>
            SqliteWriters.GetOrAdd(new SqliteConnectionStringBuilder(connection).DataSource, _ => new SemaphoreSlim(1, 1)));

    private static async Task<IDbContextTransaction> BeginImmediateAsync(AppDb db, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for a deferred transaction; its busy timeout
        // waits for the writer before us. Past that timeout we wait again rather than fail the caller.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.Database.BeginTransactionAsync(ct);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < 20)
            {
                await db.Database.CloseConnectionAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    /// <summary>True when a save failed because a unique index refused a duplicate (a racing insert won).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        DbException db => db.SqlState == "23505",
        _ => false,
    };
}

/// <summary>A transaction that lets the next writer of its database through the gate once it is disposed.</summary>
internal sealed class GatedTransaction(IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction, IInfrastructure<DbTransaction>
{
    private int released;

    public Guid TransactionId => inner.TransactionId;

    DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

    public void Commit() => inner.Commit();

    public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

    public void Rollback() => inner.Rollback();

    public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        try
        {
            inner.Dispose();
        }
        finally
        {
            Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync();
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            gate.Release();
        }
    }
}
