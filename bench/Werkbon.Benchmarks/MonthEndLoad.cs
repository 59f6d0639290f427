using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Invoicing;

namespace Werkbon.Benchmarks;

/// <summary>
/// Month-end load run against the real server, as a separate process on loopback (SQLite, a fresh data folder):
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- monthend [reports] [customers] [run|bulk] [port]</c>
/// (defaults 10000 2000 run 5481; build the server first: <c>dotnet build -c Release src/Werkbon.Server</c>).
/// It starts the server once to make the demo company, stops it, writes the approved reports of last month straight into
/// the database (<see cref="VolumeSeed"/>; grouping per customer and month), starts the server again and then either
/// starts a month-end run and follows it (<c>run</c>) or, as the baseline, gathers the drafts and issues them through
/// <c>POST /api/invoices/issue</c>, 2,000 per request (<c>bulk</c>). It prints the duration, invoices per second, the
/// server's CPU time per invoice and its resident memory: at the start, and the peak (the kernel's high-water mark).
/// </summary>
public static class MonthEndLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var customers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000;
        var mode = args.Length > 3 ? args[3] : "run";
        var port = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5481;
        var server = ServerDll();
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-monthend-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var url = new Uri($"http://127.0.0.1:{port}");
        var ct = CancellationToken.None;
        try
        {
            // First start: migrations and the demo company.
            using (var first = await StartAsync(server, folder, url, ct))
            {
                Stop(first);
            }

            var month = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddMonths(-1);
            month = new DateOnly(month.Year, month.Month, 1);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(folder, reports, customers, month, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {reports} approved reports over {customers} customers for {month:yyyy-MM} in {seeding.Elapsed.TotalSeconds:0.0} s"));

            using var process = await StartAsync(server, folder, url, ct);
            try
            {
                using var office = await SignInAsync(url, DemoLogins.Office, ct);
                await Task.Delay(2000, ct); // let start-up work settle before the baseline
                var startRss = Memory(process.Id).Rss;
                var cpu = Cpu(process.Id);
                var watch = Stopwatch.StartNew();
                var peakSampled = 0L;
                int issued;
                var gathered = TimeSpan.Zero;
                if (mode == "bulk")
                {
                    (await office.PostAsync(new Uri("/api/invoices/drafts", UriKind.Relative), null, ct)).EnsureSuccessStatusCode();
                    gathered = watch.Elapsed;
                    var ids = await DraftIdsAsync(folder, month, ct);
                    foreach (var chunk in ids.Chunk(IssueInvoice.BatchSize))
                    {
                        using var issuing = await office.PostAsJsonAsync("/api/invoices/issue", new { ids = chunk }, ct);
                        issuing.EnsureSuccessStatusCode();
                        peakSampled = Math.Max(peakSampled, Memory(process.Id).Rss);
                    }

                    issued = ids.Count;
                }
                else
                {
                    using var started = await office.PostAsJsonAsync("/api/invoices/month-end-runs", new { period = $"{month:yyyy-MM}" }, ct);
                    started.EnsureSuccessStatusCode();
                    var id = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                    JsonElement run;
                    var lastPrinted = TimeSpan.Zero;
                    while (true)
                    {
                        peakSampled = Math.Max(peakSampled, Memory(process.Id).Rss);
                        run = await office.GetFromJsonAsync<JsonElement>($"/api/invoices/month-end-runs/{id}", ct);
                        if (gathered == TimeSpan.Zero && run.GetProperty("total").GetInt32() > 0)
                        {
                            // The run stores its first total once every report is on its draft.
                            gathered = watch.Elapsed;
                        }

                        if (run.GetProperty("state").GetString() == "Done")
                        {
                            break;
                        }

                        if (watch.Elapsed - lastPrinted > TimeSpan.FromSeconds(5))
                        {
                            lastPrinted = watch.Elapsed;
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds:0} s: {run.GetProperty("done").GetInt32()}/{run.GetProperty("total").GetInt32()}, RSS {Memory(process.Id).Rss / 1048576} MB"));
                        }

                        await Task.Delay(100, ct);
                    }

                    issued = run.GetProperty("done").GetInt32();
                    if (run.GetProperty("errors").GetInt32() > 0)
                    {
                        Console.WriteLine($"errors: {run.GetProperty("errors").GetInt32()}, last: {run.GetProperty("lastError").GetString()}");
                    }
                }

                var elapsed = watch.Elapsed;
                var usedCpu = Cpu(process.Id) - cpu;
                var (rss, peak) = Memory(process.Id);
                var verification = await office.GetFromJsonAsync<JsonElement>("/api/invoices/verification", ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    SQLite, {Environment.ProcessorCount} cores, mode {mode}: {reports} reports, {customers} customers, grouped per customer and month
                    issued:            {issued} invoices (PDF + UBL each) in {elapsed.TotalSeconds:0.0} s = {issued / elapsed.TotalSeconds:0} invoices/s, {reports / elapsed.TotalSeconds:0} reports/s
                    gathering:         {gathered.TotalSeconds:0.0} s, issuing {(elapsed - gathered).TotalSeconds:0.0} s (the first total the run shows marks the end of gathering)
                    server CPU:        {usedCpu.TotalSeconds:0.0} s ({usedCpu.TotalMilliseconds / Math.Max(1, issued):0.0} ms per invoice)
                    server RSS:        {startRss / 1048576} MB before, {Math.Max(peak, peakSampled) / 1048576} MB peak, {rss / 1048576} MB after
                    chain:             {(verification.GetProperty("intact").GetBoolean() ? "intact" : "BROKEN: " + verification)}, {verification.GetProperty("checked").GetInt32()} documents
                    load average:      {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (1 min, at the end)
                    """));
                return verification.GetProperty("intact").GetBoolean() ? 0 : 1;
            }
            finally
            {
                Stop(process);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The built server next to this repository's sources (same configuration as this run).</summary>
    private static string ServerDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Werkbon.slnx")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(directory?.FullName ?? ".", "src", "Werkbon.Server", "bin", configuration, "net10.0", "Werkbon.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: dotnet build -c {configuration} src/Werkbon.Server", dll);
    }

    private static async Task<Process> StartAsync(string server, string folder, Uri url, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", [server, "--urls", url.ToString().TrimEnd('/'), "--DataFolder", folder, "--Demo:Seed", "true"])
        {
            WorkingDirectory = Path.GetDirectoryName(server)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine("server: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server stopped with exit code {process.ExitCode}.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/account/sign-in", UriKind.Relative), ct);
                return process;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200, ct);
        }

        Stop(process);
        throw new TimeoutException("The server did not answer within two minutes.");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static AppDb Open(string folder, CurrentCompany company) =>
        new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={Path.Combine(folder, "werkbon.db")}").Options, company);

    private static async Task SeedAsync(string folder, int reports, int customers, DateOnly month, CancellationToken ct)
    {
        var company = new CurrentCompany();
        await using var db = Open(folder, company);
        var demo = await db.Companies.IgnoreQueryFilters().FirstAsync(ct);
        company.Set(demo.Id);
        demo.InvoiceGrouping = InvoiceGrouping.PerCustomerPerMonth;
        await db.SaveChangesAsync(ct);
        var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).FirstAsync(ct);
        await VolumeSeed.ApprovedReportsAsync(db, technician, reports, customers, month, seed: 12, TimeProvider.System.GetUtcNow().UtcDateTime, ct);
    }

    private static async Task<List<Guid>> DraftIdsAsync(string folder, DateOnly month, CancellationToken ct)
    {
        var company = new CurrentCompany();
        await using var db = Open(folder, company);
        company.Set(await db.Companies.IgnoreQueryFilters().Select(c => c.Id).FirstAsync(ct));
        var end = month.AddMonths(1).AddDays(-1);
        return await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && i.PeriodStart >= month && i.PeriodEnd <= end)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
    }

    private static async Task<HttpClient> SignInAsync(Uri server, string email, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
        using var response = await client.PostAsJsonAsync("/login", new { email, password = DemoLogins.Password }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The process's resident memory now and its peak (VmHWM), in bytes, from /proc.</summary>
    private static (long Rss, long Peak) Memory(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (rss, peak);

        static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The process's user + system CPU time, from /proc/pid/stat (clock ticks of 10 ms).</summary>
    private static TimeSpan Cpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
