using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Werkbon.Benchmarks.Load;

/// <summary>
/// The server's own database, opened directly (Microsoft.Data.Sqlite on its file, Npgsql on its PostgreSQL
/// database): the raw-insert ceiling of each phase, written into a scratch table, and the check of every stored report.
/// </summary>
public sealed class RawDatabase(string? sqliteFile, string? postgres)
{
    private const string Scratch = "load_scratch";

    // SQLite takes one writer at a time: the best a process can do is to queue its writers in memory, not in the file's busy loop.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public bool IsPostgres => postgres is not null;

    private DbConnection Connection() => postgres is not null ? new NpgsqlConnection(postgres) : new SqliteConnection($"Data Source={sqliteFile}");

    public async Task CreateScratchAsync()
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {Scratch} (id TEXT PRIMARY KEY, payload TEXT NOT NULL)");
    }

    public async Task DropScratchAsync()
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Scratch}");
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> rows of <paramref name="payloadBytes"/> characters, each in its own transaction, from
    /// <paramref name="concurrency"/> connections at once; answers rows per second.
    /// </summary>
    public async Task<double> InsertAsync(int rows, int payloadBytes, int concurrency)
    {
        var payload = new string('x', Math.Max(1, payloadBytes));
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, rows)).Select(_ => Task.Run(async () =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {Scratch} (id, payload) VALUES (@id, @payload)";
            var id = insert.CreateParameter();
            id.ParameterName = "@id";
            insert.Parameters.Add(id);
            var text = insert.CreateParameter();
            text.ParameterName = "@payload";
            text.Value = payload;
            insert.Parameters.Add(text);
            for (var i = Interlocked.Increment(ref next); i < rows; i = Interlocked.Increment(ref next))
            {
                id.Value = Guid.NewGuid().ToString();
                if (postgres is null)
                {
                    await _sqliteWriter.WaitAsync();
                }

                try
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    insert.Transaction = transaction;
                    await insert.ExecuteNonQueryAsync();
                    await transaction.CommitAsync();
                }
                finally
                {
                    if (postgres is null)
                    {
                        _sqliteWriter.Release();
                    }
                }
            }
        })));
        return rows / clock.Elapsed.TotalSeconds;
    }

    public sealed record ReportCheck(int Pushed, int Found, int Intact, int MatchingPush);

    /// <summary>
    /// Reads every stored report's canonical document and hash from the table: intact when SHA-256 of the stored
    /// text is the stored hash, and matching the push when that is the hash the device sent.
    /// </summary>
    public async Task<ReportCheck> CheckReportsAsync(IReadOnlyDictionary<Guid, string> pushed)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT \"Id\", \"CanonicalDocument\", \"Hash\" FROM \"Reports\"";
        await using var reader = await select.ExecuteReaderAsync();
        int found = 0, intact = 0, matching = 0;
        while (await reader.ReadAsync())
        {
            var id = reader.GetFieldValue<object>(0) is Guid guid ? guid : Guid.Parse(reader.GetString(0));
            if (!pushed.TryGetValue(id, out var sent))
            {
                continue; // the demo company's own reports
            }

            found++;
            var hash = reader.GetString(2);
            if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reader.GetString(1)))) == hash)
            {
                intact++;
            }

            if (hash == sent)
            {
                matching++;
            }
        }

        return new ReportCheck(pushed.Count, found, intact, matching);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh database on the given PostgreSQL server for this run; answers its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
