using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.Field;

/// <summary>The technician's PWA in a real Chromium, installed from the app on Kestrel, used without a network.</summary>
public class FieldAppBrowserTests
{
    /// <summary>How long a (re)start of the app may take on a busy machine before a test gives up waiting.</summary>
    private const float Boot = 60_000;

    /// <summary>A common phone's screen in CSS pixels (iPhone 12–14).</summary>
    private const int PhoneWidth = 390;

    private const int PhoneHeight = 844;

    [Fact]
    public async Task On_a_phone_each_job_shows_its_state_in_colour_and_words_four_fit_and_the_sync_badge_stays_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await FieldBrowser.StartAsync(url);
        var page = browser.Page;

        try
        {
            var count = await OpenWorkOrderCountAsync(app, companyId);
            Assert.True(count >= 4, $"the demo technician has {count} open work orders");
            await SignInAsync(page, count);
            var screen = await page.EvaluateAsync<int[]>("() => [innerWidth, innerHeight]");
            Assert.Equal(new[] { PhoneWidth, PhoneHeight }, screen);
            await Assertions.Expect(page.Locator("[data-testid=synced]")).ToBeVisibleAsync();
            await AssertOneLineBadgeAsync(page, "synced, nl");
            Assert.Empty(await SymbolGlyphsAsync(page));

            // At least four jobs on the screen as it opens, each wholly inside it.
            var boxes = await page.EvaluateAsync<double[][]>(
                "() => [...document.querySelectorAll('[data-testid=work-order]')].slice(0, 4).map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
            Assert.Equal(4, boxes.Length);
            Assert.All(boxes, b => Assert.True(b[0] >= 0 && b[1] >= 0 && b[2] <= PhoneWidth && b[3] <= PhoneHeight, $"a job card at [{string.Join(", ", b)}] is not within {PhoneWidth}×{PhoneHeight}"));

            var cards = page.Locator("[data-testid=work-order]");
            var numbers = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                numbers.Add((await cards.Nth(i).GetAttributeAsync("data-number"))!);
            }

            // One job in progress, one signed offline (waiting), then sent once online; the others to do.
            await page.Locator($"[data-testid=work-order][data-number='{numbers[0]}']").ClickAsync();
            await page.Locator("[data-testid=open-report]").ClickAsync();
            await page.Locator("[data-testid=start-work]").ClickAsync();
            Assert.Empty(await SymbolGlyphsAsync(page));
            await page.Locator("a.brand").ClickAsync();
            await GoOfflineAsync(browser.Context);
            await SignQuicklyAsync(page, numbers[1], "Ketel nagekeken");
            Assert.Empty(await SymbolGlyphsAsync(page));
            await page.Locator("a.brand").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=offline]")).ToBeVisibleAsync();
            await AssertOneLineBadgeAsync(page, "offline, one to send, nl");
            await page.Locator("[data-testid=language]").SelectOptionAsync("fr");
            await Assertions.Expect(page.Locator("[data-testid=pending-count]")).ToHaveTextAsync("1");
            await AssertOneLineBadgeAsync(page, "offline, one to send, fr");
            await page.Locator("[data-testid=language]").SelectOptionAsync("nl");

            var expected = new Dictionary<string, (string Number, string Words)>
            {
                ["todo"] = (numbers[2], "Te doen"),
                ["progress"] = (numbers[0], "Bezig"),
                ["waiting"] = (numbers[1], "Getekend, wacht op verzending"),
            };
            var looks = new Dictionary<string, (string Background, string Edge)>();
            foreach (var (state, (number, words)) in expected)
            {
                var card = page.Locator($"[data-testid=work-order][data-number='{number}']");
                var badge = card.Locator("[data-testid=job-state]");
                await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", state);
                await Assertions.Expect(badge).ToHaveTextAsync(words);
                await Assertions.Expect(badge.Locator("svg")).ToHaveCountAsync(1);
                looks[state] = (
                    await badge.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
                    await card.EvaluateAsync<string>("e => getComputedStyle(e).borderLeftColor"));
            }

            await GoOnlineAsync(browser.Context);
            var sent = page.Locator($"[data-testid=work-order][data-number='{numbers[1]}'] [data-testid=job-state], [data-testid=sent-report] [data-testid=job-state]").First;
            await Assertions.Expect(sent).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = Boot });
            await Assertions.Expect(sent).ToHaveTextAsync("Verzonden");
            looks["sent"] = (await sent.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), "");
            await Assertions.Expect(page.Locator("[data-testid=synced]")).ToBeVisibleAsync(new() { Timeout = Boot });
            await AssertOneLineBadgeAsync(page, "synced again, nl");

            // Every state its own colour: the badge's background and the card's edge.
            Assert.Equal(looks.Count, looks.Values.Select(l => l.Background).Distinct().Count());
            Assert.Equal(3, looks.Values.Select(l => l.Edge).Where(e => e.Length > 0).Distinct().Count());
            Assert.Empty(await SymbolGlyphsAsync(page));
            await page.Locator("[data-testid=sync-badge]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=sync-state]")).ToBeVisibleAsync();
            Assert.Empty(await SymbolGlyphsAsync(page));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-app-phone.png"), FullPage = true });
            throw;
        }
    }

    [Fact]
    public async Task A_report_without_work_time_or_with_a_timer_running_cannot_be_signed_and_an_extra_takes_the_time_it_was_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await FieldBrowser.StartAsync(url);
        var page = browser.Page;

        try
        {
            await SignInAsync(page, await OpenWorkOrderCountAsync(app, companyId));
            await GoOfflineAsync(browser.Context);
            await page.Locator("[data-testid=work-order]").First.ClickAsync();
            await page.Locator("[data-testid=open-report]").ClickAsync();
            await page.Locator("[data-testid=work-done]").FillAsync("Niets gedaan");

            // No time at all: the customer cannot sign, and the screen says why.
            await page.Locator("[data-testid=to-summary]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToHaveAttributeAsync("data-reason", "no-work-time");
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToContainTextAsync("Nog geen werktijd geregistreerd");
            await Assertions.Expect(page.Locator("[data-testid=sign]")).ToBeDisabledAsync();
            Assert.Empty(await SymbolGlyphsAsync(page));

            // Travel only is no work either.
            await page.Locator("[data-testid=back-to-report]").ClickAsync();
            await page.Locator("[data-testid=start-travel]").ClickAsync();
            await page.WaitForTimeoutAsync(1100);
            await page.Locator("[data-testid=stop-travel]").ClickAsync();
            await page.Locator("[data-testid=to-summary]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToHaveAttributeAsync("data-reason", "no-work-time");
            await Assertions.Expect(page.Locator("[data-testid=sign]")).ToBeDisabledAsync();

            // A timer still running: not signable until it stops.
            await page.Locator("[data-testid=back-to-report]").ClickAsync();
            await page.Locator("[data-testid=resume]").ClickAsync();
            await page.Locator("[data-testid=to-summary]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToHaveAttributeAsync("data-reason", "timer-running");
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToContainTextAsync("De tijd loopt nog");
            await Assertions.Expect(page.Locator("[data-testid=sign]")).ToBeDisabledAsync();
            await page.WaitForTimeoutAsync(1100);
            await page.Locator("[data-testid=finish-now]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=cannot-sign]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=sign]")).ToBeEnabledAsync();

            // An extra asked on site, recorded after the work: it starts when it is recorded.
            await page.Locator("a.back").ClickAsync();
            var extras = page.Locator("[data-testid=extras]");
            await extras.Locator("[data-testid=extra-minutes]").FillAsync("30");
            await extras.Locator("[data-testid=extra-note]").FillAsync("Handdoekdroger ontluchten");
            await extras.Locator("[data-testid=add-extra-time]").ClickAsync();
            await Assertions.Expect(extras.Locator("[data-testid=time-entry]")).ToHaveCountAsync(1);

            // The customer's summary: durations as h:mm, no seconds.
            await page.Locator("[data-testid=to-summary]").ClickAsync();
            var durations = await page.Locator("[data-testid=summary] [data-testid=duration]").AllTextContentsAsync();
            Assert.Equal(3, durations.Count);
            Assert.All(durations, d => Assert.Matches(@"^\d+:\d\d$", d.Trim()));
            Assert.Contains("0:30", durations.Select(d => d.Trim()));
            Assert.Empty(await SymbolGlyphsAsync(page));

            await DrawSignatureAsync(page);
            await page.Locator("[data-testid=signer-name]").FillAsync("Klant");
            if (await page.Locator("[data-testid=six-percent]").CountAsync() > 0)
            {
                await page.Locator("[data-testid=six-percent]").CheckAsync();
            }

            await page.Locator("[data-testid=sign]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Pending");
            var body = JsonSerializer.Deserialize<JsonElement>(JsonDocument.Parse(Assert.Single(await page.EvaluateAsync<string[]>("() => werkbon.db.getAll('outbox')"))).RootElement.GetProperty("body").GetString()!);
            var time = body.GetProperty("document").GetProperty("time").EnumerateArray()
                .Select(t => (Start: t.GetProperty("start").GetDateTimeOffset(), End: t.GetProperty("end").GetDateTimeOffset(), Kind: t.GetProperty("kind").GetString(), Extra: t.GetProperty("isExtra").GetBoolean()))
                .ToList();
            var extra = Assert.Single(time, t => t.Extra);
            var recorded = time.Where(t => !t.Extra).ToList();
            Assert.Contains(recorded, t => t.Kind == "Travel");
            Assert.Contains(recorded, t => t.Kind == "Work");
            Assert.All(recorded, t => Assert.True(extra.Start >= t.End, $"the extra {extra.Start:HH:mm:ss}–{extra.End:HH:mm:ss} overlaps {t.Kind} {t.Start:HH:mm:ss}–{t.End:HH:mm:ss}"));
            Assert.Equal(TimeSpan.FromMinutes(30), extra.End - extra.Start);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-app-cannot-sign.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>
    /// Emoji and symbol glyphs in the page's text, generated content and labels: they need a font the phone may
    /// not have (then they show as empty boxes). Icons are inline SVG.
    /// </summary>
    private static Task<string[]> SymbolGlyphsAsync(IPage page) =>
        page.EvaluateAsync<string[]>(
            """
            () => {
              const symbol = /[\p{Extended_Pictographic}\u2190-\u21FF\u2300-\u23FF\u2460-\u27BF\u27F0-\u27FF\u2900-\u2BFF\uFE0F\u{1F000}-\u{1FAFF}]/u;
              const found = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const text = walker.currentNode.data;
                if (symbol.test(text)) found.push(`text: ${text.trim().slice(0, 60)}`);
              }
              for (const element of document.body.querySelectorAll('*')) {
                for (const pseudo of ['::before', '::after']) {
                  const content = getComputedStyle(element, pseudo).content;
                  if (content && symbol.test(content)) found.push(`${element.tagName}${pseudo}: ${content}`);
                }
                for (const name of ['aria-label', 'title', 'placeholder']) {
                  const value = element.getAttribute(name);
                  if (value && symbol.test(value)) found.push(`${element.tagName}[${name}]: ${value}`);
                }
              }
              return found;
            }
            """);

    /// <summary>The sync badge is one line (every piece of it on the same line), on the screen, no taller than a touch target.</summary>
    private static async Task AssertOneLineBadgeAsync(IPage page, string situation)
    {
        var badge = page.Locator("[data-testid=sync-badge]");
        var measure = await badge.EvaluateAsync<double[]>(
            """
            badge => {
              const boxes = [];
              const walker = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                if (!walker.currentNode.data.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(walker.currentNode);
                boxes.push(...[...range.getClientRects()].filter(r => r.width > 0));
              }
              boxes.push(...[...badge.querySelectorAll('svg')].map(s => s.getBoundingClientRect()));
              const own = badge.getBoundingClientRect();
              const line = parseFloat(getComputedStyle(badge).fontSize) * 1.6;
              return [
                Math.max(...boxes.map(b => b.top)), Math.min(...boxes.map(b => b.bottom)),
                own.height, Math.max(48, line), own.left, own.right, innerWidth, boxes.length,
              ];
            }
            """);
        var (lowestTop, highestBottom, height, oneLine, left, right, width, pieces) = (measure[0], measure[1], measure[2], measure[3], measure[4], measure[5], measure[6], measure[7]);
        Assert.True(pieces >= 2, $"{situation}: the badge shows an icon and words");
        Assert.True(lowestTop < highestBottom, $"{situation}: the badge's pieces are on more than one line");
        Assert.True(height <= oneLine + 0.5, $"{situation}: the badge is {height} px high, one line is {oneLine} px");
        Assert.True(left >= 0 && right <= width, $"{situation}: the badge [{left}, {right}] is not within the {width} px screen");
    }

    [Fact]
    public async Task A_visit_recorded_and_signed_offline_survives_a_restart_and_reaches_the_server_byte_exact_once_online()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await FieldBrowser.StartAsync(url);
        var context = browser.Context;
        var page = browser.Page;

        try
        {
            // Sign in once, online: the day's work orders arrive and the service worker installs the app.
            await SignInAsync(page, await OpenWorkOrderCountAsync(app, companyId));
            var bigJpeg = await ImageAsync(page, "image/jpeg", 2400, 1800, "#b3261e");
            var smallPng = await ImageAsync(page, "image/png", 640, 480, "#1f7a3d");

            await GoOfflineAsync(context);

            // Record the visit with no network at all.
            var card = page.Locator("[data-testid=work-order]").First;
            var number = await card.GetAttributeAsync("data-number");
            await card.ClickAsync();
            await page.Locator("[data-testid=open-report]").ClickAsync();
            await page.Locator("[data-testid=start-travel]").ClickAsync();
            await page.WaitForTimeoutAsync(1100);
            await page.Locator("[data-testid=arrived]").ClickAsync();
            await page.WaitForTimeoutAsync(1100);
            await page.Locator("[data-testid=finish]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=time] [data-testid=time-entry]")).ToHaveCountAsync(2);
            var distance = page.Locator("[data-testid=distance]");
            await distance.FillAsync("12.5");
            await distance.PressAsync("Tab");

            var materials = page.Locator("[data-testid=materials]");
            await materials.Locator("[data-testid=material-search]").FillAsync("VAL-TK");
            await materials.Locator("[data-testid=add-article][data-code=VAL-TK]").ClickAsync();
            await materials.Locator("[data-testid=material-line] [data-testid=plus]").ClickAsync();
            await Assertions.Expect(materials.Locator("[data-testid=material-line] [data-testid=quantity]")).ToHaveValueAsync("2");

            var extras = page.Locator("[data-testid=extras]");
            await extras.Locator("[data-testid=free-text]").ClickAsync();
            await extras.Locator("[data-testid=free-text-description]").FillAsync("Handdoekdroger ontluchten (gevraagd door klant)");
            await extras.Locator("[data-testid=free-text-price]").FillAsync("15");
            await extras.Locator("[data-testid=free-text-price]").PressAsync("Tab");
            await extras.Locator("[data-testid=add-free-text]").ClickAsync();
            await Assertions.Expect(extras.Locator("[data-testid=material-line]")).ToHaveCountAsync(1);

            await page.Locator("[data-testid=work-done]").FillAsync("Ketel gereinigd, branderdruk afgesteld; cliënt tevreden.");
            await page.Locator("[data-testid=remarks]").FillAsync("Expansievat bijna leeg: offerte voorstellen.");
            await page.Locator("[data-testid=photo-input]").SetInputFilesAsync(
            [
                new FilePayload { Name = "ketel.jpg", MimeType = "image/jpeg", Buffer = bigJpeg },
                new FilePayload { Name = "typeplaatje.png", MimeType = "image/png", Buffer = smallPng },
            ]);
            await Assertions.Expect(page.Locator("[data-testid=photo]")).ToHaveCountAsync(2);
            await page.Locator("[data-testid=photo-caption]").First.FillAsync("Ketel na reiniging");

            // A reload while offline: the draft is all there.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=photo]")).ToHaveCountAsync(2, new() { Timeout = Boot });
            await Assertions.Expect(page.Locator("[data-testid=work-done]")).ToHaveValueAsync("Ketel gereinigd, branderdruk afgesteld; cliënt tevreden.");
            await Assertions.Expect(page.Locator("[data-testid=extras] [data-testid=material-line]")).ToHaveCountAsync(1);

            // The customer reads the summary, priced on the device, and signs with a finger.
            await page.Locator("[data-testid=to-summary]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=summary-extras]")).ToBeVisibleAsync();
            var priced = await page.Locator("[data-testid=total], [data-testid=prices-hidden]").CountAsync();
            await DrawSignatureAsync(page);
            await page.Locator("[data-testid=signer-name]").FillAsync("Anaïs Wouters");
            if (await page.Locator("[data-testid=six-percent]").CountAsync() > 0)
            {
                await page.Locator("[data-testid=six-percent]").CheckAsync();
            }

            await page.Locator("[data-testid=sign]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Pending");
            var device = await DeviceOutboxAsync(page);

            // Close the app and start it again, still offline, a few times: the shell lists the day's work
            // from the device while the app starts, the app then takes over with the same list; a card
            // tapped before the app is up opens once it is.
            for (var start = 1; start <= 3; start++)
            {
                await page.CloseAsync();
                page = await context.NewPageAsync();
                var tap = start == 1 ? number : null;
                var (early, full) = await ColdStartAsync(page, start, tap);
                Assert.Equal(full.Cards, early.Cards);
                Assert.Equal(full.Headings, early.Headings);
                Assert.Contains(early.Cards, c => c.StartsWith(number + " ", StringComparison.Ordinal) && c.Contains(" | Getekend, wacht op verzending | ", StringComparison.Ordinal));
            }

            await Assertions.Expect(page.Locator($"[data-testid=work-order][data-number='{number}'] [data-testid=job-state][data-state=waiting]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=pending-count]")).ToHaveTextAsync("1");
            var afterRestart = await DeviceOutboxAsync(page);
            var deviceFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var hash in device.Files)
            {
                deviceFiles[hash] = await DeviceFileAsync(page, hash);
            }

            // Online again: the outbox empties by itself.
            await GoOnlineAsync(context);
            await page.Locator($"[data-testid=work-order][data-number='{number}']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Sent", new() { Timeout = Boot });

            var stored = await app.InCompany(companyId, async (db, services) =>
            {
                var reports = await db.Reports.AsNoTracking().Where(r => r.Id == device.ReportId).ToListAsync(ct);
                var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Number == number, ct);
                var files = new Dictionary<string, (byte[]? Bytes, string? Type)>(StringComparer.Ordinal);
                foreach (var hash in device.Files)
                {
                    var type = await db.Files.AsNoTracking().Where(f => f.Sha256 == hash).Select(f => f.ContentType).FirstOrDefaultAsync(ct);
                    files[hash] = (await services.GetRequiredService<IFileStore>().ReadAsync(companyId, hash, ct), type);
                }

                return (Reports: reports, order.Id, order.Status, Files: files, ForOrder: await db.Reports.CountAsync(r => r.WorkOrderId == order.Id, ct));
            });

            var report = Assert.Single(stored.Reports);
            var document = report.Document();
            Assert.Equal(device.Hash, afterRestart.Hash);
            Assert.Equal(device.Hash, report.Hash);
            Assert.True(report.IsIntact());
            Assert.Equal(1, stored.ForOrder);
            Assert.Equal(WorkOrderStatus.Completed, stored.Status);
            Assert.Equal(stored.Id, document.WorkOrderId);
            Assert.Equal(2, document.Photos.Count);
            Assert.All(document.Photos, p => Assert.True(Math.Max(p.Width, p.Height) <= 1600));
            Assert.Equal(1600, document.Photos.Max(p => Math.Max(p.Width, p.Height)));
            Assert.Equal("Anaïs Wouters", document.Signature.SignerName);
            Assert.NotNull(document.Signature.ImageSha256);
            Assert.Equal(3, device.Files.Count);
            Assert.Equal([.. document.FileHashes()], device.Files);
            foreach (var hash in device.Files)
            {
                var (bytes, type) = stored.Files[hash];
                Assert.NotNull(bytes);
                Assert.Equal(deviceFiles[hash], bytes);
                Assert.Equal(hash, PhotoHash.Compute(bytes));
                Assert.Equal(hash == document.Signature.ImageSha256 ? "image/png" : "image/jpeg", type);
            }

            Assert.Equal(2, document.Time.Count(t => !t.IsExtra));
            Assert.Contains(document.Time, t => t.Kind == Werkbon.Core.Pricing.TimeEntryKind.Travel);
            Assert.All(document.Time, t => Assert.Equal(0, t.Start.Ticks % TimeSpan.TicksPerSecond));
            Assert.Equal(12.5m, document.DistanceKm);
            Assert.Contains(document.Materials, m => m is { ArticleCode: "VAL-TK", Quantity: 2m, IsExtra: false });
            Assert.Contains(document.Materials, m => m is { IsFreeText: true, IsExtra: true, ArticleCode: null, PriceOverride: 15m });
            Assert.Equal("Ketel gereinigd, branderdruk afgesteld; cliënt tevreden.", document.WorkDone);
            Assert.Equal(1, priced);
        }
        catch
        {
            if (!page.IsClosed)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-app.png"), FullPage = true });
            }

            throw;
        }
    }

    [Fact]
    public async Task A_report_the_server_refuses_waits_under_needs_attention_and_the_one_behind_it_is_still_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await FieldBrowser.StartAsync(url);
        var page = browser.Page;

        try
        {
            await SignInAsync(page, await OpenWorkOrderCountAsync(app, companyId));
            await GoOfflineAsync(browser.Context);
            var cards = page.Locator("[data-testid=work-order]");
            var first = await cards.Nth(0).GetAttributeAsync("data-number");
            var second = await cards.Nth(1).GetAttributeAsync("data-number");
            await SignQuicklyAsync(page, first!, "Eerste bezoek");
            await SignQuicklyAsync(page, second!, "Tweede bezoek");

            // Meanwhile the office gives the first job to someone else: the server will refuse that report (403).
            await app.InCompany(companyId, async (db, _) =>
            {
                var marc = await db.Users.Where(u => u.Email == DemoLogins.SeniorTechnician).Select(u => u.Id).SingleAsync(ct);
                var order = await db.WorkOrders.SingleAsync(w => w.Number == first, ct);
                order.Technicians = [new WorkOrderTechnician { UserId = marc }];
                return await db.SaveChangesAsync(ct);
            });

            await GoOnlineAsync(browser.Context);
            await Assertions.Expect(page.Locator("[data-testid=attention-count]")).ToBeVisibleAsync(new() { Timeout = Boot });
            await page.Locator("[data-testid=sync-badge]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=attention-item]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=attention-item]")).ToContainTextAsync("403");
            await Assertions.Expect(page.Locator("[data-testid=sync-pending]")).ToHaveTextAsync("0");
            var stored = await app.InCompany(companyId, (db, _) =>
                db.Reports.AsNoTracking().Join(db.WorkOrders, r => r.WorkOrderId, w => w.Id, (r, w) => w.Number)
                    .Where(n => n == first || n == second).ToListAsync(ct)); // the demo's past weeks have reports of their own

            Assert.Equal([second!], stored);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-app-attention.png"), FullPage = true });
            throw;
        }
    }

    [Fact]
    public async Task A_sync_after_the_access_token_expired_refreshes_the_token_and_brings_the_office_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite, realClock: false);
        using var _ = app;
        var companyId = await app.InCompany(Guid.Empty, (db, _) => db.Companies.Select(c => c.Id).SingleAsync(ct));
        await using var browser = await FieldBrowser.StartAsync(url);
        var page = browser.Page;

        try
        {
            await SignInAsync(page, await OpenWorkOrderCountAsync(app, companyId));
            var number = await page.Locator("[data-testid=work-order]").First.GetAttributeAsync("data-number");
            var signedIn = await DeviceSessionAsync(page);

            // Two hours on: the access token (one hour) is dead, the refresh token (two weeks) is not.
            app.Clock.Advance(TimeSpan.FromHours(2));
            await app.InCompany(companyId, async (db, _) =>
            {
                var order = await db.WorkOrders.SingleAsync(w => w.Number == number, ct);
                order.Description = "Lek aan de circulatiepomp nakijken";
                return await db.SaveChangesAsync(ct);
            });
            await page.Locator("[data-testid=refresh]").ClickAsync();

            await Assertions.Expect(page.Locator($"[data-testid=work-order][data-number='{number}']")).ToContainTextAsync("Lek aan de circulatiepomp nakijken", new() { Timeout = Boot });
            var refreshed = await DeviceSessionAsync(page);
            Assert.NotEqual(signedIn.GetProperty("accessToken").GetString(), refreshed.GetProperty("accessToken").GetString());
            Assert.NotEqual(signedIn.GetProperty("refreshToken").GetString(), refreshed.GetProperty("refreshToken").GetString());
            Assert.False(refreshed.GetProperty("needsSignIn").GetBoolean());
            await Assertions.Expect(page.Locator("[data-testid=sign-in-again]")).ToHaveCountAsync(0);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "field-app-refresh.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>The tokens as the device keeps them in IndexedDB.</summary>
    private static async Task<JsonElement> DeviceSessionAsync(IPage page) =>
        JsonSerializer.Deserialize<JsonElement>(await page.EvaluateAsync<string>("() => werkbon.db.get('meta', 'session')"));

    private sealed record WorkOrderList(List<string> Cards, List<string> Headings);

    /// <summary>
    /// Opens the installed app and reads the work-order list twice: as the shell draws it from the device
    /// before .NET runs, and as the started app draws it. Prints when each was there, counted from the
    /// navigation's start. With <paramref name="tap"/> the shell's card of that work order is tapped at once.
    /// </summary>
    private static async Task<(WorkOrderList Shell, WorkOrderList App)> ColdStartAsync(IPage page, int start, string? tap)
    {
        // Read (and tap) in one go: the app may take over any moment.
        const string read =
            """
            (root, tap) => (tap && root.querySelector(`a.card.order[data-number='${tap}']`).click(), {
              cards: [...root.querySelectorAll('a.card.order')].map(c =>
                c.dataset.number + ' ' + [...c.querySelectorAll('.order-time, .order-main > *, .badge')].map(e => e.textContent.trim()).join(' | ')),
              headings: [...root.querySelectorAll('h1 small, h2')].map(h => h.textContent.trim()),
            })
            """;
        // Finding the shell and tapping it happen in the same task of the page, as a finger's tap does: the
        // app cannot take over in between (a card of a shell already gone can be clicked by a script, but it
        // opens nothing).
        const string readShell =
            $$"""
            tap => {
              const root = document.getElementById('shell');
              return root && root.querySelector('[data-testid=shell-work-order]') ? ({{read}})(root, tap) : null;
            }
            """;
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/field/", new() { WaitUntil = WaitUntilState.Commit });
        var shell = page.Locator("[data-testid=shell]");
        var early = List(await (await page.WaitForFunctionAsync(readShell, tap, new() { Timeout = Boot })).JsonValueAsync<JsonElement>());
        var shellSeen = clock.ElapsedMilliseconds;
        if (tap is not null)
        {
            await Assertions.Expect(page.Locator("[data-testid=order-title]")).ToContainTextAsync(tap, new() { Timeout = Boot });
        }
        else
        {
            await page.Locator("[data-testid=work-order]").First.WaitForAsync(new() { Timeout = Boot });
        }

        var appSeen = clock.ElapsedMilliseconds;
        await Assertions.Expect(shell).ToHaveCountAsync(0);
        // The browser's own record, from the navigation's start: when the shell's first card was painted
        // (Element Timing), when the shell had drawn the list, when the app had drawn its own.
        var marks = await page.EvaluateAsync<double[]>(
            """
            async () => {
              const painted = await new Promise(resolve => {
                new PerformanceObserver(list => resolve(list.getEntries()[0]?.renderTime ?? -1)).observe({ type: 'element', buffered: true });
                setTimeout(() => resolve(-1), 1000);
              });
              const page = performance.getEntriesByType('navigation')[0];
              return [painted, ...['werkbon-shell-list', 'werkbon-app-ready', 'werkbon-shell-start'].map(n => performance.getEntriesByName(n)[0]?.startTime ?? -1), page.responseEnd];
            }
            """);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Cold start {start} of the installed app offline: the shell's work-order list drawn at {marks[1]:F0} ms and painted at {marks[0]:F0} ms, "
            + $"the app interactive at {marks[2]:F0} ms after navigation start (page received at {marks[4]:F0} ms, shell script ran at {marks[3]:F0} ms; seen by the test at {shellSeen} / {appSeen} ms)");
        if (tap is not null)
        {
            await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Pending");
            await page.Locator("a.brand").ClickAsync();
            await page.Locator("[data-testid=work-order]").First.WaitForAsync();
        }

        var full = List(await page.Locator("#app main").EvaluateAsync<JsonElement>(read, null));
        return (early, full);
    }

    private static WorkOrderList List(JsonElement list) => new(
        [.. list.GetProperty("cards").EnumerateArray().Select(c => c.GetString()!)],
        [.. list.GetProperty("headings").EnumerateArray().Select(h => h.GetString()!)]);

    private static async Task SignInAsync(IPage page, int workOrders)
    {
        await page.GotoAsync("/field/");
        await page.Locator("[data-testid=email]").WaitForAsync(new() { Timeout = Boot });
        await page.Locator("[data-testid=email]").FillAsync(DemoLogins.Technician);
        await page.Locator("[data-testid=password]").FillAsync(DemoLogins.Password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=work-order]")).ToHaveCountAsync(workOrders, new() { Timeout = Boot });
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
    }

    /// <summary>A short visit: a little work, what was done, the customer's signature.</summary>
    private static async Task SignQuicklyAsync(IPage page, string number, string workDone)
    {
        await page.Locator("a.brand").ClickAsync();
        await page.Locator($"[data-testid=work-order][data-number='{number}']").ClickAsync();
        await page.Locator("[data-testid=open-report]").ClickAsync();
        await page.Locator("[data-testid=start-work]").ClickAsync();
        await page.WaitForTimeoutAsync(1100);
        await page.Locator("[data-testid=finish]").ClickAsync();
        await page.Locator("[data-testid=work-done]").FillAsync(workDone);
        await page.Locator("[data-testid=to-summary]").ClickAsync();
        await DrawSignatureAsync(page);
        await page.Locator("[data-testid=signer-name]").FillAsync("Klant " + number);
        await page.Locator("[data-testid=sign]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=outbox-state]")).ToHaveAttributeAsync("data-state", "Pending");
    }

    /// <summary>The demo technician's open work orders, all within the app's window (yesterday to two weeks ahead).</summary>
    private static Task<int> OpenWorkOrderCountAsync(WerkbonApp app, Guid companyId) =>
        app.InCompany(companyId, async (db, _) =>
        {
            var ct = TestContext.Current.CancellationToken;
            var jan = await db.Users.Where(u => u.Email == DemoLogins.Technician).Select(u => u.Id).SingleAsync(ct);
            return await db.WorkOrders.AsNoTracking()
                .Where(w => w.Technicians.Any(t => t.UserId == jan) && (w.Status == WorkOrderStatus.Planned || w.Status == WorkOrderStatus.InProgress))
                .CountAsync(ct);
        });

    /// <summary>No network for the app: the API refused at the route level (the service worker's own fetches are not stopped by emulated offline), the rest offline.</summary>
    internal static async Task GoOfflineAsync(IBrowserContext context)
    {
        await context.RouteAsync("**/api/**", route => route.AbortAsync("internetdisconnected"));
        await context.RouteAsync("**/login", route => route.AbortAsync("internetdisconnected"));
        await context.RouteAsync("**/refresh", route => route.AbortAsync("internetdisconnected"));
        await context.SetOfflineAsync(true);
    }

    private static async Task GoOnlineAsync(IBrowserContext context)
    {
        await context.UnrouteAllAsync();
        await context.SetOfflineAsync(false);
    }

    /// <summary>A real image made by the browser's own encoder, for the file input.</summary>
    private static async Task<byte[]> ImageAsync(IPage page, string type, int width, int height, string color)
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            async ([type, width, height, color]) => {
              const canvas = document.createElement('canvas');
              canvas.width = width; canvas.height = height;
              const context = canvas.getContext('2d');
              context.fillStyle = color; context.fillRect(0, 0, width, height);
              context.fillStyle = '#fff'; context.font = '80px sans-serif'; context.fillText('werkbon', 40, 120);
              const blob = await new Promise(resolve => canvas.toBlob(resolve, type, 0.9));
              const bytes = new Uint8Array(await blob.arrayBuffer());
              let text = '';
              for (const b of bytes) text += String.fromCharCode(b);
              return btoa(text);
            }
            """,
            new object[] { type, width, height, color });
        return Convert.FromBase64String(base64);
    }

    private static async Task DrawSignatureAsync(IPage page)
    {
        var pad = page.Locator("[data-testid=signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync() ?? throw new InvalidOperationException("no signature pad");
        await page.Mouse.MoveAsync(box.X + 30, box.Y + (box.Height * 0.7f));
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 20; i++)
        {
            var x = box.X + 30 + (i * (box.Width - 60) / 20);
            var y = box.Y + (box.Height * 0.5f) + (float)(Math.Sin(i / 2.0) * box.Height * 0.25);
            await page.Mouse.MoveAsync(x, y, new() { Steps = 2 });
        }

        await page.Mouse.UpAsync();
    }

    private sealed record DeviceReport(Guid ReportId, string Hash, List<string> Files);

    /// <summary>The signed report as the device's outbox holds it in IndexedDB.</summary>
    private static async Task<DeviceReport> DeviceOutboxAsync(IPage page)
    {
        var items = await page.EvaluateAsync<string[]>("() => werkbon.db.getAll('outbox')");
        using var item = JsonDocument.Parse(Assert.Single(items));
        var body = JsonSerializer.Deserialize<JsonElement>(item.RootElement.GetProperty("body").GetString()!);
        var document = body.GetProperty("document");
        var files = document.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("sha256").GetString()!).ToList();
        files.Add(document.GetProperty("signature").GetProperty("imageSha256").GetString()!);
        return new(item.RootElement.GetProperty("reportId").GetGuid(), item.RootElement.GetProperty("hash").GetString()!, files);
    }

    private static async Task<byte[]> DeviceFileAsync(IPage page, string hash) =>
        Convert.FromBase64String(await page.EvaluateAsync<string>(
            """
            async (hash) => {
              const bytes = await werkbon.files.get(hash);
              let text = '';
              for (const b of bytes) text += String.fromCharCode(b);
              return btoa(text);
            }
            """,
            hash));

    /// <summary>Chromium as a technician's phone: Brussels time, Dutch, a 390×844 screen, the service worker allowed.</summary>
    internal sealed class FieldBrowser : IAsyncDisposable
    {
        private readonly IPlaywright playwright;
        private readonly IBrowser browser;

        private FieldBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
        {
            this.playwright = playwright;
            this.browser = browser;
            Context = context;
            Page = page;
        }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public static async Task<FieldBrowser> StartAsync(string baseAddress)
        {
            if (!File.Exists(BrowserSession.ChromiumPath))
            {
                Prerequisite.Missing($"Chromium is not installed at {BrowserSession.ChromiumPath}: apt-get install chromium");
            }

            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = BrowserSession.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new()
            {
                BaseURL = baseAddress,
                Locale = "nl-BE",
                TimezoneId = "Europe/Brussels",
                ViewportSize = new() { Width = PhoneWidth, Height = PhoneHeight },
                DeviceScaleFactor = 3,
                IsMobile = true,
                HasTouch = true,
                ServiceWorkers = ServiceWorkerPolicy.Allow,
            });
            context.SetDefaultTimeout(30_000);
            // The app's own errors, for whoever reads a failed run.
            context.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"[browser {message.Type}] {message.Text}");
                }
            };
            var page = await context.NewPageAsync();
            return new FieldBrowser(playwright, browser, context, page);
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
