using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Benchmarks.Load;

/// <summary>
/// The whole load run in one command: starts the app's Release build as a child process on loopback (fresh data folder,
/// demo company; a fresh database when PostgreSQL is given), drives it through the real API phase by phase, and prints
/// each phase with the server's CPU and memory and two ceilings measured in the same run: the cheapest authenticated GET
/// of the same server, and a raw insert of the same rows through the same database.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- load [--postgres &lt;connection string&gt;] [--reports N] [--levels 1,16,64] [--technicians 300] [--photos] [--port 5281] [--no-browser] [--keep] [--server-env NAME=VALUE]…</c>
/// </summary>
public static partial class LoadRun
{
    private const string Password = "Werkbon-demo1";
    private const string TechnicianPassword = "Load-technician-9x!";
    private const int Customers = 20;
    private const long MemoryLimit = 500L * 1024 * 1024;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Options(string? Postgres, int Reports, int[] Levels, int Technicians, bool Photos, int Port, bool Browser, bool Keep, IReadOnlyList<string> ServerEnvironment);

    private static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            Value("--postgres"),
            Number("--reports", 200),
            Value("--levels") is { } levels ? [.. levels.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))] : [1, 16, 64],
            Number("--technicians", 300),
            args.Contains("--photos"),
            Number("--port", 5281),
            !args.Contains("--no-browser"),
            args.Contains("--keep"),
            [.. args.Select((a, i) => (a, i)).Where(x => x.a == "--server-env" && x.i + 1 < args.Length).Select(x => args[x.i + 1])]);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var repository = FindRepository();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var databaseName = "werkbon_load_" + Guid.NewGuid().ToString("N")[..8];
        string? postgres = null;
        ServerProcess? server = null;
        InboxWatch? inbox = null;
        void KillServer() => server?.Kill();
        ConsoleCancelEventHandler cancel = (_, _) => KillServer();
        Console.CancelKeyPress += cancel;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillServer();
        try
        {
            List<string> settings =
            [
                "--SignIn:PerAddress:Limit", "1000000", "--SignIn:PerAccount:Limit", "1000", "--Sessions:AccessToken", "04:00:00",
                "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning",
            ];
            if (options.Postgres is { } pg)
            {
                postgres = await RawDatabase.CreatePostgresDatabaseAsync(pg, databaseName);
                settings.AddRange(["--Database:Provider", "Postgres", "--Database:ConnectionString", postgres]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Load run: {(postgres is null ? "SQLite" : "PostgreSQL")}, {Environment.ProcessorCount} cores, {options.Reports} reports per level at {string.Join("/", options.Levels)}, {options.Technicians} technicians, {(options.Photos ? "2 photos of 150 KB per report" : "no photos")}; server {configuration} build, data in {folder}"));
            server = await ServerProcess.StartAsync(repository, configuration, options.Port, folder, settings, options.ServerEnvironment);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server pid {server.Pid} on {server.Address}, {server.Rss() / 1048576.0:0} MB RSS once started{(options.ServerEnvironment.Count == 0 ? "" : ", environment " + string.Join(" ", options.ServerEnvironment))}, log {server.LogPath}"));
            var raw = new RawDatabase(postgres is null ? Path.Combine(folder, "werkbon.db") : null, postgres);
            await raw.CreateScratchAsync();
            var run = new Run(server, raw, options, postgres);
            var failed = await run.ExecuteAsync(async () => inbox = options.Browser && File.Exists(InboxWatch.ChromiumPath)
                ? await InboxWatch.OpenAsync(server.Address, "office@demo.werkbon.be", Password)
                : null);
            return failed ? 1 : 0;
        }
        finally
        {
            if (inbox is not null)
            {
                await inbox.DisposeAsync();
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            Console.CancelKeyPress -= cancel;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.Postgres is { } pg && postgres is not null && !options.Keep)
            {
                await RawDatabase.DropPostgresDatabaseAsync(pg, databaseName);
            }

            if (!options.Keep)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    internal static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Werkbon.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the load tool from the repository (Werkbon.slnx not found above the build output).");
    }

    /// <summary>One phase's figures; <see cref="Items"/> counts what the phase did (reports, invoices…), the latencies are per request.</summary>
    private sealed record Phase(
        string Name, int Concurrency, int Requests, long Items, TimeSpan Wall, double[] Latencies, int Errors, TimeSpan Cpu, long Rss, long Peak, double Load,
        double? GetCeiling, double? InsertCeiling, string Note)
    {
        public double Throughput => Items / Wall.TotalSeconds;
    }

    private sealed partial class Run(ServerProcess server, RawDatabase raw, Options options, string? postgres)
    {
        private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(30), MaxConnectionsPerServer = 1024 };
        private readonly List<Phase> _phases = [];
        private readonly Dictionary<Guid, string> _pushed = [];
        private readonly List<Guid> _review = [];
        private readonly Dictionary<Guid, int> _reviewLevel = [];
        private readonly Dictionary<Guid, long> _pushedAt = [];
        private HttpClient _admin = null!;
        private HttpClient _office = null!;
        private List<(Guid Id, HttpClient Client)> _technicians = [];
        private readonly List<(Guid CustomerId, Guid SiteId)> _customers = [];
        private string _article = "";

        private HttpClient Client(string? token)
        {
            var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return client;
        }

        private async Task<HttpClient> SignInAsync(string email, string password)
        {
            using var anonymous = Client(null);
            using var response = await anonymous.PostAsJsonAsync("/login", new { email, password });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return Client((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        }

        public async Task<bool> ExecuteAsync(Func<Task<InboxWatch?>> openInbox)
        {
            var setup = Stopwatch.StartNew();
            _admin = await SignInAsync("admin@demo.werkbon.be", Password);
            _office = await SignInAsync("office@demo.werkbon.be", Password);
            await SetUpCatalogAsync();
            await CreateTechniciansAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Set up in {setup.Elapsed.TotalSeconds:0} s: {Customers} customers with a site and a contract, one article, {_technicians.Count} technicians signed in; one invoice per work order"));

            // Work orders: one open visit tomorrow per technician (what the pull brings), and one per report to push (yesterday's visits).
            var pushCount = options.Reports * options.Levels.Length;
            var orders = new Guid[_technicians.Count + pushCount];
            var tomorrow = TimeProvider.System.GetUtcNow().AddDays(1);
            var yesterday = TimeProvider.System.GetUtcNow().AddDays(-1);
            await MeasureAsync("create work orders", 16, orders.Length, async i =>
            {
                var technician = _technicians[i % _technicians.Count].Id;
                var (customer, site) = _customers[i % _customers.Count];
                var at = i < _technicians.Count ? tomorrow : yesterday;
                using var response = await _office.PostAsJsonAsync("/api/work-orders", new
                {
                    customerId = customer, siteId = site, description = "Onderhoud ketel", scheduledStart = at, scheduledEnd = at.AddHours(2), technicianIds = new[] { technician },
                });
                if (!response.IsSuccessStatusCode)
                {
                    return await FailAsync(response);
                }

                orders[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                return 1;
            }, payloadBytes: 600);
            for (var i = 0; i < orders.Length; i++)
            {
                // A create refused under contention is tried again (uncounted), so the later phases have their work orders.
                for (var attempt = 0; orders[i] == Guid.Empty && attempt < 20; attempt++)
                {
                    var (customer, site) = _customers[i % _customers.Count];
                    var at = i < _technicians.Count ? tomorrow : yesterday;
                    orders[i] = await CreateAsync(_office, "/api/work-orders", new
                    {
                        customerId = customer, siteId = site, description = "Onderhoud ketel", scheduledStart = at, scheduledEnd = at.AddHours(2),
                        technicianIds = new[] { _technicians[i % _technicians.Count].Id },
                    });
                }
            }

            var inbox = await openInbox();
            Console.WriteLine(inbox is null ? "Inbox latency: not measured (no browser)" : "Inbox open in headless Chromium as office@demo.werkbon.be");
            // On PostgreSQL the inbox latency is split at the feed's notification, heard here as a node hears it.
            await using var feed = inbox is not null && postgres is not null ? await FeedListener.StartAsync(postgres) : null;

            var offset = _technicians.Count;
            List<Signed> bodies = [];
            foreach (var level in options.Levels)
            {
                bodies = Enumerable.Range(offset, options.Reports).Select(i => Sign(orders[i], _technicians[i % _technicians.Count], needsReview: i % 10 == 0)).ToList();
                offset += options.Reports;
                var size = (int)bodies.Average(b => b.CanonicalLength);
                await MeasureAsync("push reports", level, bodies.Count, async i =>
                {
                    var body = bodies[i];
                    foreach (var (hash, bytes) in body.Files)
                    {
                        using var content = new ByteArrayContent(bytes);
                        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                        using var upload = await body.Client.PutAsync($"/api/sync/files/{hash}", content);
                        if (!upload.IsSuccessStatusCode)
                        {
                            return await FailAsync(upload);
                        }
                    }

                    using var response = await body.Client.PutAsync($"/api/sync/reports/{body.Id}", JsonContent.Create(new { document = body.Document, hash = body.Hash }));
                    if (!response.IsSuccessStatusCode)
                    {
                        return await FailAsync(response);
                    }

                    lock (_pushed)
                    {
                        _pushed[body.Id] = body.Hash;
                        _pushedAt[body.Id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        if (body.NeedsReview)
                        {
                            _review.Add(body.Id);
                            _reviewLevel[body.Id] = level;
                        }
                    }

                    return 1;
                }, payloadBytes: size, note: $"{size / 1024.0:0.0} KB canonical report, 1 in 10 to review");
            }

            // The part of a push that comes before storing anything, at the highest level: the same signed reports sent again
            // with a hash that does not match, so the server reads, checks, puts in canonical form and hashes each one, refuses
            // it (422) and records the refusal. What a push costs beyond this row is the storing, pricing and drafting.
            var top = options.Levels.Max();
            await MeasureAsync("push refused (hash mismatch)", top, bodies.Count, async i =>
            {
                var body = bodies[i];
                var wrong = body.Hash[..^1] + (body.Hash[^1] == '0' ? '1' : '0');
                using var response = await body.Client.PutAsync($"/api/sync/reports/{body.Id}", JsonContent.Create(new { document = body.Document, hash = wrong }));
                return response.StatusCode == HttpStatusCode.UnprocessableEntity ? 1 : await FailAsync(response);
            }, payloadBytes: 300, note: "the work before storing: read, check, canonical form, hash; then one audit row of the refusal");

            var inboxLine = inbox is null ? null : await InboxLatencyAsync(inbox, feed);

            await MeasureAsync("pull changes (full)", _technicians.Count, _technicians.Count, async i =>
            {
                var (tokens, count) = await PullAsync(_technicians[i].Client, null);
                _tokens[i] = tokens;
                return count >= 1 ? 1 : -1; // every technician has at least tomorrow's visit
            }, note: "all technicians at once; error = own visit missing");
            await MeasureAsync("pull changes (since token)", _technicians.Count, _technicians.Count, async i =>
            {
                var (_, count) = await PullAsync(_technicians[i].Client, _tokens[i]);
                return count >= 0 ? 1 : -1;
            }, note: "nothing changed since the full pull");

            await MeasureAsync("approve reports", 16, _review.Count, async i =>
            {
                using var response = await _office.PostAsync($"/api/reports/{_review[i]}/approve", null);
                return response.IsSuccessStatusCode ? 1 : await FailAsync(response);
            }, payloadBytes: 1000, note: "POST /api/reports/{id}/approve, the inbox's reports");

            DraftsCount drafted = new(0, 0, 0);
            await MeasureAsync("make drafts (regroup)", 1, 1, async _ =>
            {
                using var response = await _office.PostAsync("/api/invoices/drafts?regroup=true", null);
                if (!response.IsSuccessStatusCode)
                {
                    return await FailAsync(response);
                }

                drafted = (await response.Content.ReadFromJsonAsync<DraftsCount>(Web))!;
                return drafted.Drafts;
            }, payloadBytes: 2000, noteAfter: () => $"{drafted.ReportsGathered} reports into {drafted.Drafts} drafts; items = drafts");

            var draftIds = await DraftIdsAsync();
            var batches = draftIds.Chunk(2000).ToList();
            var issued = 0;
            await MeasureAsync("bulk issue", 1, batches.Count, async i =>
            {
                using var response = await _office.PostAsJsonAsync("/api/invoices/issue", new { ids = batches[i] });
                if (!response.IsSuccessStatusCode)
                {
                    return await FailAsync(response);
                }

                var numbers = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();
                Interlocked.Add(ref issued, numbers);
                return numbers;
            }, payloadBytes: DocumentBytes(draftIds.FirstOrDefault()), note: "POST /api/invoices/issue, 2,000 drafts a request; items = invoices");

            JsonElement chain = default;
            await MeasureAsync("verify invoice chain", 1, 1, async _ =>
            {
                using var response = await _office.GetAsync("/api/invoices/verification");
                if (!response.IsSuccessStatusCode)
                {
                    return await FailAsync(response);
                }

                chain = await response.Content.ReadFromJsonAsync<JsonElement>();
                return chain.GetProperty("checked").GetInt32();
            }, noteAfter: () => chain.ValueKind == JsonValueKind.Object
                ? $"{(chain.GetProperty("intact").GetBoolean() ? "intact" : "BROKEN: " + chain.GetProperty("problem"))}; items = invoices checked"
                : "no answer");

            var check = await raw.CheckReportsAsync(_pushed);
            var memory = server.Breakdown();
            // EF Core logs its probe of the migrations table of a fresh PostgreSQL database as a failed command at start-up.
            var fails = server.LogLines("fail:", unless: "FROM \"__EFMigrationsHistory\"", out var firstFail);
            var deadlocks = server.LogLines("40P01") + server.LogLines("deadlock");
            PrintTable();
            Console.WriteLine();
            if (inboxLine is not null)
            {
                Console.WriteLine(inboxLine);
            }

            var chainIntact = chain.ValueKind == JsonValueKind.Object && chain.GetProperty("intact").GetBoolean();
            var hashesGood = check.Found == check.Pushed && check.Intact == check.Found && check.MatchingPush == check.Found;
            Console.WriteLine($"Stored reports: {check.Found} of {check.Pushed} pushed found in the database, {check.Intact} intact (SHA-256 of the stored canonical text = stored hash), {check.MatchingPush} with the hash the device sent{(hashesGood ? "" : "  << PROBLEM")}");
            Console.WriteLine($"Invoices issued: {issued} of {draftIds.Count} drafts; chain {(chainIntact ? "intact" : "NOT intact")}");
            Console.WriteLine($"Server log: {fails} fail-level lines, {deadlocks} deadlock mentions{(firstFail is null ? "" : "; first: " + (firstFail.Length > 300 ? firstFail[..300] : firstFail))}");
            var overMemory = _phases.Where(p => p.Peak > MemoryLimit).Select(p => p.Name).Distinct().ToList();
            Console.WriteLine(overMemory.Count == 0
                ? $"Memory: every phase stayed under {MemoryLimit / 1024 / 1024} MB RSS (peak {_phases.Max(p => p.Peak) / 1024.0 / 1024.0:0} MB)"
                : $"Memory: over {MemoryLimit / 1024 / 1024} MB in {string.Join(", ", overMemory)}");
            Console.WriteLine($"Server memory at the end: {memory}");
            var errors = _phases.Sum(p => p.Errors);
            return errors > 0 || !hashesGood || !chainIntact || issued != draftIds.Count;
        }

        private string? _firstError;

        /// <summary>Keeps the phase's first refusal (status and the start of its body) for the note; answers -1, an error.</summary>
        private async Task<long> FailAsync(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.CompareExchange(ref _firstError, $"first error: {(int)response.StatusCode} {(body.Length > 160 ? body[..160] : body)}", null);
            return -1;
        }

        private sealed record DraftsCount(int ReportsGathered, int IntoDrafts, int Drafts);

        private string?[] _tokens = [];

        private async Task<(string? Token, int WorkOrders)> PullAsync(HttpClient client, string? since)
        {
            var count = 0;
            for (var page = 0; page < 20; page++)
            {
                var url = since is null ? "/api/sync/changes" : $"/api/sync/changes?since={Uri.EscapeDataString(since)}";
                using var response = await client.GetAsync(url);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, -1);
                }

                var pulled = await response.Content.ReadFromJsonAsync<JsonElement>();
                count += pulled.GetProperty("workOrders").GetArrayLength();
                since = pulled.GetProperty("changeToken").GetString();
                if (!pulled.TryGetProperty("hasMore", out var more) || !more.GetBoolean())
                {
                    break;
                }
            }

            return (since, count);
        }

        private async Task<List<Guid>> DraftIdsAsync()
        {
            var ids = new List<Guid>();
            for (var page = 1; ; page++)
            {
                var found = await _office.GetFromJsonAsync<JsonElement>($"/api/invoices?status=Draft&page={page}&pageSize=200");
                var items = found.GetProperty("items");
                ids.AddRange(items.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
                if (items.GetArrayLength() < 200)
                {
                    return ids;
                }
            }
        }

        /// <summary>The size of one invoice's stored documents (PDF + UBL) is read after the phase has issued it: -1 asks for that.</summary>
        private int DocumentBytes(Guid invoice)
        {
            _documentProbe = invoice;
            return invoice == Guid.Empty ? 30_000 : -1;
        }

        private Guid _documentProbe;

        private async Task<int> ProbeDocumentsAsync()
        {
            var total = 0;
            foreach (var kind in (string[])["pdf", "ubl"])
            {
                using var response = await _office.GetAsync($"/api/invoices/{_documentProbe}/{kind}");
                if (response.IsSuccessStatusCode)
                {
                    total += (await response.Content.ReadAsByteArrayAsync()).Length;
                }
            }

            return Math.Max(total, 1000);
        }

        private async Task<string> InboxLatencyAsync(InboxWatch inbox, FeedListener? feed)
        {
            await Task.Delay(2000); // the last rows may still be on their way
            var seen = await inbox.SeenAsync();
            var latencies = new List<(int Level, double Ms, double? ToNotice)>();
            var missed = 0;
            foreach (var id in _review)
            {
                var details = await _office.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
                var received = DateTime.SpecifyKind(details.GetProperty("receivedAt").GetDateTime(), DateTimeKind.Utc);
                if (seen.TryGetValue(id, out var at))
                {
                    var receivedAt = new DateTimeOffset(received).ToUnixTimeMilliseconds();
                    latencies.Add((_reviewLevel[id], at - receivedAt, feed is not null && feed.Heard.TryGetValue(id, out var heard) ? heard - receivedAt : null));
                }
                else
                {
                    missed++;
                }
            }

            var sorted = latencies.Select(l => l.Ms).Order().ToArray();
            var perLevel = string.Join(", ", latencies.GroupBy(l => l.Level).OrderBy(g => g.Key).Select(g =>
            {
                var ms = g.Select(l => l.Ms).Order().ToArray();
                var notice = g.Where(l => l.ToNotice is not null).Select(l => l.ToNotice!.Value).Order().ToArray();
                return string.Create(CultureInfo.InvariantCulture, $"pushed at {g.Key}: {ms.Length} rows, p50 {Percentile(ms, 0.50):0} / p95 {Percentile(ms, 0.95):0} ms")
                    + (notice.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" (of which up to the NOTIFY heard by a listener: p50 {Percentile(notice, 0.50):0} / p95 {Percentile(notice, 0.95):0} ms)"));
            }));
            return string.Create(CultureInfo.InvariantCulture,
                $"Inbox push latency (server's received time → row in the open inbox, same clock), {sorted.Length} reports to review pushed during the push phases: p50 {Percentile(sorted, 0.50):0} ms, p95 {Percentile(sorted, 0.95):0} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):0} ms, {missed} never shown; target p95 < 500 ms{(Percentile(sorted, 0.95) < 500 && missed == 0 ? "" : "  << OVER")}; {perLevel}");
        }

        private async Task MeasureAsync(
            string name, int concurrency, int requests, Func<int, Task<long>> operation, int? payloadBytes = null, string note = "", Func<string>? noteAfter = null)
        {
            var latencies = new double[requests];
            _firstError = null;
            var errors = 0;
            long items = 0;
            var next = -1;
            server.ResetPeak();
            var cpu = server.CpuTime();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, requests))).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
                {
                    var started = Stopwatch.GetTimestamp();
                    long done;
                    try
                    {
                        done = await operation(i);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
                    {
                        Interlocked.CompareExchange(ref _firstError, $"first error: {e.GetType().Name} {e.Message}", null);
                        done = -1;
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (done < 0)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else
                    {
                        Interlocked.Add(ref items, done);
                    }
                }
            })));
            var wall = clock.Elapsed;
            var used = server.CpuTime() - cpu;
            var rss = server.Rss();
            var peak = server.Peak();
            var load = LoadAverage();
            Array.Sort(latencies);

            // The ceilings, right after the phase: the same server's cheapest authenticated GET and the database's raw insert.
            var getCeiling = await GetCeilingAsync(concurrency, Math.Clamp(requests, 500, 5000));
            double? insertCeiling = null;
            if (payloadBytes is { } size && items > 0)
            {
                insertCeiling = await raw.InsertAsync((int)Math.Min(items, 20_000), size < 0 ? await ProbeDocumentsAsync() : size, concurrency);
            }

            var phase = new Phase(name, concurrency, requests, items, wall, latencies, errors, used, rss, peak, load, getCeiling, insertCeiling, string.Join("; ", new[] { noteAfter?.Invoke() ?? note, _firstError }.Where(n => !string.IsNullOrEmpty(n))));
            _phases.Add(phase);
            Console.WriteLine(Row(phase));
        }

        private async Task<double> GetCeilingAsync(int concurrency, int requests)
        {
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, requests)).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
                {
                    using var response = await _technicians[i % _technicians.Count].Client.GetAsync("/api/sync/me");
                }
            })));
            return requests / clock.Elapsed.TotalSeconds;
        }

        private static double LoadAverage() =>
            double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

        private bool _header;

        private string Row(Phase p)
        {
            var header = _header ? "" : """
                | phase | conc | requests | items/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/item | cores busy | RSS MB | peak MB | load avg | GET ceiling /s | phase/GET | raw insert /s | phase/insert | note |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|

                """;
            _header = true;
            var perItem = p.Items > 0 ? p.Cpu.TotalMilliseconds / p.Items : 0;
            var get = p.GetCeiling is { } g ? $"{g:0} | {p.Throughput / g:0.000}" : "– | –";
            var insert = p.InsertCeiling is { } r ? $"{r:0} | {p.Throughput / r:0.000}" : "– | –";
            return header + string.Create(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Concurrency} | {p.Requests} | {p.Throughput:0.0} | {Percentile(p.Latencies, 0.50):0.0} | {Percentile(p.Latencies, 0.95):0.0} | {Percentile(p.Latencies, 0.99):0.0} | {p.Errors} | {perItem:0.00} | {p.Cpu.TotalSeconds / p.Wall.TotalSeconds:0.00} | {p.Rss / 1048576.0:0} | {p.Peak / 1048576.0:0}{(p.Peak > MemoryLimit ? " (over 500)" : "")} | {p.Load:0.00} | {get} | {insert} | {p.Note} |");
        }

        private void PrintTable()
        {
            Console.WriteLine();
            _header = false;
            foreach (var phase in _phases)
            {
                Console.WriteLine(Row(phase));
            }
        }

        private async Task SetUpCatalogAsync()
        {
            var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/invoices/settings");
            using (var saved = await _admin.PutAsJsonAsync("/api/invoices/settings", new
            {
                grouping = "PerWorkOrder",
                invoiceFormat = settings.GetProperty("invoiceFormat").GetString(),
                creditNoteFormat = settings.GetProperty("creditNoteFormat").GetString(),
            }))
            {
                await Ensure(saved, "PUT /api/invoices/settings");
            }

            var tag = Guid.NewGuid().ToString("N")[..6];
            _article = $"LOAD-{tag}";
            await CreateAsync(_office, "/api/articles", new
            {
                code = _article, nameNl = "Flexibele slang", nameFr = "Flexible", nameEn = "Hose", unit = "C62", listPrice = 8.40m, vatRate = 21m, category = "fittings", kind = "Part",
            });
            for (var c = 0; c < Customers; c++)
            {
                var address = new { street = $"Meir {c + 1}", postalCode = "2000", city = "Antwerpen", country = "BE" };
                var number = 2_000_000 + c + (int)(uint)tag.GetHashCode() % 1000 * 100;
                var customer = await CreateAsync(_office, "/api/customers", new
                {
                    kind = "Business", name = $"Load {tag} {c + 1}", enterpriseNumber = $"0{number:D7}{97 - (number % 97):D2}", language = "nl", billingAddress = address, paymentTermDays = 30,
                });
                var site = await CreateAsync(_office, "/api/sites", new { customerId = customer, name = $"Load {tag} {c + 1}", address, distanceKm = 12.5m, isPrivateHome = false });
                await CreateAsync(_office, "/api/contracts", new
                {
                    customerId = customer, name = $"Load {tag} {c + 1}", kind = "MaintenanceSubscription", startsOn = "2026-01-01", coveredSiteIds = new[] { site },
                    terms = new { name = "Gold", hourlyRates = new Dictionary<string, decimal> { ["technician"] = 55m }, partsDiscountPercent = 10m },
                    slaResponseHours = 24,
                });
                _customers.Add((customer, site));
            }
        }

        /// <summary>Invites the technicians as an admin does, accepts each invitation through its form (antiforgery token and all), and signs each in.</summary>
        private async Task CreateTechniciansAsync()
        {
            if (options.Technicians <= 0)
            {
                var demo = await SignInAsync("tech@demo.werkbon.be", Password);
                _technicians = [((await demo.GetFromJsonAsync<JsonElement>("/api/sync/me")).GetProperty("id").GetGuid(), demo)];
                _tokens = new string?[1];
                return;
            }

            var tag = Guid.NewGuid().ToString("N")[..6];
            var technicians = new (Guid, HttpClient)[options.Technicians];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < technicians.Length; i = Interlocked.Increment(ref next))
                {
                    var email = $"load-{tag}-{i}@example.be";
                    using var invited = await _admin.PostAsJsonAsync("/api/users", new { email, displayName = $"Technieker {i + 1}", role = "Technician", language = "nl", rateClass = "technician" });
                    var invitation = await Ensure(invited, "POST /api/users");
                    var id = invitation.GetProperty("user").GetProperty("id").GetGuid();
                    var link = new Uri(invitation.GetProperty("invitationUrl").GetString()!);
                    await AcceptAsync(link, id);
                    technicians[i] = (id, await SignInAsync(email, TechnicianPassword));
                }
            })));
            _technicians = [.. technicians];
            _tokens = new string?[_technicians.Count];
        }

        private async Task AcceptAsync(Uri link, Guid user)
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var browser = new HttpClient(handler) { BaseAddress = server.Address };
            var html = await browser.GetStringAsync(link.PathAndQuery);
            var antiforgery = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
            var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
            using var accepted = await browser.PostAsync("/account/accept-invitation", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user"] = user.ToString(), ["token"] = token, ["password"] = TechnicianPassword, ["confirm"] = TechnicianPassword, ["__RequestVerificationToken"] = antiforgery,
            }));
            if (accepted.StatusCode != HttpStatusCode.Redirect || accepted.Headers.Location?.ToString().Contains("error", StringComparison.Ordinal) != false)
            {
                throw new InvalidOperationException($"Accepting the invitation answered {(int)accepted.StatusCode} {accepted.Headers.Location}");
            }
        }

        [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
        private static partial Regex AntiforgeryField();

        private static async Task<JsonElement> Ensure(HttpResponseMessage response, string what)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
            }

            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        private static async Task<Guid> CreateAsync(HttpClient client, string url, object body)
        {
            using var response = await client.PostAsJsonAsync(url, body);
            var created = await Ensure(response, "POST " + url);
            return created.GetProperty("id").GetGuid();
        }

        private sealed record Signed(Guid Id, HttpClient Client, ReportDocument Document, string Hash, int CanonicalLength, bool NeedsReview, IReadOnlyList<(string Hash, byte[] Bytes)> Files);

        /// <summary>
        /// A report as the field app signs it: 10 materials, signed now, hashed with Core. One to review carries an article the
        /// catalog does not know, so it waits in the office's inbox.
        /// </summary>
        private Signed Sign(Guid workOrderId, (Guid Id, HttpClient Client) technician, bool needsReview)
        {
            var now = TimeProvider.System.GetUtcNow(); // signed now, in whole seconds as devices sign: the inbox shows the newest first
            var day = Core.Calendar.WallClock.Brussels.DateOf(now.AddDays(-1));
            var offset = Core.Calendar.WallClock.Brussels.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0)));
            DateTimeOffset At(int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), offset);
            var files = new List<(string, byte[])>();
            var photos = new List<ReportPhoto>();
            if (options.Photos)
            {
                for (var p = 0; p < 2; p++)
                {
                    var bytes = Jpeg(150 * 1024);
                    var hash = PhotoHash.Compute(bytes);
                    files.Add((hash, bytes));
                    photos.Add(new ReportPhoto(hash, $"Foto {p + 1}", 1600, 1200, bytes.Length));
                }
            }

            var signature = new byte[512];
            Random.Shared.NextBytes(signature);
            var document = new ReportDocument(
                ReportDocument.CurrentVersion,
                Guid.CreateVersion7(),
                workOrderId,
                technician.Id,
                "technician",
                day,
                [
                    new(Guid.CreateVersion7(), At(8, 0), At(8, 20), TimeEntryKind.Travel, false, null),
                    new(Guid.CreateVersion7(), At(8, 20), At(9, 35), TimeEntryKind.Work, false, "Ketel nagekeken"),
                ],
                12.5m,
                [.. Enumerable.Range(1, 10).Select(n => new ReportMaterial(Guid.CreateVersion7(), needsReview && n == 10 ? "NOT-IN-CATALOG" : _article, "Flexibele slang", n, "C62", false, null, false))],
                "Jaarlijks onderhoud, brander gereinigd",
                "",
                [],
                photos,
                false,
                null,
                false,
                new ReportSignature("Els Janssens", new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).ToOffset(offset), PhotoHash.Compute(signature), false, null));
            return new Signed(document.ReportId, technician.Client, document, ReportHash.Compute(document), CanonicalReport.ToUtf8Bytes(document).Length, needsReview, files);
        }

        /// <summary>A well-formed baseline JPEG of random picture data (frame header, one scan without markers, end of image).</summary>
        private static byte[] Jpeg(int size)
        {
            byte[] head =
            [
                0xFF, 0xD8,
                0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
                0xFF, 0xC0, 0x00, 0x11, 0x08, 1200 >> 8, 1200 & 0xFF, 1600 >> 8, 1600 & 0xFF, 0x03,
                0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
                0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
            ];
            var bytes = new byte[size];
            Random.Shared.NextBytes(bytes);
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == 0xFF)
                {
                    bytes[i] = 0x7F;
                }
            }

            head.CopyTo(bytes, 0);
            bytes[^2] = 0xFF;
            bytes[^1] = 0xD9;
            return bytes;
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
