using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Benchmarks;

/// <summary>
/// One app node, then two, on one PostgreSQL database, driven through the real API on loopback: signed-report pushes and
/// the cheapest authenticated GET, spread round-robin over the nodes, at each concurrency. Per node it prints requests/s,
/// p50/p99, the node's CPU per request (<c>/proc/&lt;pid&gt;/stat</c> user + system time) and the database's execution
/// time per request (<c>pg_stat_statements</c>, each node signed in as a role of its own, so the time is the node's
/// statements as PostgreSQL executed them, commits included, network and client time not), and the two-node figures as
/// ratios of the one-node run.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- nodes [reports per level] [levels, e.g. 16,64] [postgres-connection-string]</c>
/// Without a connection string it starts Debian's PostgreSQL (<c>initdb</c>/<c>pg_ctl</c>) on 127.0.0.1:5589 in a
/// temporary folder; the nodes listen on 5581 and 5582. Everything it starts is stopped at the end.
/// </summary>
public static class NodesLoad
{
    private const string Password = "Werkbon-demo1";
    private const int PostgresPort = 5589;
    private static readonly int[] NodePorts = [5581, 5582];

    /// <summary>The reports go to this many customers in turn, as a company's technicians visit many customers at once.</summary>
    private const int Customers = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var perLevel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
        var levels = args.Length > 2 ? args[2].Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray() : [16, 64];
        var given = args.Length > 3 ? args[3] : null;
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-nodes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var server = FindServer();
        Cluster? cluster = null;
        var nodes = new List<Node>();
        try
        {
            string admin;
            if (given is null)
            {
                cluster = await Cluster.StartAsync(folder);
                admin = cluster.ConnectionString;
            }
            else
            {
                admin = given;
            }

            // A fresh database, and one role per node so pg_stat_statements tells the nodes apart.
            var database = "werkbon_nodes_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
            var roles = new List<string>();
            for (var i = 0; i < NodePorts.Length; i++)
            {
                var role = $"{database}_node{i + 1}";
                await ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{Password}'");
                roles.Add(role);
            }

            var adminOfDatabase = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            var statements = await TryAsync(() => ExecuteAsync(adminOfDatabase, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
            string NodeConnection(int i) => new NpgsqlConnectionStringBuilder(admin) { Database = database, Username = roles[i], Password = Password, MaxPoolSize = 100 }.ConnectionString;

            var dataFolder = Path.Combine(folder, "data");
            Directory.CreateDirectory(dataFolder);
            nodes.Add(await Node.StartAsync(server, NodePorts[0], NodeConnection(0), dataFolder, folder, 1));
            var setup = await Driver.SetUpAsync(nodes[0].Address);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Reports for {Customers} customers in turn. Nodes on PostgreSQL {(given is null ? $"(Debian's, 127.0.0.1:{PostgresPort}, fsync off)" : "(given)")}, {Environment.ProcessorCount} cores shared by the nodes, the database and this driver; {perLevel} pushes and {perLevel * 4} GETs per level"));
            Console.WriteLine(statements
                ? "DB ms/req: pg_stat_statements total_exec_time of the node's role (statements and commits as executed by PostgreSQL), without the\n"
                  + "statements that take locks (advisory locks, FOR UPDATE), whose time is mostly waiting for another transaction: that is the lock wait column"
                : "DB ms/req: pg_stat_statements unavailable; not measured");
            Console.WriteLine("| nodes | work | conc. | node | req/s | p50 ms | p99 ms | CPU ms/req | DB ms/req | lock wait ms/req | errors |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            var results = new List<Row>();
            foreach (var count in new[] { 1, 2 })
            {
                if (count == 2)
                {
                    nodes.Add(await Node.StartAsync(server, NodePorts[1], NodeConnection(1), dataFolder, folder, 2));
                }

                var clients = new List<Driver.Clients>();
                foreach (var node in nodes)
                {
                    clients.Add(await Driver.SignInAsync(node.Address));
                }

                foreach (var concurrency in levels)
                {
                    foreach (var work in new[] { "push", "get" })
                    {
                        var bodies = work == "push" ? await Driver.PrepareReportsAsync(clients[0].Office, setup, perLevel) : null;
                        var requests = work == "push" ? perLevel : perLevel * 4;
                        var before = await SnapshotAsync(nodes, adminOfDatabase, roles, statements);
                        var run = await Driver.RunAsync(clients, concurrency, requests, i => work == "push"
                            ? (c => c.Technician.PutAsync($"/api/sync/reports/{bodies![i].Id}", JsonContent.Create(bodies[i].Body)))
                            : (c => c.Technician.GetAsync("/api/sync/me")));
                        var after = await SnapshotAsync(nodes, adminOfDatabase, roles, statements);
                        for (var n = 0; n < nodes.Count; n++)
                        {
                            var served = run.PerNode[n];
                            var row = new Row(count, work, concurrency, n + 1, served.Count / run.Elapsed.TotalSeconds, Percentile(served, 0.50), Percentile(served, 0.99),
                                served.Count == 0 ? 0 : (after.CpuMs[n] - before.CpuMs[n]) / served.Count,
                                statements && served.Count > 0 ? (after.DbMs[n] - before.DbMs[n] - (after.LockMs[n] - before.LockMs[n])) / served.Count : double.NaN,
                                statements && served.Count > 0 ? (after.LockMs[n] - before.LockMs[n]) / served.Count : double.NaN, run.Errors[n]);
                            results.Add(row);
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"| {row.Nodes} | {row.Work} | {row.Concurrency} | {row.Node} | {row.PerSecond:0} | {row.P50:0.0} | {row.P99:0.0} | {row.CpuMs:0.00} | {row.DbMs:0.00} | {row.LockMs:0.0} | {row.Errors} |"));
                        }
                    }
                }

                foreach (var c in clients)
                {
                    c.Dispose();
                }
            }

            Console.WriteLine();
            Console.WriteLine("2 nodes against 1 node (sums of requests/s; CPU and DB per request averaged over the nodes, weighted by requests):");
            Console.WriteLine("| work | conc. | req/s 1 → 2 | ratio | CPU ms/req ratio | DB ms/req ratio | lock wait ms/req 1 → 2 |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var group in results.GroupBy(r => (r.Work, r.Concurrency)))
            {
                var one = group.Where(r => r.Nodes == 1).ToList();
                var two = group.Where(r => r.Nodes == 2).ToList();
                double Rate(List<Row> rows) => rows.Sum(r => r.PerSecond);
                double PerRequest(List<Row> rows, Func<Row, double> of) => rows.Sum(r => of(r) * r.PerSecond) / Math.Max(1e-9, rows.Sum(r => r.PerSecond));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key.Work} | {group.Key.Concurrency} | {Rate(one):0} → {Rate(two):0} | {Rate(two) / Rate(one):0.00}× | {PerRequest(two, r => r.CpuMs) / PerRequest(one, r => r.CpuMs):0.00}× | {PerRequest(two, r => r.DbMs) / PerRequest(one, r => r.DbMs):0.00}× | {PerRequest(one, r => r.LockMs):0.0} → {PerRequest(two, r => r.LockMs):0.0} |"));
            }

            var failures = nodes.Select(n => n.CountInLog("40P01")).ToList();
            Console.WriteLine($"Deadlocks in the nodes' logs: {string.Join(", ", failures.Select((f, i) => $"node {i + 1}: {f}"))}; errors: {results.Sum(r => r.Errors)}");
            return results.Sum(r => r.Errors) == 0 && failures.Sum() == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            if (cluster is not null)
            {
                await cluster.StopAsync();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Left {folder}: {e.Message}");
            }
        }
    }

    private sealed record Row(int Nodes, string Work, int Concurrency, int Node, double PerSecond, double P50, double P99, double CpuMs, double DbMs, double LockMs, int Errors);

    private sealed record Snapshot(double[] CpuMs, double[] DbMs, double[] LockMs);

    private static async Task<Snapshot> SnapshotAsync(List<Node> nodes, string database, List<string> roles, bool statements)
    {
        var cpu = nodes.Select(n => n.CpuMilliseconds()).ToArray();
        var db = new double[nodes.Count];
        var locks = new double[nodes.Count];
        if (statements)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("""
                SELECT r.rolname, sum(s.total_exec_time),
                  coalesce(sum(s.total_exec_time) FILTER (WHERE s.query ILIKE '%pg_advisory%' OR s.query ILIKE '%FOR UPDATE%'), 0)
                FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY r.rolname
                """, connection);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var index = roles.IndexOf(reader.GetString(0));
                if (index >= 0 && index < db.Length)
                {
                    db[index] = reader.GetDouble(1);
                    locks[index] = reader.GetDouble(2);
                }
            }
        }

        return new Snapshot(cpu, db, locks);
    }

    private static double Percentile(List<double> latencies, double p)
    {
        if (latencies.Count == 0)
        {
            return 0;
        }

        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> TryAsync(Func<Task> work)
    {
        try
        {
            await work();
            return true;
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"pg_stat_statements: {e.MessageText}");
            return false;
        }
    }

    /// <summary>The Release build of the server next to this repository's bench (built with the bench).</summary>
    private static string FindServer()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Werkbon.slnx")))
        {
            directory = directory.Parent;
        }

        var dll = directory is null ? null : Path.Combine(directory.FullName, "src", "Werkbon.Server", "bin", "Release", "net10.0", "Werkbon.Server.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException("No Release build of the server: dotnet build -c Release src/Werkbon.Server");
    }

    /// <summary>An app node: the Release server as its own process, its output in a log file.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;
        private readonly string _log;
        private readonly StreamWriter _writer;

        private Node(Process process, string log, StreamWriter writer, Uri address)
        {
            _process = process;
            _log = log;
            _writer = writer;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<Node> StartAsync(string dll, int port, string connectionString, string dataFolder, string folder, int number)
        {
            if (!PortIsFree(port))
            {
                throw new InvalidOperationException($"Port {port} is taken.");
            }

            var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = connectionString;
            start.Environment["DataFolder"] = dataFolder;
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["SignIn__PerAddress__Limit"] = "100000";
            start.Environment["SignIn__PerAccount__Limit"] = "100000";
            var log = Path.Combine(folder, $"node{number}.log");
            var writer = new StreamWriter(log) { AutoFlush = true };
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var node = new Node(process, log, writer, new Uri($"http://127.0.0.1:{port}"));
            using var probe = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; i < 240; i++)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Node {number} stopped at start; see its output:{Environment.NewLine}{node.Tail()}");
                }

                try
                {
                    using var health = await probe.GetAsync("/health");
                    if (health.IsSuccessStatusCode)
                    {
                        return node;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(500);
            }

            node.Dispose();
            throw new InvalidOperationException($"Node {number} did not answer /health within 2 minutes.");
        }

        private static bool PortIsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        /// <summary>User + system CPU time of the process so far (<c>/proc/&lt;pid&gt;/stat</c> fields 14 and 15, in clock ticks of 10 ms).</summary>
        public double CpuMilliseconds()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }

        public int CountInLog(string text)
        {
            lock (_writer)
            {
                _writer.Flush();
            }

            using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var count = 0;
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    count++;
                }
            }

            return count;
        }

        private string Tail()
        {
            using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(30));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
            lock (_writer)
            {
                _writer.Dispose();
            }
        }
    }

    /// <summary>Debian's PostgreSQL in a temporary folder (as the <c>postgres</c> user when run as root: initdb refuses root).</summary>
    private sealed class Cluster(string bin, string data, bool asRoot)
    {
        public string ConnectionString { get; } = $"Host=127.0.0.1;Port={PostgresPort};Username=werkbon;Database=postgres;Maximum Pool Size=20";

        public static async Task<Cluster> StartAsync(string folder)
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (bin is null)
            {
                throw new InvalidOperationException("PostgreSQL server binaries are not installed: apt-get install postgresql (or pass a connection string).");
            }

            var pg = Path.Combine(folder, "pg");
            Directory.CreateDirectory(pg);
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", ["postgres:postgres", pg], false);
            }

            var data = Path.Combine(pg, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "werkbon", "--auth=trust", "--encoding=UTF8", "--no-sync", "--locale=C"], asRoot);
            var options = $"-c listen_addresses=127.0.0.1 -p {PostgresPort} -c unix_socket_directories={pg} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on";
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(pg, "server.log"), "-w", "-t", "60", "start"], asRoot);
            return new Cluster(bin, data, asRoot);
        }

        public Task StopAsync() => RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], asRoot);

        private static async Task RunAsync(string file, string[] args, bool asPostgres)
        {
            var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await output}{await error}");
            }
        }
    }

    /// <summary>The load: the demo office and technician, signed in on each node, requests round-robin over the nodes.</summary>
    private static class Driver
    {
        public sealed class Clients(HttpClient office, HttpClient technician) : IDisposable
        {
            public HttpClient Office { get; } = office;

            public HttpClient Technician { get; } = technician;

            public void Dispose()
            {
                Office.Dispose();
                Technician.Dispose();
            }
        }

        public sealed record Setup(IReadOnlyList<(Guid CustomerId, Guid SiteId)> Customers, string ArticleCode, Guid TechnicianId);

        public sealed record Run(TimeSpan Elapsed, List<double>[] PerNode, int[] Errors);

        public static async Task<Clients> SignInAsync(Uri node) =>
            new(await SignInAsync(node, "office@demo.werkbon.be"), await SignInAsync(node, "tech@demo.werkbon.be"));

        private static async Task<HttpClient> SignInAsync(Uri server, string email)
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
            using var response = await client.PostAsJsonAsync("/login", new { email, password = Password });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public static async Task<Setup> SetUpAsync(Uri node)
        {
            using var clients = await SignInAsync(node);
            var office = clients.Office;
            var technicianId = (await clients.Technician.GetFromJsonAsync<JsonElement>("/api/sync/me")).GetProperty("id").GetGuid();
            var tag = Guid.NewGuid().ToString("N")[..8];
            var address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" };
            var code = $"NODES-{tag}";
            await CreateAsync(office, "/api/articles", new
            {
                code, nameNl = "Flexibele slang", nameFr = "Flexible", nameEn = "Hose", unit = "C62", listPrice = 8.40m, vatRate = 21m, category = "fittings", kind = "Part",
            });
            var customers = new List<(Guid, Guid)>();
            for (var i = 0; i < Customers; i++)
            {
                var customer = await CreateAsync(office, "/api/customers", new
                {
                    kind = "Business", name = $"Nodes {tag} {i}", enterpriseNumber = "0403170701", language = "nl", billingAddress = address, paymentTermDays = 30,
                });
                var site = await CreateAsync(office, "/api/sites", new { customerId = customer, name = $"Nodes {tag} {i}", address, distanceKm = 12.5m, isPrivateHome = false });
                await CreateAsync(office, "/api/contracts", new
                {
                    customerId = customer, name = $"Nodes {tag} {i}", kind = "MaintenanceSubscription", startsOn = "2026-01-01", coveredSiteIds = new[] { site },
                    terms = new { name = "Gold", hourlyRates = new Dictionary<string, decimal> { ["technician"] = 55m }, partsDiscountPercent = 10m },
                    slaResponseHours = 24,
                });
                customers.Add((customer, site));
            }

            return new Setup(customers, code, technicianId);
        }

        private static async Task<Guid> CreateAsync(HttpClient client, string url, object body)
        {
            using var response = await client.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
            }

            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        }

        /// <summary>Work orders (not measured) and their signed reports, 10 materials each, no photos.</summary>
        public static async Task<List<(Guid Id, object Body)>> PrepareReportsAsync(HttpClient office, Setup setup, int count)
        {
            var orders = new Guid[count];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    orders[i] = await CreateAsync(office, "/api/work-orders", new
                    {
                        customerId = setup.Customers[i % setup.Customers.Count].CustomerId, siteId = setup.Customers[i % setup.Customers.Count].SiteId, description = "Onderhoud ketel",
                        scheduledStart = TimeProvider.System.GetUtcNow().AddDays(-1), scheduledEnd = TimeProvider.System.GetUtcNow().AddDays(-1).AddHours(2),
                        technicianIds = new[] { setup.TechnicianId },
                    });
                }
            })));
            return [.. orders.Select(order => IngestLoad.Sign(order, setup.TechnicianId, setup.ArticleCode))];
        }

        /// <summary>Runs <paramref name="count"/> requests with <paramref name="concurrency"/> workers, request i on node i mod nodes.</summary>
        public static async Task<Run> RunAsync(List<Clients> nodes, int concurrency, int count, Func<int, Func<Clients, Task<HttpResponseMessage>>> request)
        {
            var latencies = nodes.Select(_ => new List<double>()).ToArray();
            var errors = new int[nodes.Count];
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var node = i % nodes.Count;
                    var started = Stopwatch.GetTimestamp();
                    var ok = false;
                    try
                    {
                        using var response = await request(i)(nodes[node]);
                        ok = response.IsSuccessStatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        ok = false;
                    }

                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (latencies[node])
                    {
                        latencies[node].Add(elapsed);
                    }

                    if (!ok)
                    {
                        Interlocked.Increment(ref errors[node]);
                    }
                }
            })));
            return new Run(clock.Elapsed, latencies, errors);
        }
    }
}
