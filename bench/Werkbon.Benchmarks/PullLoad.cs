using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Werkbon.Benchmarks;

/// <summary>
/// Pull load run against a running app on loopback, through the real API as the field app pulls: signs in as the demo
/// office and technician, gives the technician work orders for today, then lets many devices pull at once — a full
/// pull (no token: the snapshot path every pull took before deltas), then delta pulls with each device's token —
/// and prints pulls/s, p50, p99 and errors beside the cheapest authenticated GET (<c>/api/sync/me</c>) of the same
/// server in the same run.
/// The devices share one technician's bearer token: people are invited through the API but choose their password on
/// a form page, and sign-in is rate limited per client address, so 300 technicians cannot sign in from one load tool.
/// Each device still holds its own token and gets the same work as a technician with the same number of work orders.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- pull http://127.0.0.1:5381 [devices, default 300] [work orders, default 20] [rounds, default 5]</c>
/// </summary>
public static class PullLoad
{
    private const string Password = "Werkbon-demo1";

    public static async Task<int> RunAsync(string[] args)
    {
        var server = new Uri(args.Length > 1 ? args[1] : "http://127.0.0.1:5080");
        var devices = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        var orders = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = devices };
        using var office = await SignInAsync(server, "office@demo.werkbon.be", new SocketsHttpHandler());
        using var technician = await SignInAsync(server, "tech@demo.werkbon.be", handler);
        var technicianId = (await technician.GetFromJsonAsync<JsonElement>("/api/sync/me")).GetProperty("id").GetGuid();
        await CreateWorkOrdersAsync(office, technicianId, orders);
        var sample = await technician.GetFromJsonAsync<JsonElement>("/api/sync/changes?protocol=2");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pull on {server}: {devices} devices at once, {rounds} pulls each per phase; the technician holds {sample.GetProperty("workOrders").GetArrayLength()} work orders and {sample.GetProperty("articles").GetArrayLength()} articles"));
        Console.WriteLine("| phase | pulls/s | p50 ms | p99 ms | errors | throughput vs cheapest GET |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var tokens = new string?[devices];
        var failed = 0;
        var ceiling = await PhaseAsync("cheapest GET (/api/sync/me)", devices, rounds, null, _ => "/api/sync/me", null);
        failed += ceiling.Errors;
        failed += (await PhaseAsync("full pull (no token, the old path)", devices, rounds, ceiling, _ => "/api/sync/changes?protocol=2", null)).Errors;
        failed += (await PhaseAsync("first pull of each device (full, keeps its token)", devices, 1, ceiling, _ => "/api/sync/changes?protocol=2", (d, t) => tokens[d] = t)).Errors;
        failed += (await PhaseAsync("delta pull, nothing changed", devices, rounds, ceiling, d => Since(tokens[d]), (d, t) => tokens[d] = t)).Errors;

        // The office changes one of the technician's work orders between rounds: every device gets that one order back.
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(() => TouchAsync(office, technicianId, writing.Token));
        failed += (await PhaseAsync("delta pull while the office edits work orders", devices, rounds, ceiling, d => Since(tokens[d]), (d, t) => tokens[d] = t)).Errors;
        await writing.CancelAsync();
        await writer;
        return failed == 0 ? 0 : 1;

        async Task<Result> PhaseAsync(string name, int concurrency, int perDevice, Result? baseline, Func<int, string> url, Action<int, string>? keep)
        {
            var latencies = new double[concurrency * perDevice];
            var errors = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(device => Task.Run(async () =>
            {
                for (var round = 0; round < perDevice; round++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await technician.GetAsync(url(device));
                    var body = await response.Content.ReadAsStringAsync();
                    latencies[(device * perDevice) + round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else if (keep is not null)
                    {
                        keep(device, JsonDocument.Parse(body).RootElement.GetProperty("changeToken").GetString()!);
                    }
                }
            })));
            var throughput = latencies.Length / clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {throughput:0} | {Percentile(latencies, 0.50):0.0} | {Percentile(latencies, 0.99):0.0} | {errors} | {(baseline is null ? "1.00×" : $"{throughput / baseline.Throughput:0.00}×")} |"));
            return new Result(throughput, errors);
        }
    }

    private sealed record Result(double Throughput, int Errors);

    private static string Since(string? token) => token is null ? "/api/sync/changes?protocol=2" : $"/api/sync/changes?protocol=2&since={Uri.EscapeDataString(token)}";

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<HttpClient> SignInAsync(Uri server, string email, HttpMessageHandler handler)
    {
        var client = new HttpClient(handler) { BaseAddress = server };
        using var response = await client.PostAsJsonAsync("/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task CreateWorkOrdersAsync(HttpClient office, Guid technicianId, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" };
        var customer = await CreateAsync(office, "/api/customers", new
        {
            kind = "Business", name = $"Pull {tag}", enterpriseNumber = "0403170701", language = "nl", billingAddress = address, paymentTermDays = 30,
        });
        var site = await CreateAsync(office, "/api/sites", new { customerId = customer, name = $"Pull {tag}", address, distanceKm = 12.5m, isPrivateHome = false });
        var start = TimeProvider.System.GetUtcNow().AddHours(1);
        for (var i = 0; i < count; i++)
        {
            await CreateAsync(office, "/api/work-orders", new
            {
                customerId = customer, siteId = site, description = $"Onderhoud ketel {i}",
                scheduledStart = start.AddHours(i % 8), scheduledEnd = start.AddHours((i % 8) + 1),
                technicianIds = new[] { technicianId },
            });
        }
    }

    private static async Task TouchAsync(HttpClient office, Guid technicianId, CancellationToken ct)
    {
        var round = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var page = await office.GetFromJsonAsync<JsonElement>($"/api/work-orders?technicianId={technicianId}&pageSize=1", ct);
                var items = page.GetProperty("items");
                if (items.GetArrayLength() > 0)
                {
                    var id = items[0].GetProperty("id").GetGuid();
                    var order = await office.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", ct);
                    using var _ = await office.PutAsJsonAsync($"/api/work-orders/{id}", new
                    {
                        customerId = order.GetProperty("customerId").GetGuid(),
                        siteId = order.GetProperty("siteId").GetGuid(),
                        description = $"Onderhoud ketel, ronde {++round}",
                        scheduledStart = order.GetProperty("scheduledStart").GetDateTimeOffset(),
                        scheduledEnd = order.GetProperty("scheduledEnd").GetDateTimeOffset(),
                        technicianIds = new[] { technicianId },
                        version = order.GetProperty("version").GetInt32(),
                    }, ct);
                }

                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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
}
