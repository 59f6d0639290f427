using System.Globalization;
using System.Net;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Security.Fuzzing;

namespace Werkbon.Server.Tests.Security;

/// <summary>
/// Every write route of the OpenAPI document gets random and malformed requests as the company's admin (a
/// technician on the field routes): never a 5xx, every 4xx is RFC 9457 problem details, and a refused request
/// stores nothing (every table's rows and the file store compared before and after). The normal run uses a
/// fixed seed and a small budget per route; <c>WERKBON_FUZZ_REQUESTS</c> (per route) and <c>WERKBON_FUZZ_SEED</c>
/// make a longer or another run, whose seed is printed so a finding can be replayed.
/// </summary>
public class WriteRouteFuzzTests
{
    private const int Seed = 20261203;
    private const int RequestsPerRoute = 12;

    /// <summary>Refused pushes are audited on purpose (<c>sync.refused</c>); every other table must stay as it was.</summary>
    private static readonly HashSet<string> WrittenOnRefusal = new(StringComparer.Ordinal) { "AuditEvents" };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task No_write_route_answers_a_malformed_request_with_a_server_error_or_stores_anything_it_refuses(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var perRoute = Setting("WERKBON_FUZZ_REQUESTS", RequestsPerRoute);
        var seed = Setting("WERKBON_FUZZ_SEED", Seed);
        using var app = await WerkbonApp.StartAsync(provider);
        var (alpha, ids) = await CompaniesAsync(app);
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var routes = WriteRoute.From(document);
        var admin = await alpha.AdminAsync();
        var technician = await alpha.TechnicianAsync();
        var fuzzer = new RequestFuzzer(document, new Random(seed), ids) { CurrentVersion = url => VersionAsync(admin, url) };
        await using var stored = await StoredState.OpenAsync(app, ct);

        var findings = new List<(WriteRoute Route, string Kind, string Example)>();
        var figures = new List<(WriteRoute Route, string As, int[] ByClass)>();
        var sent = 0;
        foreach (var route in routes)
        {
            var client = admin;
            var byClass = new int[6];
            for (var i = 0; i < perRoute; i++)
            {
                var request = i == 0 ? await fuzzer.WellFormedAsync(route) : await fuzzer.NextAsync(route);
                var before = await stored.TakeAsync(ct); // after the fuzzer read the row's version: a first read may set up rows
                using var response = await client.SendAsync(request.ToMessage(), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                sent++;
                if (i == 0 && response.StatusCode == HttpStatusCode.Forbidden && client == admin)
                {
                    client = technician; // a field route: the admin is refused, so the technician sends from here on
                }

                var status = (int)response.StatusCode;
                byClass[Math.Clamp(status / 100, 0, 5)]++;
                var after = await stored.TakeAsync(ct);
                foreach (var kind in Check(response, text, before, after))
                {
                    findings.Add((route, kind, $"{request.Shown()}\n      answer {status}: {(text.Length > 400 ? text[..400] + "…" : text)}"));
                }
            }

            figures.Add((route, client == admin ? "admin" : "technician", byClass));
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{provider}, seed {seed}, {perRoute} requests per route: {routes.Count} write routes, {sent} requests, " +
            $"{figures.Sum(f => f.ByClass[2])} × 2xx, {figures.Sum(f => f.ByClass[4])} × 4xx, {figures.Sum(f => f.ByClass[5])} × 5xx, {findings.Count} findings");
        foreach (var (route, who, byClass) in figures)
        {
            output?.WriteLine($"  {route,-52} as {who,-10} 2xx {byClass[2],3}  4xx {byClass[4],3}  5xx {byClass[5],3}");
        }

        // One line per kind of finding and route, with the first request that showed it.
        var summary = findings.GroupBy(f => (f.Route, f.Kind))
            .Select(g => $"{g.Count()} × {g.Key.Kind} on {g.Key.Route}, first:\n      {g.First().Example}")
            .ToList();
        foreach (var line in summary)
        {
            output?.WriteLine(line);
        }

        Assert.True(routes.Count >= 50, $"only {routes.Count} write routes in the OpenAPI document");
        Assert.True(findings.Count == 0, $"{findings.Count} findings (seed {seed}):\n{string.Join("\n", summary)}");
    }

    /// <summary>What is wrong with one answer: a server error, a 4xx that is not problem details, something stored by a refused request.</summary>
    internal static IEnumerable<string> Check(HttpResponseMessage response, string text, StoredState.Snapshot before, StoredState.Snapshot after)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            yield return $"{status}";
        }
        else if (status >= 400 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !IsProblem(text, status)))
        {
            yield return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem details";
        }

        if (status >= 400 && after.ChangedSince(before, WrittenOnRefusal) is { Count: > 0 } changed)
        {
            yield return $"refused, yet {string.Join(", ", changed)} changed";
        }
    }

    private static async Task<int?> VersionAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        var row = await response.ReadJsonAsync();
        return row.ValueKind == JsonValueKind.Object && row.TryGetProperty("version", out var version) && version.TryGetInt32(out var value) ? value : null;
    }

    private static bool IsProblem(string text, int status)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("status", out var said) && said.TryGetInt32(out var code) && code == status
                && problem.RootElement.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Two companies with master data and reports; the ids of the first to use, the second's as another company's.</summary>
    private static async Task<(TestCompany Alpha, KnownIds Ids)> CompaniesAsync(WerkbonApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var alpha = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        var a = await MasterData.CreateAsync(alpha, "Alpha");
        var b = await MasterData.CreateAsync(bravo, "Bravo");
        var random = new Random(5);
        var ids = new KnownIds();
        foreach (var (company, data, own) in new[] { (alpha, a, true), (bravo, b, false) })
        {
            var technician = await company.TechnicianAsync();
            var office = await company.OfficeAsync();
            var approved = SignedReports.Create(data.WorkOrderId, company.Technician.Id, random, articleCode: data.ArticleCode);
            var waiting = SignedReports.Create(data.WorkOrderId, company.Technician.Id, random, articleCode: data.ArticleCode);
            foreach (var report in new[] { approved, waiting })
            {
                foreach (var (hash, bytes) in report.Files)
                {
                    (await technician.UploadAsync(hash, bytes, hash == report.Document.Signature.ImageSha256 ? "image/png" : "image/jpeg")).EnsureSuccessStatusCode();
                }

                (await technician.PushAsync(report.Document, report.Hash)).EnsureSuccessStatusCode();
            }

            (await office.PostAsync($"/api/reports/{approved.Document.ReportId}/approve", null, ct)).EnsureSuccessStatusCode();
            var invoices = (await office.GetJsonAsync("/api/invoices")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
            var rows = new (string Resource, Guid Id)[]
            {
                ("customers", data.CustomerId), ("sites", data.SiteId), ("assets", data.AssetId), ("articles", data.ArticleId), ("work-orders", data.WorkOrderId),
                ("contracts", data.ContractId), ("technicians", company.Technician.Id), ("users", company.Office.Id),
                ("reports", approved.Document.ReportId), ("reports", waiting.Document.ReportId),
            };
            foreach (var (resource, id) in rows.Concat(invoices.Select(i => ("invoices", i))))
            {
                if (own)
                {
                    ids.Add(resource, id);
                }
                else
                {
                    ids.Foreign.Add(id);
                }
            }

            if (!own)
            {
                ids.Foreign.AddRange([company.Admin.Id, company.Technician.Id]);
            }
        }

        return (alpha, ids);
    }

    private static int Setting(string name, int otherwise) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : otherwise;
}
