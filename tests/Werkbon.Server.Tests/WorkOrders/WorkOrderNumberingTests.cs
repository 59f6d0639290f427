using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.WorkOrders;

/// <summary>Work-order numbers when many people plan work at the same moment.</summary>
public class WorkOrderNumberingTests
{
    private const int Clients = 16;

    /// <summary>300 in the suite; <c>WERKBON_WORK_ORDER_CREATES=2000</c> runs the long form.</summary>
    private static int Creates =>
        int.TryParse(Environment.GetEnvironmentVariable("WERKBON_WORK_ORDER_CREATES"), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 300;

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Sixteen_offices_creating_work_orders_at_once_all_succeed_with_unique_numbers(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Numbering");
        var data = await MasterData.CreateAsync(company, "Num");
        var clients = new List<HttpClient>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add(await company.OfficeAsync());
        }

        var next = 0;
        var answers = new System.Collections.Concurrent.ConcurrentBag<(HttpStatusCode Status, string Body)>();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= Creates)
            {
                var response = await client.PostAsJsonAsync("/api/work-orders", new
                {
                    customerId = data.CustomerId,
                    siteId = data.SiteId,
                    description = "Onderhoud ketel",
                    scheduledStart = "2026-03-12T08:00:00+01:00",
                    scheduledEnd = "2026-03-12T10:00:00+01:00",
                    technicianIds = new[] { company.Technician.Id },
                }, TestContext.Current.CancellationToken);
                answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            }
        })));

        var numbers = await app.InCompany(company.Id, (db, _) => db.WorkOrders.AsNoTracking().Select(w => w.Number).ToListAsync(TestContext.Current.CancellationToken));
        var failures = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{provider}: {answers.Count} creates from {Clients} clients, {failures.Count} failed, {numbers.Distinct().Count()} distinct numbers");
        Assert.True(failures.Count == 0, $"{failures.Count} creates failed, first: {failures.FirstOrDefault()}");
        Assert.Equal(Creates, answers.Count);
        Assert.Equal(Creates + 1, numbers.Count);
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());

        // Nothing failed, so nothing was skipped either: WO-2026-0001 (the master data's order) up to the last.
        Assert.Equal(
            Enumerable.Range(1, Creates + 1).Select(n => $"WO-2026-{n:0000}"),
            numbers.Order(StringComparer.Ordinal));
        Assert.True(app.Logs.Failures.Count == 0, string.Join(Environment.NewLine, app.Logs.Failures));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_series_starts_again_at_one_in_a_new_year(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Years");
        var data = await MasterData.CreateAsync(company, "Yr");
        var office = await company.OfficeAsync();
        async Task<string> CreateAsync()
        {
            var (response, body) = await office.PostJsonAsync("/api/work-orders", new
            {
                customerId = data.CustomerId,
                siteId = data.SiteId,
                description = "Onderhoud ketel",
                scheduledStart = "2027-01-12T08:00:00+01:00",
                scheduledEnd = "2027-01-12T10:00:00+01:00",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            return body.GetProperty("number").GetString()!;
        }

        Assert.Equal("WO-2026-0002", await CreateAsync());
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero));
        office = await company.OfficeAsync(); // a new sign-in: the first one's token ran out months ago
        Assert.Equal("WO-2027-0001", await CreateAsync());
        Assert.Equal("WO-2027-0002", await CreateAsync());
    }
}
