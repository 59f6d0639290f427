using System.Net;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.WorkOrders;

namespace Werkbon.Server.Tests.Reports;

/// <summary>A device that sends its token gets only what changed since, and what left its technician.</summary>
public class DeltaPullTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_second_pull_with_the_token_gets_nothing_and_a_changed_work_order_comes_back_alone(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var second = await CreateOrderAsync(office, data, company.Technician.Id, "Tweede bezoek");

        var full = await PullAsync(technician, null);
        var settled = await SettledAsync(technician, Token(full));
        var again = await PullAsync(technician, settled);
        var (changed, _) = await office.PutJsonAsync($"/api/work-orders/{second.Id}", OrderBody(data, company.Technician.Id, "Tweede bezoek, andere ingang", second.Version));
        var delta = await PullAsync(technician, settled);

        Assert.False(full.GetProperty("isDelta").GetBoolean());
        Assert.Equal(2, full.GetProperty("workOrders").GetArrayLength());
        Assert.True(again.GetProperty("isDelta").GetBoolean());
        Assert.Empty(again.GetProperty("workOrders").EnumerateArray());
        Assert.Empty(again.GetProperty("articles").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("pricing").ValueKind);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(delta.GetProperty("isDelta").GetBoolean());
        var order = Assert.Single(delta.GetProperty("workOrders").EnumerateArray());
        Assert.Equal(second.Id, order.GetProperty("id").GetGuid());
        Assert.Equal("Tweede bezoek, andere ingang", order.GetProperty("description").GetString());
        Assert.Empty(delta.GetProperty("removedWorkOrderIds").EnumerateArray());
        Assert.Empty(delta.GetProperty("articles").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_cancelled_and_a_reassigned_work_order_come_back_as_removed(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var bert = await PlanningTests.AddTechnicianAsync(app, company, "bert@alpha.test");
        var office = await company.OfficeAsync();
        var anna = await company.TechnicianAsync();
        var bertClient = await app.ClientForAsync(bert.Email!);
        var second = await CreateOrderAsync(office, data, company.Technician.Id, "Tweede bezoek");
        var annaBefore = await SettledAsync(anna, Token(await PullAsync(anna, null)));
        var bertBefore = await SettledAsync(bertClient, Token(await PullAsync(bertClient, null)));

        var (cancelled, _) = await office.PostJsonAsync($"/api/work-orders/{data.WorkOrderId}/cancel", new { });
        var (planned, _) = await office.PutJsonAsync($"/api/work-orders/{second.Id}/plan", new { technicianId = bert.Id, plannedStart = "2026-03-11T13:30:00+01:00", version = second.Version });
        var annaAfter = await PullAsync(anna, annaBefore);
        var bertAfter = await PullAsync(bertClient, bertBefore);

        Assert.True(cancelled.IsSuccessStatusCode, cancelled.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.True(annaAfter.GetProperty("isDelta").GetBoolean());
        Assert.Empty(annaAfter.GetProperty("workOrders").EnumerateArray());
        Assert.Equal(new[] { data.WorkOrderId, second.Id }.Order(), annaAfter.GetProperty("removedWorkOrderIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Equal(second.Id, Assert.Single(bertAfter.GetProperty("workOrders").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, bertAfter.GetProperty("pricing").ValueKind);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_catalog_change_arrives_and_a_renamed_articles_old_code_is_removed(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var before = await SettledAsync(technician, Token(await PullAsync(technician, null)));

        var (renamed, _) = await office.PutJsonAsync($"/api/articles/{data.ArticleId}", new
        {
            code = "ALPHA-HOSE-2", nameNl = "Flexibele slang", nameFr = "Flexible", nameEn = "Hose", unit = "C62",
            listPrice = 9.10m, vatRate = 21m, category = "fittings", ean = "5410000000019", kind = "Part", version = 0,
        });
        var after = await PullAsync(technician, before);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.True(after.GetProperty("isDelta").GetBoolean());
        var article = Assert.Single(after.GetProperty("articles").EnumerateArray());
        Assert.Equal("ALPHA-HOSE-2", article.GetProperty("code").GetString());
        Assert.Equal(9.10m, article.GetProperty("listPrice").GetDecimal());
        Assert.Equal([data.ArticleCode], after.GetProperty("removedArticleCodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(after.GetProperty("workOrders").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_token_of_another_company_or_a_tampered_one_gets_the_callers_full_snapshot(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await app.CreateCompanyAsync("Alpha");
        var beta = await app.CreateCompanyAsync("Beta");
        var alphaData = await MasterData.CreateAsync(alpha, "Alpha");
        var betaData = await MasterData.CreateAsync(beta, "Beta");
        var alphaTechnician = await alpha.TechnicianAsync();
        var betaTechnician = await beta.TechnicianAsync();
        var alphaToken = Token(await PullAsync(alphaTechnician, null));
        var betaToken = Token(await PullAsync(betaTechnician, null));
        var tampered = alphaToken[..^3] + (alphaToken[^3] == 'A' ? 'B' : 'A') + alphaToken[^2..];

        foreach (var token in new[] { betaToken, tampered, "AQAAAAAAAAAq", "not a token" })
        {
            var pull = await PullAsync(alphaTechnician, token);
            Assert.False(pull.GetProperty("isDelta").GetBoolean());
            Assert.Equal(alphaData.WorkOrderId, Assert.Single(pull.GetProperty("workOrders").EnumerateArray()).GetProperty("id").GetGuid());
            Assert.DoesNotContain(pull.GetProperty("articles").EnumerateArray(), a => a.GetProperty("code").GetString() == betaData.ArticleCode);
        }

        Assert.True((await PullAsync(alphaTechnician, alphaToken)).GetProperty("isDelta").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Pulls_during_concurrent_writes_never_lose_a_change(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var ct = TestContext.Current.CancellationToken;
        var orders = new List<(Guid Id, int Version)>();
        for (var i = 0; i < 6; i++)
        {
            orders.Add(await CreateOrderAsync(office, data, company.Technician.Id, $"Bezoek {i}"));
        }

        // The device's view, kept as the field app does: a full snapshot replaces, a delta merges.
        var device = new Dictionary<Guid, string>();
        var token = Apply(device, await PullAsync(technician, null));
        var writing = Task.WhenAll(orders.Select((order, n) => Task.Run(
            async () =>
            {
                var version = order.Version;
                for (var round = 1; round <= 5; round++)
                {
                    var (response, body) = await office.PutJsonAsync($"/api/work-orders/{order.Id}", OrderBody(data, company.Technician.Id, $"Bezoek {n} ronde {round}", version));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    version = body.GetProperty("version").GetInt32();
                }
            },
            ct)));
        while (!writing.IsCompleted)
        {
            token = Apply(device, await PullAsync(technician, token));
        }

        await writing;
        token = Apply(device, await PullAsync(technician, token));
        var truth = new Dictionary<Guid, string>();
        Apply(truth, await PullAsync(technician, null));

        Assert.Equal(truth.OrderBy(p => p.Key), device.OrderBy(p => p.Key));
        Assert.All(orders.Select((o, n) => (o.Id, n)), o => Assert.Equal($"Bezoek {o.n} ronde 5", device[o.Id]));
    }

    private static string Apply(Dictionary<Guid, string> device, JsonElement pull)
    {
        if (!pull.GetProperty("isDelta").GetBoolean() && pull.GetProperty("workOrders").GetArrayLength() > 0)
        {
            device.Clear();
        }

        foreach (var removed in pull.GetProperty("removedWorkOrderIds").EnumerateArray())
        {
            device.Remove(removed.GetGuid());
        }

        foreach (var order in pull.GetProperty("workOrders").EnumerateArray())
        {
            device[order.GetProperty("id").GetGuid()] = order.GetProperty("description").GetString()!;
        }

        return Token(pull);
    }

    internal static string Token(JsonElement pull) => pull.GetProperty("changeToken").GetString()!;

    /// <summary>
    /// A token from which nothing written so far comes back. On PostgreSQL a token stops at the oldest transaction still
    /// open anywhere on the server (here: another test's), and until that one ends a pull may send rows again — at least
    /// once, never lost. The tests that count what a delta holds start from such a token.
    /// </summary>
    internal static async Task<string> SettledAsync(HttpClient technician, string token)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pull = await PullAsync(technician, token);
            if (new[] { "workOrders", "removedWorkOrderIds", "articles", "removedArticleCodes" }.All(p => pull.GetProperty(p).GetArrayLength() == 0))
            {
                return token;
            }

            Assert.True(attempt < 100, "The change token never moved past the rows already sent.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            token = Token(pull);
        }
    }

    internal static Task<JsonElement> PullAsync(HttpClient technician, string? token) =>
        technician.GetJsonAsync(token is null ? "/api/sync/changes?protocol=2" : $"/api/sync/changes?protocol=2&since={Uri.EscapeDataString(token)}");

    private static object OrderBody(MasterData data, Guid technicianId, string description, int version) => new
    {
        customerId = data.CustomerId, siteId = data.SiteId, description,
        scheduledStart = "2026-03-10T13:00:00+01:00", scheduledEnd = "2026-03-10T14:00:00+01:00",
        technicianIds = new[] { technicianId }, version,
    };

    /// <summary>A one-hour work order for the technician, on 10 March 2026 at 13:00 in Brussels unless <paramref name="start"/> says when.</summary>
    internal static async Task<(Guid Id, int Version)> CreateOrderAsync(HttpClient office, MasterData data, Guid technicianId, string description, DateTimeOffset? start = null)
    {
        var begins = start ?? new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.FromHours(1));
        var (response, body) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = data.CustomerId, siteId = data.SiteId, description,
            scheduledStart = begins, scheduledEnd = begins.AddHours(1),
            technicianIds = new[] { technicianId },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt32());
    }
}
