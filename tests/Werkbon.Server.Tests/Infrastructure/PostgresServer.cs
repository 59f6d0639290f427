using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Werkbon.Server.Tests.Infrastructure.PostgresServer.Shutdown))]

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster started from the Debian binaries (initdb/pg_ctl) on a temporary
/// folder and a free loopback port, once per test run. When the binaries are missing, tests on
/// PostgreSQL are skipped with the reason — never silently passed.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static string? _unavailable;
    private static Cluster? _cluster;

    private sealed record Cluster(string Bin, string Data, string Folder, bool AsRoot);

    /// <summary>
    /// Stops the cluster once every test has run, while the runner still waits for it. xUnit's entry point
    /// gives the process about ten seconds after the run to exit, then forces it out with exit code 1
    /// ("Foreground threads were left running") even when every test passed; a <c>ProcessExit</c> handler
    /// runs within those seconds, and stopping the server and deleting a data folder holding a database per
    /// test did not always fit in them on a loaded machine.
    /// </summary>
    public sealed class Shutdown : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(StopAsync());
    }

    private static async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _cluster, null) is not { } cluster)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(cluster.Bin, "pg_ctl"), ["-D", cluster.Data, "-m", "immediate", "stop"], cluster.AsRoot, CancellationToken.None);
            Directory.Delete(cluster.Folder, recursive: true);
        }
        catch (Exception)
        {
            // Best effort: the folder is temporary anyway.
        }
    }

    public static async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        var admin = await StartAsync(ct);
        var name = "werkbon_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            if (_unavailable is not null)
            {
                Prerequisite.Missing(_unavailable);
            }

            var external = Environment.GetEnvironmentVariable("WERKBON_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(external))
            {
                return _adminConnectionString = external;
            }

            var bin = FindBinaries();
            if (bin is null)
            {
                _unavailable = "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql";
                Prerequisite.Missing(_unavailable);
            }

            _adminConnectionString = await StartClusterAsync(bin, ct);
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static async Task<string> StartClusterAsync(string bin, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var port = FreePort();

        // initdb refuses to run as root: run the server as the Debian 'postgres' user then.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder], null, ct);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "werkbon", "--auth=trust", "--encoding=UTF8", "--no-sync", "--locale=C"], asRoot, ct);
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"], asRoot, ct);

        _cluster = new Cluster(bin, data, folder, asRoot);
        // Normally stopped by Shutdown, within the run; this is for a run that is cut short.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();

        return $"Host=127.0.0.1;Port={port};Username=werkbon;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool? asPostgres, CancellationToken ct)
    {
        var start = asPostgres == true
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
