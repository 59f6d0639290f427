using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.WorkOrders;

/// <summary>The planning board moves work between technicians and days; the technicians' devices follow.</summary>
public class PlanningTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Reassigning_through_the_api_moves_the_order_from_one_technicians_pull_to_the_others(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var bert = await AddTechnicianAsync(app, company, "bert@alpha.test");
        var office = await company.OfficeAsync();
        var anna = await company.TechnicianAsync();
        var bertClient = await app.ClientForAsync(bert.Email!);
        var annaBefore = await anna.GetJsonAsync("/api/sync/changes");
        var bertBefore = await bertClient.GetJsonAsync("/api/sync/changes");

        var (planned, body) = await office.PutJsonAsync($"/api/work-orders/{data.WorkOrderId}/plan", new
        {
            technicianId = bert.Id,
            plannedStart = "2026-03-11T13:30:00+01:00",
            version = 0,
        });
        var annaAfter = await anna.GetJsonAsync($"/api/sync/changes?since={annaBefore.GetProperty("changeToken").GetString()}");
        var bertAfter = await bertClient.GetJsonAsync($"/api/sync/changes?since={bertBefore.GetProperty("changeToken").GetString()}");
        var audit = await app.InCompany(company.Id, (db, _) => db.AuditEvents.Where(a => a.EntityId == data.WorkOrderId).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Equal([bert.Id], body.GetProperty("technicianIds").EnumerateArray().Select(t => t.GetGuid()));
        Assert.Equal(new DateTime(2026, 3, 11, 12, 30, 0, DateTimeKind.Utc), body.GetProperty("scheduledStart").GetDateTime().ToUniversalTime());
        Assert.Equal(new DateTime(2026, 3, 11, 14, 30, 0, DateTimeKind.Utc), body.GetProperty("scheduledEnd").GetDateTime().ToUniversalTime());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Contains(Ids(annaBefore), id => id == data.WorkOrderId);
        Assert.DoesNotContain(Ids(bertBefore), id => id == data.WorkOrderId);
        Assert.Contains(Ids(bertAfter), id => id == data.WorkOrderId);

        // Anna's device gets a new complete set (not the empty "unchanged" answer) without the order, so it drops it.
        Assert.NotEqual(annaBefore.GetProperty("changeToken").GetString(), annaAfter.GetProperty("changeToken").GetString());
        Assert.NotEqual(JsonValueKind.Null, annaAfter.GetProperty("pricing").ValueKind);
        Assert.DoesNotContain(Ids(annaAfter), id => id == data.WorkOrderId);

        var move = Assert.Single(audit);
        Assert.Equal("work-order.planned", move.Action);
        Assert.Equal(company.Office.Id, move.UserId);
        Assert.Contains(company.Technician.Id.ToString(), move.Before, StringComparison.Ordinal);
        Assert.Contains(bert.Id.ToString(), move.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_card_dropped_on_the_board_goes_through_the_same_rule_and_the_devices_follow(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var bert = await AddTechnicianAsync(app, company, "bert@alpha.test");
        var anna = await company.TechnicianAsync();
        var bertClient = await app.ClientForAsync(bert.Email!);
        var annaBefore = await anna.GetJsonAsync("/api/sync/changes");
        var ct = TestContext.Current.CancellationToken;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

        // What the board does on a drop: the card's lane and day change, its time of day stays.
        var (result, board) = await app.InCompany(company.Id, async (db, services) =>
        {
            var card = (await PlanningBoard.LoadAsync(db, new DateOnly(2026, 3, 9), 7, zone, ct)).Cards.Single(c => c.WorkOrderId == data.WorkOrderId);
            var start = PlanningBoard.Instant(new DateOnly(2026, 3, 12), TimeOnly.FromDateTime(card.Start), zone);
            var answer = await PlanWorkOrder.Handle(
                data.WorkOrderId, new PlanRequest(bert.Id, start, card.Version, card.TechnicianId), Office(company), db, services.GetRequiredService<Texts>(), app.Clock, ct);
            db.ChangeTracker.Clear();
            return (answer.Result, await PlanningBoard.LoadAsync(db, new DateOnly(2026, 3, 9), 7, zone, ct));
        });
        var annaAfter = await anna.GetJsonAsync($"/api/sync/changes?since={annaBefore.GetProperty("changeToken").GetString()}");
        var bertAfter = await bertClient.GetJsonAsync("/api/sync/changes");

        Assert.IsType<Ok<WorkOrderDetails>>(result);
        var moved = Assert.Single(board.Cards, c => c.WorkOrderId == data.WorkOrderId);
        Assert.Equal(bert.Id, moved.TechnicianId);
        Assert.Equal(new DateTime(2026, 3, 12, 8, 0, 0), moved.Start);
        Assert.DoesNotContain(Ids(annaAfter), id => id == data.WorkOrderId);
        Assert.Contains(Ids(bertAfter), id => id == data.WorkOrderId);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Stale_unknown_and_closed_moves_are_refused_and_nothing_changes(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var url = $"/api/work-orders/{data.WorkOrderId}/plan";
        var before = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");

        var (stale, staleProblem) = await office.PutJsonAsync(url, new { technicianId = company.Technician.Id, plannedStart = "2026-03-12T08:00:00+01:00", version = 7 });
        var (foreign, foreignProblem) = await office.PutJsonAsync(url, new { technicianId = bravo.Technician.Id, plannedStart = "2026-03-12T08:00:00+01:00", version = 0 });
        var (notTechnician, _) = await office.PutJsonAsync(url, new { technicianId = company.Office.Id, plannedStart = "2026-03-12T08:00:00+01:00", version = 0 });
        var (noStart, noStartProblem) = await office.PutJsonAsync(url, new { technicianId = company.Technician.Id, version = 0 });
        var (missing, _) = await office.PutJsonAsync($"/api/work-orders/{Guid.NewGuid()}/plan", new { plannedStart = "2026-03-12T08:00:00+01:00", version = 0 });
        var unchanged = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");

        (await office.PostAsync($"/api/work-orders/{data.WorkOrderId}/cancel", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var cancelled = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");
        var (closed, closedProblem) = await office.PutJsonAsync(url, new { technicianId = company.Technician.Id, plannedStart = "2026-03-12T08:00:00+01:00", version = cancelled.GetProperty("version").GetInt32() });
        var afterClosed = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");
        var audits = await app.InCompany(company.Id, (db, _) => db.AuditEvents.CountAsync(a => a.Action == "work-order.planned", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Someone else changed this record.", staleProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True(foreignProblem.GetProperty("errors").TryGetProperty("technicianId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notTechnician.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noStart.StatusCode);
        Assert.True(noStartProblem.GetProperty("errors").TryGetProperty("plannedStart", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before.ToString(), unchanged.ToString());
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("Cancelled", closedProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(cancelled.ToString(), afterClosed.ToString());
        Assert.Equal(0, audits);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_board_shows_lanes_per_technician_the_unassigned_orders_and_overlaps_in_one_lane(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        async Task<Guid> Order(string start, string end, params Guid[] technicians)
        {
            var (response, body) = await office.PostJsonAsync("/api/work-orders", new
            {
                customerId = data.CustomerId, siteId = data.SiteId, description = "Herstelling", scheduledStart = start, scheduledEnd = end, technicianIds = technicians,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return body.GetProperty("id").GetGuid();
        }

        var overlapping = await Order("2026-03-10T09:30:00+01:00", "2026-03-10T11:00:00+01:00", company.Technician.Id);
        var later = await Order("2026-03-10T13:00:00+01:00", "2026-03-10T14:00:00+01:00", company.Technician.Id);
        var unassigned = await Order("2026-03-13T08:00:00+01:00", "2026-03-13T09:00:00+01:00");
        var nextWeek = await Order("2026-03-17T08:00:00+01:00", "2026-03-17T09:00:00+01:00", company.Technician.Id);

        var board = await office.GetJsonAsync("/api/planning");
        var cards = board.GetProperty("cards").EnumerateArray().ToDictionary(c => c.GetProperty("workOrderId").GetGuid());
        var day = await office.GetJsonAsync("/api/planning?from=2026-03-17&days=1");

        Assert.Equal("2026-03-09", board.GetProperty("from").GetString());
        Assert.Contains(board.GetProperty("technicians").EnumerateArray(), t => t.GetProperty("id").GetGuid() == company.Technician.Id);
        Assert.True(cards[data.WorkOrderId].GetProperty("overlaps").GetBoolean());
        Assert.True(cards[overlapping].GetProperty("overlaps").GetBoolean());
        Assert.False(cards[later].GetProperty("overlaps").GetBoolean());
        Assert.False(cards.ContainsKey(nextWeek));
        Assert.Equal([unassigned], board.GetProperty("unassigned").EnumerateArray().Select(c => c.GetProperty("workOrderId").GetGuid()));
        Assert.Equal([nextWeek], day.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("workOrderId").GetGuid()));
    }

    private static IEnumerable<Guid> Ids(JsonElement pull) => pull.GetProperty("workOrders").EnumerateArray().Select(w => w.GetProperty("id").GetGuid());

    private static ClaimsPrincipal Office(TestCompany company) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, company.Office.Id.ToString()), new Claim(ClaimTypes.Role, Roles.Office)], "test"));

    public static Task<AppUser> AddTechnicianAsync(WerkbonApp app, TestCompany company, string email) =>
        app.InCompany(company.Id, async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { CompanyId = company.Id, Email = email, UserName = email, DisplayName = "Bert Peeters", RateClass = "technician" };
            Assert.True((await users.CreateAsync(user, WerkbonApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Technician);
            return user;
        });
}
