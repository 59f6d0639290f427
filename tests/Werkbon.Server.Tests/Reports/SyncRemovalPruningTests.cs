using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.WorkOrders;
using static Werkbon.Server.Tests.Reports.DeltaPullTests;

namespace Werkbon.Server.Tests.Reports;

/// <summary>
/// A work order a technician was taken off reaches their device as a removal; the removal rows go once no accepted token
/// can need them. The database stamps them with its own clock, the machine's, so each test first sets the app's clock there.
/// </summary>
public class SyncRemovalPruningTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_removal_is_delivered_and_kept_while_its_day_lasts_and_after_three_days_it_is_pruned_while_the_old_token_gets_the_full_snapshot(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var bert = await PlanningTests.AddTechnicianAsync(app, company, "bert@alpha.test");
        var office = await company.OfficeAsync();
        var anna = await company.TechnicianAsync();
        var stays = await CreateOrderAsync(office, data, company.Technician.Id, "Ketel nakijken", FiveDaysAhead(app));
        var leaves = await CreateOrderAsync(office, data, company.Technician.Id, "Boiler ontkalken", FiveDaysAhead(app));
        var token = await SettledAsync(anna, Token(await PullAsync(anna, null)));

        await TakeOffAsync(app, office, leaves, bert.Id);
        var delta = await PullAsync(anna, token);
        var prunedToday = await SyncRemovalPruning.RunAsync(app.Services, TestContext.Current.CancellationToken);
        var deltaAfterPruning = await PullAsync(anna, token);
        app.Clock.Advance(TimeSpan.FromHours(25)); // the next day, also across a 25-hour one
        var prunedNextDay = await SyncRemovalPruning.RunAsync(app.Services, TestContext.Current.CancellationToken);
        var nextDay = await PullAsync(await company.TechnicianAsync(), token); // signed in again: access tokens last minutes
        app.Clock.Advance(TimeSpan.FromDays(2));
        var prunedLater = await SyncRemovalPruning.RunAsync(app.Services, TestContext.Current.CancellationToken);
        var later = await PullAsync(await company.TechnicianAsync(), token);

        Assert.True(delta.GetProperty("isDelta").GetBoolean());
        Assert.Contains(leaves.Id, Removed(delta));
        Assert.Equal(0, prunedToday);
        Assert.True(deltaAfterPruning.GetProperty("isDelta").GetBoolean());
        Assert.Contains(leaves.Id, Removed(deltaAfterPruning));
        Assert.Equal(0, prunedNextDay);
        Assert.Equal(1, prunedLater);
        Assert.Empty(await RemovalsAsync(app, company.Id));

        // A token of an earlier day: the whole current set, which the device takes instead of what it held.
        foreach (var pull in new[] { nextDay, later })
        {
            Assert.False(pull.GetProperty("isDelta").GetBoolean());
            Assert.Empty(Removed(pull));
            var listed = pull.GetProperty("workOrders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
            Assert.Contains(stays.Id, listed);
            Assert.DoesNotContain(leaves.Id, listed);
        }
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Pruning_deletes_the_removals_written_more_than_two_days_ago_and_keeps_a_fresh_one_a_delta_still_needs(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(provider);
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var bert = await PlanningTests.AddTechnicianAsync(app, company, "bert@alpha.test");
        var office = await company.OfficeAsync();
        var anna = await company.TechnicianAsync();
        var old = await CreateOrderAsync(office, data, company.Technician.Id, "Ketel nakijken", FiveDaysAhead(app));
        var fresh = await CreateOrderAsync(office, data, company.Technician.Id, "Boiler ontkalken", FiveDaysAhead(app));

        // Written three days ago: the database's clock cannot be moved, so the row's stamp is set back.
        await TakeOffAsync(app, office, old, bert.Id);
        var threeDays = (long)TimeSpan.FromDays(3).TotalSeconds;
        await app.InCompany(company.Id, (db, _) => db.SyncRemovals.Where(r => r.WorkOrderId == old.Id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.CreatedAt, x => x.CreatedAt - threeDays), ct));
        var token = await SettledAsync(anna, Token(await PullAsync(anna, null)));
        await TakeOffAsync(app, office, fresh, bert.Id);

        var pruned = await SyncRemovalPruning.RunAsync(app.Services, ct);
        var left = await RemovalsAsync(app, company.Id);
        var delta = await PullAsync(anna, token);

        Assert.Equal(1, pruned);
        Assert.Equal([fresh.Id], left.Select(r => r.WorkOrderId!.Value));
        Assert.True(delta.GetProperty("isDelta").GetBoolean());
        Assert.Equal([fresh.Id], Removed(delta));
    }

    private static List<Guid> Removed(JsonElement pull) =>
        [.. pull.GetProperty("removedWorkOrderIds").EnumerateArray().Select(e => e.GetGuid())];

    private static Task<List<SyncRemoval>> RemovalsAsync(WerkbonApp app, Guid companyId) =>
        app.InCompany(companyId, (db, _) => db.SyncRemovals.AsNoTracking().Where(r => r.CompanyId == companyId).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>The office gives the work order to another technician, as the planning board does.</summary>
    private static async Task TakeOffAsync(WerkbonApp app, HttpClient office, (Guid Id, int Version) order, Guid technicianId)
    {
        var (planned, body) = await office.PutJsonAsync($"/api/work-orders/{order.Id}/plan", new
        {
            technicianId, plannedStart = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(6).AddHours(9), TimeSpan.Zero), version = order.Version,
        });
        Assert.True(planned.StatusCode == HttpStatusCode.OK, body.ToString());
    }

    /// <summary>Five days ahead on the app's clock, at 08:00 UTC: inside the device's window now and three days later.</summary>
    private static DateTimeOffset FiveDaysAhead(WerkbonApp app) =>
        new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddHours(8), TimeSpan.Zero).AddDays(5);
}
