using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Portal;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's headline: a clean report pushed with straight-through issuing is issued and mailed, and
/// <c>/api/dashboard</c> shows signature → delivered from the stored moments, this week and then last week.
/// A dispute the customer opened in the portal is on the office's to-do list until it is resolved.
/// </summary>
public class DeliveryHeadlineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_straight_through_report_delivered_by_mail_shows_its_signature_to_delivered_time_on_the_dashboard(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        // Signed at 09:40 in Brussels (08:40 UTC); the device pushes five seconds later.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 40, 5, TimeSpan.Zero));
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        await IssueStraightThroughAsync(company);
        var data = await MasterData.CreateAsync(company, "Alpha");
        await SetCustomerEmailAsync(app, company, data.CustomerId);
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(41), articleCode: data.ArticleCode, withFreeTextExtra: false);

        var pushed = await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        var invoiceId = (await IssuedAsync(app, company)).Id;
        var deliveredAt = await DeliveredAtAsync(app, company, invoiceId);
        var signedAt = await app.InCompany(company.Id, (db, _) => db.Reports.AsNoTracking().Select(r => r.SignedAt).SingleAsync(Ct));
        var expected = (deliveredAt - signedAt).TotalSeconds;

        var office = await company.OfficeAsync();
        var delivery = (await office.GetJsonAsync("/api/dashboard")).GetProperty("delivery");
        var thisWeek = delivery.GetProperty("thisWeek");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"signature → delivered on the test clock: stored {expected} s, dashboard median {thisWeek.GetProperty("medianSeconds")} s, " +
            $"P90 {thisWeek.GetProperty("percentile90Seconds")} s, within {delivery.GetProperty("targetSeconds")} s: {thisWeek.GetProperty("straightThroughWithinTargetPercent")} %");

        Assert.Equal(5, expected);
        Assert.Equal(60, delivery.GetProperty("targetSeconds").GetInt32());
        Assert.Equal(1, thisWeek.GetProperty("delivered").GetInt32());
        Assert.Equal(expected, thisWeek.GetProperty("medianSeconds").GetDouble());
        Assert.Equal(expected, thisWeek.GetProperty("percentile90Seconds").GetDouble());
        Assert.Equal(1, thisWeek.GetProperty("straightThroughDelivered").GetInt32());
        Assert.Equal(1, thisWeek.GetProperty("straightThroughWithinTarget").GetInt32());
        Assert.Equal(100m, thisWeek.GetProperty("straightThroughWithinTargetPercent").GetDecimal());
        Assert.Equal(0, delivery.GetProperty("lastWeek").GetProperty("delivered").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastWeek").GetProperty("medianSeconds").ValueKind);

        // A week later the same delivery counts as last week's, and this week has none yet.
        app.Clock.Advance(TimeSpan.FromDays(7));
        var later = (await (await company.OfficeAsync()).GetJsonAsync("/api/dashboard")).GetProperty("delivery");
        Assert.Equal(0, later.GetProperty("thisWeek").GetProperty("delivered").GetInt32());
        Assert.Equal(JsonValueKind.Null, later.GetProperty("thisWeek").GetProperty("straightThroughWithinTargetPercent").ValueKind);
        Assert.Equal(1, later.GetProperty("lastWeek").GetProperty("delivered").GetInt32());
        Assert.Equal(expected, later.GetProperty("lastWeek").GetProperty("medianSeconds").GetDouble());

        // Another company sees none of it.
        var other = await app.CreateCompanyAsync("Beta");
        var theirs = (await (await other.OfficeAsync()).GetJsonAsync("/api/dashboard")).GetProperty("delivery");
        Assert.Equal(0, theirs.GetProperty("lastWeek").GetProperty("delivered").GetInt32());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_open_customer_dispute_is_on_the_to_do_list_with_a_link_to_the_invoice_until_it_is_resolved(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 43, 0, TimeSpan.Zero));
        var company = await app.CreateCompanyAsync("Alpha");
        await IssueStraightThroughAsync(company);
        var data = await MasterData.CreateAsync(company, "Alpha");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(42), articleCode: data.ArticleCode, withFreeTextExtra: false);
        Assert.Equal(HttpStatusCode.OK, (await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash)).StatusCode);
        var invoice = await IssuedAsync(app, company);
        var office = await company.OfficeAsync();
        Assert.DoesNotContain((await office.GetJsonAsync("/api/todo")).EnumerateArray(), i => i.GetProperty("kind").GetString() == "OpenDisputes");

        var disputeId = await app.InCompany(company.Id, async (db, _) =>
        {
            var dispute = new InvoiceDispute(invoice.Id, invoice.CustomerId, 0, "Ketel nagekeken", "Dit werk was onder garantie.", app.Clock.GetUtcNow().UtcDateTime, Guid.NewGuid());
            db.Add(dispute);
            await db.SaveChangesAsync(Ct);
            return dispute.Id;
        });

        var item = Assert.Single((await office.GetJsonAsync("/api/todo")).EnumerateArray(), i => i.GetProperty("kind").GetString() == "OpenDisputes");
        Assert.Equal(1, item.GetProperty("count").GetInt32());
        Assert.Equal($"/invoices/{invoice.Id}", item.GetProperty("link").GetString());
        Assert.Equal(invoice.Number, item.GetProperty("invoiceNumber").GetString());
        Assert.Equal("Dit werk was onder garantie.", item.GetProperty("lastReason").GetString());
        var theirs = await (await (await app.CreateCompanyAsync("Beta")).OfficeAsync()).GetJsonAsync("/api/todo");
        Assert.DoesNotContain(theirs.EnumerateArray(), i => i.GetProperty("kind").GetString() == "OpenDisputes");

        Assert.True(await app.InCompany(company.Id, (db, _) => InvoiceDisputes.ResolveAsync(db, disputeId, company.Office.Id, app.Clock, Ct)));
        Assert.DoesNotContain((await office.GetJsonAsync("/api/todo")).EnumerateArray(), i => i.GetProperty("kind").GetString() == "OpenDisputes");
    }

    private static async Task UseSmtpAsync(TestCompany company, LoopbackSmtp smtp)
    {
        var (saved, _) = await (await company.AdminAsync()).PutJsonAsync("/api/mail/settings", smtp.Settings());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task IssueStraightThroughAsync(TestCompany company)
    {
        var admin = await company.AdminAsync();
        var current = await admin.GetJsonAsync("/api/straight-through-rules");
        var rules = new { enabled = true, requireContract = true, extrasThreshold = 0m, maxTotal = 1000m, maxSurchargedMinutes = 0, issueAutomatically = true, issueLimit = 500m };
        var (saved, _) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules, version = current.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await admin.GetJsonAsync("/api/invoices/settings");
        var (changed, _) = await admin.PutJsonAsync("/api/invoices/settings", new
        {
            grouping = "PerReport",
            invoiceFormat = settings.GetProperty("invoiceFormat").GetString(),
            creditNoteFormat = settings.GetProperty("creditNoteFormat").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    private static Task<int> SetCustomerEmailAsync(WerkbonApp app, TestCompany company, Guid customerId) =>
        app.InCompany(company.Id, async (db, _) =>
        {
            var customer = await db.Customers.FirstAsync(c => c.Id == customerId, Ct);
            customer.Email = "boekhouding@klant.test";
            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>Waits (up to a generous bound) for straight-through issuing to issue the report's invoice.</summary>
    private static async Task<Invoice> IssuedAsync(WerkbonApp app, TestCompany company)
    {
        for (var i = 0; i < 300; i++)
        {
            var issued = await app.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Status == InvoiceStatus.Issued, Ct));
            if (issued is not null)
            {
                return issued;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The invoice was not issued.");
        return null!;
    }

    /// <summary>Waits (up to a generous bound) for the mail server to accept the invoice.</summary>
    private static async Task<DateTime> DeliveredAtAsync(WerkbonApp app, TestCompany company, Guid invoiceId)
    {
        for (var i = 0; i < 300; i++)
        {
            var at = await app.InCompany(company.Id, (db, _) => db.Set<InvoiceDelivery>().AsNoTracking()
                .Where(d => d.InvoiceId == invoiceId && d.DeliveredAt != null).Select(d => d.DeliveredAt).FirstOrDefaultAsync(Ct));
            if (at is { } delivered)
            {
                return delivered;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The invoice was not delivered.");
        return default;
    }
}
