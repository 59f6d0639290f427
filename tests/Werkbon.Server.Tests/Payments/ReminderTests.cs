using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Banking;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Payments;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Payments;

/// <summary>
/// Reminders with a fake clock: the company's schedule decides, day after day, which step is due for which invoice;
/// each step goes once, a payment stops them, an office hold pauses them; they show in the customer's timeline.
/// </summary>
public class ReminderTests
{
    private static DateTimeOffset Morning(int month, int day) => new(2026, month, day, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Each_step_goes_once_a_payment_stops_them_and_a_hold_pauses_them(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Herinneringen");
        var customer = await Invoices.CustomerAsync(company);

        // 10 March: three invoices due 9 April.
        app.Clock.SetUtcNow(Morning(3, 10));
        var office = await company.OfficeAsync();
        var ids = new List<Guid>();
        foreach (var draft in await Invoices.DraftsAsync(company, customer, 3))
        {
            Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/invoices/{draft}/issue", null, TestContext.Current.CancellationToken)).StatusCode);
            ids.Add(draft);
        }

        var (paid, held, plain) = (ids[0], ids[1], ids[2]);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/invoices/{held}/reminders/hold", null, TestContext.Current.CancellationToken)).StatusCode);

        // Every morning until the end of May, send what is due (as the mail outbox will) and keep what went out.
        var sent = new List<string>();
        for (var day = new DateOnly(2026, 3, 11); day <= new DateOnly(2026, 5, 31); day = day.AddDays(1))
        {
            app.Clock.SetUtcNow(Morning(day.Month, day.Day));
            if (day == new DateOnly(2026, 4, 20))
            {
                office = await company.OfficeAsync();
                var (response, _) = await office.PostJsonAsync($"/api/invoices/{paid}/payments", new { amount = 121.00m, on = "2026-04-20", note = "" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            if (day == new DateOnly(2026, 5, 10))
            {
                office = await company.OfficeAsync();
                var resumed = await office.PostAsync($"/api/invoices/{held}/reminders/resume", null, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            }

            var due = await app.InCompany(company.Id, async (db, _) =>
            {
                var list = await Reminders.DueAsync(db, day, TestContext.Current.CancellationToken);
                foreach (var reminder in list)
                {
                    await Reminders.RecordSentAsync(db, reminder.InvoiceId, reminder.Step, null, app.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
                }

                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                return list;
            });
            sent.AddRange(due.Select(r => $"{day:MM-dd} {Name(r.InvoiceId)} {r.Step}"));
            Assert.All(due.Where(r => r.Step == ReminderStep.Final), r =>
            {
                // 121.00 or 163.40 at 10.15 % for 35 days, and the fixed €40 of Belgian B2B law.
                Assert.Equal(r.Outstanding == 121.00m ? 1.18m : 1.59m, r.LegalInterest);
                Assert.Equal(40m, r.FixedCompensation);
            });
        }

        Assert.Equal(
        [
            "04-16 paid Friendly",
            "04-16 plain Friendly",
            "04-30 plain Firm",
            "05-10 held Firm",      // off hold at +31 days: the step reached, the friendly one skipped
            "05-14 held Final",
            "05-14 plain Final",
        ],
            sent);

        // The invoice page's view: held state, what went out, nothing due any more.
        office = await company.OfficeAsync();
        var state = await office.GetJsonAsync($"/api/invoices/{held}/reminders");
        Assert.False(state.GetProperty("held").GetBoolean());
        Assert.Equal(["Firm", "Final"], state.GetProperty("sent").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, state.GetProperty("dueToday").ValueKind);

        // Recording a step twice is refused.
        await Assert.ThrowsAsync<DomainException>(() => app.InCompany(company.Id, async (db, _) =>
        {
            await Reminders.RecordSentAsync(db, plain, ReminderStep.Final, null, app.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
            return 0;
        }));

        // The customer's timeline shows the six reminders.
        var timeline = (await office.GetJsonAsync($"/api/customers/{customer}/overview")).GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "Reminder").ToList();
        Assert.Equal(6, timeline.Count);
        Assert.Contains(timeline, t => t.GetProperty("status").GetString() == "ReminderStep.Final" && t.GetProperty("link").GetString() == $"/invoices/{held}");

        var audit = await app.InCompany(company.Id, (db, _) => db.AuditEvents.Where(a => a.EntityId == held).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains("reminders.held", audit);
        Assert.Contains("reminders.resumed", audit);

        string Name(Guid id) => id == paid ? "paid" : id == held ? "held" : "plain";
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_admin_sets_the_schedule_and_the_legal_rate_the_office_reads_them_and_bad_or_stale_input_changes_nothing(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Instellingen");
        var admin = await company.AdminAsync();
        var office = await company.OfficeAsync();

        var defaults = await office.GetJsonAsync("/api/reminders/settings");
        Assert.Equal((7, 21, 35), (defaults.GetProperty("friendlyAfterDays").GetInt32(), defaults.GetProperty("firmAfterDays").GetInt32(), defaults.GetProperty("finalAfterDays").GetInt32()));
        Assert.Equal(40m, defaults.GetProperty("fixedCompensation").GetDecimal());
        var version = defaults.GetProperty("version").GetInt32();

        var (forbidden, _) = await office.PutJsonAsync("/api/reminders/settings", new { friendlyAfterDays = 5, firmAfterDays = 15, finalAfterDays = 30, legalInterestRate = 10.15m, version });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var (bad, problem) = await admin.PutJsonAsync("/api/reminders/settings", new { friendlyAfterDays = 15, firmAfterDays = 10, finalAfterDays = 30, legalInterestRate = 10.15m, version });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("firmAfterDays", out _), problem.ToString());

        var (saved, body) = await admin.PutJsonAsync("/api/reminders/settings", new { friendlyAfterDays = 6, firmAfterDays = 16, finalAfterDays = 31, legalInterestRate = 10.15m, version });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, body.ToString());
        version = body.GetProperty("version").GetInt32();
        (saved, body) = await admin.PutJsonAsync("/api/reminders/settings", new { friendlyAfterDays = 5, firmAfterDays = 15, finalAfterDays = 30, legalInterestRate = 12.5m, version });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, body.ToString());
        var (stale, _) = await admin.PutJsonAsync("/api/reminders/settings", new { friendlyAfterDays = 6, firmAfterDays = 16, finalAfterDays = 31, legalInterestRate = 12.5m, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var read = await office.GetJsonAsync("/api/reminders/settings");
        Assert.Equal((5, 15, 30, 12.5m), (read.GetProperty("friendlyAfterDays").GetInt32(), read.GetProperty("firmAfterDays").GetInt32(),
            read.GetProperty("finalAfterDays").GetInt32(), read.GetProperty("legalInterestRate").GetDecimal()));
    }
}
