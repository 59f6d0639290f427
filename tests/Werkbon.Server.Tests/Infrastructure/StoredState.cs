using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Werkbon.Server.Data;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>
/// Everything an app has stored, as one comparable value per table: its row count and a hash of every row's
/// content (an update shows, not only an insert), and the files in the file store. On SQLite a connection of its
/// own watches <c>PRAGMA data_version</c>, which changes only when another connection commits, so an unchanged
/// database is known without reading it.
/// </summary>
public sealed class StoredState : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DatabaseProvider _provider;
    private readonly string _files;
    private readonly IReadOnlyList<string> _tables;
    private readonly Dictionary<string, string> _rowText;
    private long _dataVersion = -1;
    private Snapshot? _last;

    private StoredState(DbConnection connection, DatabaseProvider provider, string files, IReadOnlyList<string> tables, Dictionary<string, string> rowText)
    {
        _connection = connection;
        _provider = provider;
        _files = files;
        _tables = tables;
        _rowText = rowText;
    }

    /// <summary>Per table "rows:hash"; the file store as "files".</summary>
    public sealed record Snapshot(IReadOnlyDictionary<string, string> Tables)
    {
        /// <summary>The tables (and "files") that differ from <paramref name="other"/>, apart from the ones named.</summary>
        public IReadOnlyList<string> ChangedSince(Snapshot other, IReadOnlySet<string> apart) =>
            Tables.Keys.Union(other.Tables.Keys)
                .Where(t => !apart.Contains(t) && Tables.GetValueOrDefault(t) != other.Tables.GetValueOrDefault(t))
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    public static async Task<StoredState> OpenAsync(WerkbonApp app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        string connectionString;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<AppDb>().Database.GetConnectionString()!;
        }

        DbConnection connection = app.Provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        var rowText = new Dictionary<string, string>(StringComparer.Ordinal);
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            foreach (var table in await ReadColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", ct))
            {
                var columns = await ReadColumnAsync(connection, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid", ct);
                tables.Add(table);
                rowText[table] = string.Join(" || char(31) || ", columns.Select(c => $"quote(\"{c}\")"));
            }
        }
        else
        {
            tables.AddRange(await ReadColumnAsync(
                connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", ct));
        }

        var files = Path.Combine(Path.GetFullPath(app.Services.GetRequiredService<IConfiguration>()["DataFolder"]!), "files");
        return new StoredState(connection, app.Provider, files, tables, rowText);
    }

    /// <summary>What is stored now; on SQLite the previous snapshot again when no connection has committed since.</summary>
    public async Task<Snapshot> TakeAsync(CancellationToken ct)
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            var version = Convert.ToInt64(await ScalarAsync("PRAGMA data_version", ct), System.Globalization.CultureInfo.InvariantCulture);
            if (version == _dataVersion && _last is not null && _last.Tables["files"] == FileStoreState())
            {
                return _last;
            }

            _dataVersion = version;
        }

        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_provider == DatabaseProvider.Sqlite)
        {
            foreach (var table in _tables)
            {
                var rows = await ReadColumnAsync(_connection, $"SELECT {_rowText[table]} FROM \"{table}\"", ct);
                rows.Sort(StringComparer.Ordinal);
                tables[table] = $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))))}";
            }
        }
        else
        {
            var sql = string.Join(
                " UNION ALL ",
                _tables.Select(t => $"SELECT '{t}', count(*)::text || ':' || md5(coalesce(string_agg(r::text, chr(30) ORDER BY r::text), '')) FROM \"{t}\" r"));
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables[reader.GetString(0)] = reader.GetString(1);
            }
        }

        tables["files"] = FileStoreState();
        return _last = new Snapshot(tables);
    }

    private string FileStoreState()
    {
        if (!Directory.Exists(_files))
        {
            return "0:";
        }

        var names = Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_files, f)).Order(StringComparer.Ordinal).ToList();
        return $"{names.Count}:{string.Join('|', names)}";
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<List<string>> ReadColumnAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.IsDBNull(0) ? "NULL" : reader.GetString(0));
        }

        return values;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
