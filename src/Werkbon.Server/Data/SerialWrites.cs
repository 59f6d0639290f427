using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Werkbon.Server.Data;

/// <summary>
/// Transactions that must run one after the other for one row (a numbering series, a hash chain), on both
/// providers. PostgreSQL locks the row (<c>SELECT … FOR UPDATE</c>) until commit; SQLite takes the
/// database's write lock up-front (<c>BEGIN IMMEDIATE</c>), so no later statement can fail on a lock.
/// </summary>
public static class SerialWrites
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Begins the transaction that holds the company's invoice chain (<c>InvoiceLedgers</c> row) until commit.</summary>
    public static Task<IDbContextTransaction> BeginInvoiceChainAsync(AppDb db, Guid ledgerId, CancellationToken ct) =>
        BeginLockedAsync(db, db.Database.IsNpgsql() ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"InvoiceLedgers\" WHERE \"Id\" = {ledgerId} FOR UPDATE") : null, ct);

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
