using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Core.Dashboard;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.Browser;

/// <summary>The planning board, the customer overview and the dashboard in a real Chromium with the demo company.</summary>
public class PlanningBrowserTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Fact]
    public async Task A_card_dragged_from_unassigned_to_a_technicians_day_is_stored()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var (companyId, orderId, technicianId, monday) = await UnassignedOrderAsync(app);
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/planning");
            var card = page.Locator($"[data-testid=unassigned] [data-testid=board-card][data-id='{orderId}']");
            await card.WaitForAsync();
            var thursday = monday.AddDays(3);
            var target = page.Locator($"[data-testid=cell][data-technician='{technicianId}'][data-day='{thursday:yyyy-MM-dd}'] .mud-drop-zone");

            // Headless Chromium does not start a native drag from mouse moves on this board, so the test
            // sends the browser's drag events themselves, as a mouse drag produces them, with one DataTransfer.
            var dataTransfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
            var drag = new Dictionary<string, object> { ["dataTransfer"] = dataTransfer };
            await card.DispatchEventAsync("dragstart", drag);
            await page.WaitForTimeoutAsync(300);
            await target.DispatchEventAsync("dragenter", drag);
            await target.DispatchEventAsync("dragover", drag);
            await target.DispatchEventAsync("drop", drag);
            await card.DispatchEventAsync("dragend", drag);
            await Assertions.Expect(page.Locator($"[data-testid=cell][data-technician='{technicianId}'][data-day='{thursday:yyyy-MM-dd}'] [data-testid=board-card][data-id='{orderId}']"))
                .ToBeVisibleAsync();
            var dragged = await Stored(app, companyId, orderId);
            Assert.Equal([technicianId], dragged.Technicians);
            Assert.Equal(PlanningBoard.Instant(thursday, new TimeOnly(10, 0), Brussels).UtcDateTime, dragged.Start);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(A_card_dragged_from_unassigned_to_a_technicians_day_is_stored));
            throw;
        }
    }

    [Fact]
    public async Task The_cards_move_menu_assigns_an_unassigned_order_to_a_technicians_day_and_back()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var (companyId, orderId, technicianId, monday) = await UnassignedOrderAsync(app);
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/planning");
            await page.Locator($"[data-testid=unassigned] [data-testid=board-card][data-id='{orderId}']").WaitForAsync();
            var thursday = monday.AddDays(3);
            await MoveAsync(page, orderId, technicianId.ToString(), thursday);
            await Assertions.Expect(page.Locator($"[data-testid=cell][data-technician='{technicianId}'][data-day='{thursday:yyyy-MM-dd}'] [data-testid=board-card][data-id='{orderId}']"))
                .ToBeVisibleAsync();
            var assigned = await Stored(app, companyId, orderId);
            Assert.Equal([technicianId], assigned.Technicians);
            Assert.Equal(PlanningBoard.Instant(thursday, new TimeOnly(10, 0), Brussels).UtcDateTime, assigned.Start);

            var friday = monday.AddDays(4);
            await MoveAsync(page, orderId, "", friday);
            await Assertions.Expect(page.Locator($"[data-testid=unassigned] [data-testid=board-card][data-id='{orderId}']")).ToBeVisibleAsync();
            var unassigned = await Stored(app, companyId, orderId);
            Assert.Empty(unassigned.Technicians);
            Assert.Equal(PlanningBoard.Instant(friday, new TimeOnly(10, 0), Brussels).UtcDateTime, unassigned.Start);
            var audits = await app.InCompany(companyId, (db, _) => db.AuditEvents.CountAsync(a => a.EntityId == orderId && a.Action == "work-order.planned", ct));
            Assert.Equal(2, audits);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_cards_move_menu_assigns_an_unassigned_order_to_a_technicians_day_and_back));
            throw;
        }
    }

    private static async Task MoveAsync(IPage page, Guid orderId, string technician, DateOnly day)
    {
        // By keyboard, as without a mouse: focus the card's menu button and press Enter.
        await page.Locator($"[data-testid=board-card][data-id='{orderId}'] [data-testid=move-to]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=move-technician]").SelectOptionAsync(new SelectOptionValue { Value = technician });
        await page.Locator("[data-testid=move-day]").FillAsync(day.ToString("yyyy-MM-dd", null));
        await page.Locator("[data-testid=move-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=move-panel]")).ToHaveCountAsync(0);
    }

    /// <summary>An unassigned demo work order on Wednesday 10:00 of this week (company time).</summary>
    private static async Task<(Guid CompanyId, Guid OrderId, Guid TechnicianId, DateOnly Monday)> UnassignedOrderAsync(WerkbonApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var monday = LeadTimes.WeekOf(TimeProvider.System.GetUtcNow(), Brussels).Monday;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        return await app.InCompany(companyId, async (db, _) =>
        {
            var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            var site = await db.Sites.OrderBy(s => s.Name).FirstAsync(ct);
            var start = PlanningBoard.Instant(monday.AddDays(2), new TimeOnly(10, 0), Brussels).UtcDateTime;
            var order = new WorkOrder
            {
                Number = "WO-BOARD-0001", CustomerId = site.CustomerId, SiteId = site.Id, Description = "Ketel valt uit",
                ScheduledStart = start, ScheduledEnd = start.AddHours(1),
            };
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync(ct);
            return (companyId, order.Id, technician, monday);
        });
    }

    [Fact]
    public async Task The_office_opens_a_customers_overview_searches_its_timeline_and_finds_the_dashboard_in_the_menu()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (customerName, number, otherName) = await app.InCompany(companyId, async (db, _) =>
        {
            // A work order without a report: its number then names exactly one entry on the timeline.
            var order = await db.WorkOrders.Where(w => w.ArchivedAt == null && !db.Reports.Any(r => r.WorkOrderId == w.Id)).OrderBy(w => w.Number).FirstAsync(ct);
            var name = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.Name).SingleAsync(ct);
            var other = await db.Customers.Where(c => c.Id != order.CustomerId).OrderBy(c => c.Name).Select(c => c.Name).FirstAsync(ct);
            return (name, order.Number, other);
        });
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/customers");
            await page.Locator("[data-testid=customer-search] input, input[data-testid=customer-search]").First.FillAsync(customerName);
            await Assertions.Expect(page.Locator("[data-testid=customer-row]")).ToHaveCountAsync(1);
            await page.Locator("[data-testid=customer-row] [data-testid=customer-overview]").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/overview", StringComparison.Ordinal));
            await browser.WaitUntilInteractiveAsync();
            await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync(customerName);
            await Assertions.Expect(page.Locator("[data-testid=timeline-entry][data-kind=WorkOrder]", new() { HasText = number })).ToBeVisibleAsync();

            var search = page.Locator("[data-testid=timeline-search] input, input[data-testid=timeline-search]").First;
            await search.FillAsync(number);
            await Assertions.Expect(page.Locator("[data-testid=timeline-entry]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=timeline-entry]")).ToHaveAttributeAsync("data-kind", "WorkOrder");
            await search.FillAsync("niets-dat-bestaat");
            await Assertions.Expect(page.Locator("[data-testid=timeline-empty]")).ToBeVisibleAsync();

            await page.Locator("[data-testid=customer-find] input, input[data-testid=customer-find]").First.FillAsync(otherName);
            await page.Locator("[data-testid=customer-found]", new() { HasText = otherName }).First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync(otherName);

            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=lead-time]")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("[data-testid=uninvoiced-summary]")).ToBeVisibleAsync();
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_office_opens_a_customers_overview_searches_its_timeline_and_finds_the_dashboard_in_the_menu));
            throw;
        }
    }

    private static Task<(List<Guid> Technicians, DateTime Start)> Stored(WerkbonApp app, Guid companyId, Guid orderId) =>
        app.InCompany(companyId, async (db, _) =>
        {
            var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == orderId, TestContext.Current.CancellationToken);
            return (order.Technicians.Select(t => t.UserId).ToList(), order.ScheduledStart);
        });
}
