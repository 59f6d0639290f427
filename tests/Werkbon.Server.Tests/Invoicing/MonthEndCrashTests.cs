using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>
/// The month-end run survives being killed: the real server runs as a child process (<c>dotnet Werkbon.Server.dll</c>, SQLite in a
/// temp data folder), a run over N approved reports of M customers is started, and the process is killed with SIGKILL at seeded
/// random moments and started again, K times; then the run finishes on its own and every report is on exactly one issued invoice,
/// the numbers have no gap and the chain holds. Short by default; the long form takes its sizes from the environment:
/// <c>WERKBON_MONTHEND_REPORTS</c> (300), <c>WERKBON_MONTHEND_CUSTOMERS</c> (100), <c>WERKBON_MONTHEND_KILLS</c> (3),
/// <c>WERKBON_MONTHEND_SEED</c> (1204), <c>WERKBON_MONTHEND_PORT</c> (5482).
/// </summary>
public sealed class MonthEndCrashTests
{
    [Fact]
    public async Task A_month_end_run_killed_at_random_points_invoices_every_report_exactly_once_without_gaps()
    {
        var ct = TestContext.Current.CancellationToken;
        var reports = Setting("WERKBON_MONTHEND_REPORTS", 300);
        var customers = Setting("WERKBON_MONTHEND_CUSTOMERS", 100);
        var kills = Setting("WERKBON_MONTHEND_KILLS", 3);
        var seed = Setting("WERKBON_MONTHEND_SEED", 1204);
        var port = Setting("WERKBON_MONTHEND_PORT", 5482);
        var random = new Random(seed);
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-crash-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "werkbon.db");
        var month = new DateOnly(2026, 3, 1);
        try
        {
            // The company, its users and the approved reports, made in-process, then copied whole into the child's folder.
            Guid companyId;
            string officeEmail;
            await using (var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite))
            {
                var company = await app.CreateCompanyAsync("Maand Crash");
                companyId = company.Id;
                officeEmail = company.Office.Email!;
                await app.InCompany(company.Id, async (db, _) =>
                {
                    var row = await db.Companies.FirstAsync(ct);
                    row.InvoiceGrouping = InvoiceGrouping.PerCustomerPerMonth;
                    await db.SaveChangesAsync(ct);
                    await VolumeSeed.ApprovedReportsAsync(db, company.Technician.Id, reports, customers, month, seed, app.Clock.GetUtcNow().UtcDateTime, ct);
                    await db.Database.ExecuteSqlAsync($"VACUUM INTO {database}", ct);
                    return 0;
                });
            }

            var url = new Uri($"http://127.0.0.1:{port}");
            Process server = await StartAsync(folder, database, url, ct);
            try
            {
                using var office = await SignInAsync(url, officeEmail, ct);
                using var started = await office.PostAsJsonAsync("/api/invoices/month-end-runs", new { period = "2026-03" }, ct);
                started.EnsureSuccessStatusCode();
                var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                var killedWhileRunning = 0;
                for (var kill = 0; kill < kills; kill++)
                {
                    await Task.Delay(random.Next(50, 1500), ct);
                    if (await StateAsync(office, runId, ct) is { State: "Running" })
                    {
                        killedWhileRunning++;
                    }

                    server.Kill(); // SIGKILL: no shutdown, no flush
                    await server.WaitForExitAsync(ct);
                    server.Dispose();
                    server = await StartAsync(folder, database, url, ct);
                }

                // The last start takes the run up again and finishes it.
                (string State, int Done, int Total) final = default;
                for (var i = 0; i < 2400 && final.State != "Done"; i++)
                {
                    await Task.Delay(250, ct);
                    final = await StateAsync(office, runId, ct) ?? final;
                }

                Assert.Equal("Done", final.State);
                Assert.Equal(customers, final.Done);
                Assert.Equal(customers, final.Total);
                var verification = await office.GetFromJsonAsync<JsonElement>("/api/invoices/verification", ct);
                Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
                TestContext.Current.SendDiagnosticMessage($"month-end crash test: {reports} reports, {customers} customers, {kills} kills ({killedWhileRunning} while running), seed {seed}");
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill();
                    await server.WaitForExitAsync(ct);
                }

                server.Dispose();
            }

            // What is stored: every report invoiced once, on exactly one issued invoice; numbers 1…n; no draft of the month left.
            var current = new CurrentCompany();
            current.Set(companyId);
            await using var check = new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={database};Pooling=False").Options, current);
            var sources = await check.InvoiceSources.AsNoTracking().ToListAsync(ct);
            Assert.Equal(reports, sources.Count);
            Assert.Equal(reports, sources.Select(s => s.ReportId).Distinct().Count());
            Assert.Equal(reports, await check.Reports.CountAsync(r => r.Status == ReportStatus.Invoiced, ct));
            var invoices = await check.Invoices.AsNoTracking().ToListAsync(ct);
            Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Issued, i.Status));
            Assert.Equal(customers, invoices.Count);
            Assert.Equal(invoices.Select(i => i.Id).Order(), sources.Select(s => s.InvoiceId).Distinct().Order());
            Assert.Equal(reports, invoices.Sum(i => i.ReportIds.Count));
            Assert.Equal(Enumerable.Range(1, customers).Select(n => (long)n), invoices.Select(i => i.Sequence!.Value).Order());
            Assert.Equal(Enumerable.Range(1, customers).Select(n => (long)n), invoices.Select(i => i.ChainPosition!.Value).Order());
            Assert.Equal(customers * 2, await check.InvoiceFiles.CountAsync(ct));
            Assert.True((await VerifyInvoiceChain.VerifyAsync(check, ct)).Intact);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static async Task<(string State, int Done, int Total)?> StateAsync(HttpClient office, Guid runId, CancellationToken ct)
    {
        try
        {
            var run = await office.GetFromJsonAsync<JsonElement>($"/api/invoices/month-end-runs/{runId}", ct);
            return (run.GetProperty("state").GetString()!, run.GetProperty("done").GetInt32(), run.GetProperty("total").GetInt32());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Starts the built server on the folder, small batches so a kill lands inside a run, and waits until it answers.</summary>
    private static async Task<Process> StartAsync(string folder, string database, Uri url, CancellationToken ct)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
        var dll = Path.Combine(TextsTests.FindRepositoryRoot(), "src", "Werkbon.Server", "bin", configuration, "net10.0", "Werkbon.Server.dll");
        var start = new ProcessStartInfo("dotnet",
        [
            dll, "--urls", url.ToString().TrimEnd('/'), "--DataFolder", folder, "--Demo:Seed", "false",
            "--Database:Provider", "Sqlite", "--Database:ConnectionString", $"Data Source={database}",
            "--MonthEnd:BatchSize", "5", "--Reminders:SweepMinutes", "0",
        ])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            Assert.False(process.HasExited, $"The server stopped with exit code {(process.HasExited ? process.ExitCode : 0)}.");
            try
            {
                using var response = await probe.GetAsync(new Uri("/account/sign-in", UriKind.Relative), ct);
                return process;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(200, ct);
        }

        process.Kill();
        throw new TimeoutException("The server did not answer within two minutes.");
    }

    private static async Task<HttpClient> SignInAsync(Uri url, string email, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/login", new { email, password = WerkbonApp.Password }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
