using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Werkbon.Benchmarks.Load;

namespace Werkbon.Benchmarks;

/// <summary>
/// Signature → invoice delivered on the real clock: starts the server's build (fresh data folder, mail to the pickup
/// folder), switches the demo company to one invoice per work order with straight-through issuing, then pushes reports
/// signed the moment they are pushed, one every <c>interval</c> seconds, for a business customer with an e-mail address,
/// and reads the dashboard's headline (median, P90, share within 60 s) once every invoice is delivered.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- delivery [reports] [interval seconds] [port]</c>
/// </summary>
public static class DeliveryLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var interval = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        var port = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5291;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-delivery-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await using var server = await ServerProcess.StartAsync(LoadRun.FindRepository(), configuration, port, folder,
            ["--SignIn:PerAddress:Limit", "1000000", "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"], []);
        try
        {
            using var admin = await IngestLoad.SignInAsync(server.Address, "admin@demo.werkbon.be");
            using var office = await IngestLoad.SignInAsync(server.Address, "office@demo.werkbon.be");
            using var technician = await IngestLoad.SignInAsync(server.Address, "tech@demo.werkbon.be");
            var technicianId = (await technician.GetFromJsonAsync<JsonElement>("/api/sync/me")).GetProperty("id").GetGuid();

            var settings = await admin.GetFromJsonAsync<JsonObject>("/api/invoices/settings") ?? throw new InvalidOperationException("no invoicing settings");
            settings["grouping"] = "PerWorkOrder";
            (await admin.PutAsJsonAsync("/api/invoices/settings", settings)).EnsureSuccessStatusCode();
            var rules = await admin.GetFromJsonAsync<JsonObject>("/api/straight-through-rules") ?? throw new InvalidOperationException("no rules");
            var body = new JsonObject
            {
                ["rules"] = new JsonObject
                {
                    ["enabled"] = true, ["requireContract"] = true, ["extrasThreshold"] = 0, ["maxTotal"] = 10_000,
                    ["issueAutomatically"] = true, ["issueLimit"] = 10_000,
                    ["maxSurchargedMinutes"] = 24 * 60, // the visit ends now, which may be in the evening
                },
                ["version"] = rules["version"]?.DeepClone(),
            };
            using (var saved = await admin.PutAsJsonAsync("/api/straight-through-rules", body))
            {
                if (!saved.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException("rules refused: " + await saved.Content.ReadAsStringAsync());
                }
            }

            var setup = await IngestLoad.SetUpAsync(office, "boekhouding@klant.test");
            var orders = await IngestLoad.CreateWorkOrdersAsync(office, setup, technicianId, reports);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Signature → delivered on the real clock: {reports} reports signed and pushed one every {interval.TotalSeconds:0.#} s, server pid {server.Pid} ({configuration}), load average {Load()}"));
            foreach (var order in orders)
            {
                var (id, report) = IngestLoad.Sign(order, technicianId, setup.ArticleCode, signedNow: true);
                using var pushed = await technician.PutAsJsonAsync($"/api/sync/reports/{id}", report);
                if (!pushed.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"push answered {(int)pushed.StatusCode}: {await pushed.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(interval);
            }

            var waited = Stopwatch.StartNew();
            JsonElement week = default;
            while (waited.Elapsed < TimeSpan.FromSeconds(reports > 5 ? 300 : 30))
            {
                week = (await office.GetFromJsonAsync<JsonElement>("/api/dashboard")).GetProperty("delivery").GetProperty("thisWeek");
                if (week.GetProperty("delivered").GetInt32() >= reports)
                {
                    break;
                }

                await Task.Delay(500);
            }

            Console.WriteLine("| delivered | median s | P90 s | straight-through delivered | within 60 s | load avg |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {week.GetProperty("delivered")} | {week.GetProperty("medianSeconds")} | {week.GetProperty("percentile90Seconds")} | {week.GetProperty("straightThroughDelivered")} | {week.GetProperty("straightThroughWithinTarget")} | {Load()} |"));
            if (week.GetProperty("delivered").GetInt32() < reports)
            {
                var dashboard = await office.GetFromJsonAsync<JsonElement>("/api/dashboard");
                Console.WriteLine("dashboard delivery: " + dashboard.GetProperty("delivery"));
                Console.WriteLine("invoices: " + await office.GetStringAsync("/api/invoices?pageSize=3"));
                Console.WriteLine("to do: " + await office.GetStringAsync("/api/todo"));
                Console.WriteLine("rules: " + await admin.GetStringAsync("/api/straight-through-rules"));
                foreach (var line in File.ReadLines(server.LogPath).Where(l => l.Contains("fail", StringComparison.Ordinal) || l.Contains("warn", StringComparison.Ordinal) || l.Contains("Straight", StringComparison.Ordinal)).Take(20))
                {
                    Console.WriteLine(line);
                }
            }

            var mails = Directory.Exists(Path.Combine(folder, "mail-pickup")) ? Directory.GetFiles(Path.Combine(folder, "mail-pickup"), "*.eml", SearchOption.AllDirectories).Length : 0;
            Console.WriteLine($"{mails} mails in the pickup folder (invoices and report copies).");
            return week.GetProperty("delivered").GetInt32() >= reports ? 0 : 1;
        }
        finally
        {
            server.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
