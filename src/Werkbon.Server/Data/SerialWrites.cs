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

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    /// <summary>Begins the transaction that holds the company's invoice chain (<c>InvoiceLedgers</c> row) until commit.</summary>
    public static Task<IDbContextTransaction> BeginInvoiceChainAsync(AppDb db, Guid ledgerId, CancellationToken ct) =>
        BeginLockedAsync(db, db.Database.IsNpgsql() ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"InvoiceLedgers\" WHERE \"Id\" = {ledgerId} FOR UPDATE") : null, ct);

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

        var gate = SqliteWriters.GetOrAdd(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource, _ => new SemaphoreSlim(1, 1));
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
