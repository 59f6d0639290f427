using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Werkbon.Core.Dashboard;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.Browser;

/// <summary>
/// The office's screens on a common laptop (1366×768, the menu open), measured in a real Chromium: what a
/// person must click or read lies inside the screen and inside its scroll box, and a toast never covers a button.
/// </summary>
public class OfficeLayoutBrowserTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Fact]
    public async Task The_office_browser_works_at_1366_by_768()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        await using var browser = await BrowserSession.StartAsync(url);
        await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/");
        var size = await browser.Page.EvaluateAsync<int[]>("() => [window.innerWidth, window.innerHeight]");
        Assert.Equal([1366, 768], size);
    }

    [Fact]
    public async Task The_inbox_action_column_is_not_cut_off()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var waiting = await app.InCompany(companyId, (db, _) => db.Reports.CountAsync(r => r.Status == ReportStatus.Signed || r.Status == ReportStatus.InReview, ct));
        Assert.True(waiting > 0, "the demo has reports waiting for review");
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/inbox");
            var approve = page.Locator("[data-testid=report-row] [data-testid=approve]");
            await Assertions.Expect(approve).ToHaveCountAsync(waiting);
            var container = await Box(page.Locator("[data-testid=inbox-list]"));
            var viewport = page.ViewportSize!;
            for (var i = 0; i < waiting; i++)
            {
                var button = await Box(approve.Nth(i));
                Assert.True(button.X >= container.X - 0.5 && Right(button) <= Right(container) + 0.5,
                    $"approve button {i} ({button.X:0}–{Right(button):0}) lies outside the list's box ({container.X:0}–{Right(container):0})");
                Assert.True(Right(button) <= viewport.Width, $"approve button {i} ends at {Right(button):0}, past the screen's {viewport.Width}");
            }

            // The list itself needs no sideways scrolling to reach its actions.
            var overflow = await page.Locator("[data-testid=inbox-list] .mud-table-container").EvaluateAsync<double>("e => e.scrollWidth - e.clientWidth");
            Assert.True(overflow <= 1, $"the inbox list scrolls sideways by {overflow} px");
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_inbox_action_column_is_not_cut_off));
            throw;
        }
    }

    [Fact]
    public async Task The_planning_week_shows_sunday_and_its_cards_whole()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var ct = TestContext.Current.CancellationToken;
        var monday = LeadTimes.WeekOf(TimeProvider.System.GetUtcNow(), Brussels).Monday;
        var sunday = monday.AddDays(6);
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        var (technicianId, orderId) = await app.InCompany(companyId, async (db, _) =>
        {
            var technician = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            var site = await db.Sites.OrderBy(s => s.Name).FirstAsync(ct);
            var start = PlanningBoard.Instant(sunday, new TimeOnly(9, 30), Brussels).UtcDateTime;
            var order = new WorkOrder
            {
                Number = "WO-SUNDAY-0001", CustomerId = site.CustomerId, SiteId = site.Id, Description = "Ketel valt uit op zondag, wachtdienst",
                ScheduledStart = start, ScheduledEnd = start.AddHours(2),
            };
            order.Technicians.Add(new WorkOrderTechnician { UserId = technician });
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync(ct);
            return (technician, order.Id);
        });
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/planning");
            var sundayCard = page.Locator($"[data-testid=cell][data-technician='{technicianId}'][data-day='{sunday:yyyy-MM-dd}'] [data-testid=board-card][data-id='{orderId}']");
            await sundayCard.WaitForAsync();
            var viewport = page.ViewportSize!;
            var board = await Box(page.Locator("[data-testid=planning-board]"));
            var heads = page.Locator("[data-testid=day-head]");
            Assert.Equal(7, await heads.CountAsync());
            var sundayHead = await Box(heads.Nth(6));
            Assert.True(Right(sundayHead) <= Math.Min(Right(board), viewport.Width) + 0.5,
                $"Sunday's column ends at {Right(sundayHead):0}, the board shows up to {Right(board):0} on a {viewport.Width} px screen");
            var sideways = await page.Locator("[data-testid=planning-board]").EvaluateAsync<double>("e => e.scrollWidth - e.clientWidth");
            Assert.True(sideways <= 1, $"the board scrolls sideways by {sideways} px");

            // Every card on a technician's day lies whole inside its day's cell, and nothing inside a card overflows it.
            var cards = page.Locator("[data-testid=cell] [data-testid=board-card]");
            var count = await cards.CountAsync();
            Assert.True(count > 1, "the week has cards");
            for (var i = 0; i < count; i++)
            {
                var card = cards.Nth(i);
                var cell = await Box(card.Locator("xpath=ancestor::*[@data-testid='cell'][1]"));
                var box = await Box(card);
                Assert.True(box.X >= cell.X - 0.5 && Right(box) <= Right(cell) + 0.5,
                    $"card {i} ({box.X:0}–{Right(box):0}) sticks out of its day ({cell.X:0}–{Right(cell):0})");
                Assert.True(Right(box) <= viewport.Width, $"card {i} ends at {Right(box):0}, past the screen");
                var clipped = await card.EvaluateAsync<double>("e => e.scrollWidth - e.clientWidth");
                Assert.True(clipped <= 1, $"card {i}'s content is {clipped} px wider than the card");
            }
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(The_planning_week_shows_sunday_and_its_cards_whole));
            throw;
        }
    }

    [Fact]
    public async Task A_toast_never_covers_a_button()
    {
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;

        try
        {
            // Making drafts tells what it did in a toast, on a page full of buttons (header, filters, list, pager, app bar).
            await browser.SignInAsync(DemoLogins.Office, DemoLogins.Password, "/invoices");
            await page.Locator("[data-testid=make-drafts]").ClickAsync();
            await AssertToastCoversNoButtonAsync(page);

            // And after approving in the inbox, whose buttons sit on the right and at the bottom of a long list.
            await browser.OpenAsync("/inbox");
            await page.Locator("[data-testid=report-row] [data-testid=approve]").First.ClickAsync();
            await AssertToastCoversNoButtonAsync(page);
            await page.Mouse.WheelAsync(0, 5000);
            await AssertToastCoversNoButtonAsync(page);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(A_toast_never_covers_a_button));
            throw;
        }
    }

    private static async Task AssertToastCoversNoButtonAsync(IPage page)
    {
        var toast = page.Locator(".mud-snackbar").Last;
        await toast.WaitForAsync();
        await page.WaitForTimeoutAsync(400); // the toast slides in; measure where it comes to rest
        var covered = await page.EvaluateAsync<string[]>(
            """
            () => {
              const toasts = [...document.querySelectorAll('.mud-snackbar')].map(t => t.getBoundingClientRect());
              const buttons = [...document.querySelectorAll('button, a.mud-button-root, [role=button], input[type=checkbox]')]
                .filter(b => !b.closest('.mud-snackbar'))
                .filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden'; });
              const hits = [];
              for (const t of toasts)
                for (const b of buttons) {
                  const r = b.getBoundingClientRect();
                  if (r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top)
                    hits.push((b.innerText || b.getAttribute('aria-label') || b.getAttribute('data-testid') || b.tagName).trim()
                      + ` at ${Math.round(r.left)},${Math.round(r.top)} under a toast at ${Math.round(t.left)},${Math.round(t.top)}–${Math.round(t.right)},${Math.round(t.bottom)}`);
                }
              return hits;
            }
            """);
        Assert.True(covered.Length == 0, "a toast covers: " + string.Join("; ", covered));
    }

    private static async Task<LocatorBoundingBoxResult> Box(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("the element is not laid out");

    private static double Right(LocatorBoundingBoxResult box) => box.X + box.Width;
}
