using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Benchmarks;

/// <summary>
/// Ingest load run against a running app on loopback, through the real API as the field app uses it: signs in as the
/// demo office and technician, makes a customer with a site, an article and a contract, creates work orders, then pushes
/// signed reports (10 materials, no photos, signed with Core's hash) at each concurrency and prints reports/s, p50, p99
/// and errors, with the throughput as a ratio of the concurrency-1 run.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- ingest http://127.0.0.1:5081 [reports per level] [levels, e.g. 1,16,64]</c>
/// </summary>
public static class IngestLoad
{
    private const string Password = "Werkbon-demo1";

    public static async Task<int> RunAsync(string[] args)
    {
        var server = new Uri(args.Length > 1 ? args[1] : "http://127.0.0.1:5080");
        var perLevel = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var levels = args.Length > 3 ? args[3].Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray() : [1, 16, 64];
        using var office = await SignInAsync(server, "office@demo.werkbon.be");
        using var technician = await SignInAsync(server, "tech@demo.werkbon.be");
        var technicianId = (await technician.GetFromJsonAsync<JsonElement>("/api/sync/me")).GetProperty("id").GetGuid();
        var setup = await SetUpAsync(office);
        Console.WriteLine($"Ingest on {server}: {perLevel} reports per level, 10 materials each, no photos");
        Console.WriteLine("| concurrency | reports/s | p50 ms | p99 ms | errors | throughput vs concurrency 1 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        double? baseline = null;
        var failed = 0;
        foreach (var concurrency in levels)
        {
            var orders = await CreateWorkOrdersAsync(office, setup, technicianId, perLevel);
            var bodies = orders.Select(order => Sign(order, technicianId, setup.ArticleCode)).ToList();
            var latencies = new double[bodies.Count];
            var errors = 0;
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await technician.PutAsync($"/api/sync/reports/{bodies[i].Id}", JsonContent.Create(bodies[i].Body));
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })));
            var throughput = bodies.Count / clock.Elapsed.TotalSeconds;
            baseline ??= throughput;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {throughput:0} | {Percentile(latencies, 0.50):0.0} | {Percentile(latencies, 0.99):0.0} | {errors} | {throughput / baseline.Value:0.00}× |"));
            failed += errors;
        }

        return failed == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static async Task<HttpClient> SignInAsync(Uri server, string email)
    {
        var client = new HttpClient { BaseAddress = server };
        using var response = await client.PostAsJsonAsync("/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal sealed record Setup(Guid CustomerId, Guid SiteId, string ArticleCode);

    internal static async Task<Setup> SetUpAsync(HttpClient office, string email = "")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" };
        var customer = await CreateAsync(office, "/api/customers", new
        {
            kind = "Business", name = $"Load {tag}", enterpriseNumber = "0403170701", language = "nl", billingAddress = address, paymentTermDays = 30, email,
        });
        var site = await CreateAsync(office, "/api/sites", new { customerId = customer, name = $"Load {tag}", address, distanceKm = 12.5m, isPrivateHome = false });
        var code = $"LOAD-{tag}";
        await CreateAsync(office, "/api/articles", new
        {
            code, nameNl = "Flexibele slang", nameFr = "Flexible", nameEn = "Hose", unit = "C62", listPrice = 8.40m, vatRate = 21m, category = "fittings", kind = "Part",
        });
        await CreateAsync(office, "/api/contracts", new
        {
            customerId = customer, name = $"Load {tag}", kind = "MaintenanceSubscription", startsOn = "2026-01-01", coveredSiteIds = new[] { site },
            terms = new { name = "Gold", hourlyRates = new Dictionary<string, decimal> { ["technician"] = 55m }, partsDiscountPercent = 10m },
            slaResponseHours = 24,
        });
        return new Setup(customer, site, code);
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

    internal static async Task<List<Guid>> CreateWorkOrdersAsync(HttpClient office, Setup setup, Guid technicianId, int count)
    {
        var orders = new Guid[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                orders[i] = await CreateAsync(office, "/api/work-orders", new
                {
                    customerId = setup.CustomerId, siteId = setup.SiteId, description = "Onderhoud ketel",
                    scheduledStart = TimeProvider.System.GetUtcNow().AddDays(-1), scheduledEnd = TimeProvider.System.GetUtcNow().AddDays(-1).AddHours(2),
                    technicianIds = new[] { technicianId },
                });
            }
        })));
        return [.. orders];
    }

    /// <summary>A signed report of yesterday morning's visit; with <paramref name="signedNow"/> the visit ends now and is signed now.</summary>
    internal static (Guid Id, object Body) Sign(Guid workOrderId, Guid technicianId, string articleCode, bool signedNow = false)
    {
        var now = TimeProvider.System.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Core.Calendar.WallClock.Brussels.Zone);
        var ending = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, local.Offset);
        var day = signedNow ? DateOnly.FromDateTime(ending.DateTime) : Core.Calendar.WallClock.Brussels.DateOf(now.AddDays(-1));
        var offset = Core.Calendar.WallClock.Brussels.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0)));
        DateTimeOffset At(int hour, int minute) => !signedNow
            ? new(day.ToDateTime(new TimeOnly(hour, minute)), offset)
            : ending.AddMinutes((hour - 9) * 60 + minute - 40); // the visit's shape, shifted so that 9:40 is now
        var signature = new byte[512];
        Random.Shared.NextBytes(signature);
        var document = new ReportDocument(
            ReportDocument.CurrentVersion,
            Guid.CreateVersion7(),
            workOrderId,
            technicianId,
            "technician",
            day,
            [
                new(Guid.CreateVersion7(), At(8, 0), At(8, 20), TimeEntryKind.Travel, false, null),
                new(Guid.CreateVersion7(), At(8, 20), At(9, 35), TimeEntryKind.Work, false, "Ketel nagekeken"),
            ],
            12.5m,
            [.. Enumerable.Range(1, 10).Select(n => new ReportMaterial(Guid.CreateVersion7(), articleCode, "Flexibele slang", n, "C62", false, null, false))],
            "Jaarlijks onderhoud, brander gereinigd",
            "",
            [],
            [],
            false,
            null,
            false,
            new ReportSignature("Els Janssens", At(9, 40), PhotoHash.Compute(signature), false, null));
        return (document.ReportId, new { document, hash = ReportHash.Compute(document) });
    }
}
