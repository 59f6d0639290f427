using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Tests.Banking;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Payments;

/// <summary>
/// The cash cycle end to end: invoices issued through the API over several weeks, paid through a CAMT.053 and a CODA
/// statement by their structured communications (in full, in part, over, and once with a typo in the check digits),
/// imported through the API; then every invoice's standing and the dashboard's cash figures, as the days go by.
/// </summary>
public class RoundTripTests
{
    private const string PeetersAccount = "BE68539007547034";

    private sealed record Issued(Guid Id, string Number, decimal Total, string Ogm);

    private static DateTimeOffset Morning(int month, int day) => new(2026, month, day, 8, 0, 0, TimeSpan.Zero);

    private static async Task<Issued> IssueAsync(HttpClient office, Guid draft)
    {
        var response = await office.PostAsync($"/api/invoices/{draft}/issue", null, TestContext.Current.CancellationToken);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return new Issued(draft, body.GetProperty("number").GetString()!, body.GetProperty("total").GetDecimal(),
            StructuredCommunication.Parse(body.GetProperty("structuredCommunication").GetString()!).Digits);
    }

    private static async Task<JsonElement> ImportAsync(HttpClient office, string file, string name)
    {
        using var content = new ByteArrayContent(StatementFiles.Bytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await office.PostAsync($"/api/bank-statements?fileName={name}", content, TestContext.Current.CancellationToken);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("statements")[0];
    }

    private static string Typo(string ogm) => ogm[..10] + ((ogm[10] - '0' + 1) % 10) + ogm[11..];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Invoices_paid_through_camt_and_coda_statements_settle_and_the_dashboard_shows_lead_time_dso_and_overdue_ages(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Kasstroom");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, TestContext.Current.CancellationToken);
            row.Iban = "BE71 0961 2345 6769";
            row.Bic = "GKCCBEBB";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var peeters = await Invoices.CustomerAsync(company);
        var janssens = await Invoices.CustomerAsync(company, "Janssens Logistiek");

        // Tuesday 10 March: four invoices to Peeters, due 9 April (30 days).
        app.Clock.SetUtcNow(Morning(3, 10));
        var office = await company.OfficeAsync();
        var first = await Invoices.DraftsAsync(company, peeters, 4);
        var (a, b, c, d) = (await IssueAsync(office, first[0]), await IssueAsync(office, first[1]), await IssueAsync(office, first[2]), await IssueAsync(office, first[3]));
        Assert.Equal([121.00m, 163.40m, 121.00m, 163.40m], new[] { a.Total, b.Total, c.Total, d.Total });

        // 20 March, CAMT.053: A in full, B in part, D paid too much; all by their OGMs.
        app.Clock.SetUtcNow(Morning(3, 20));
        office = await company.OfficeAsync();
        var camt = await ImportAsync(office, StatementFiles.Camt053(
        [
            new Transfer(121.00m, Structured: a.Ogm, Name: "Bakkerij Peeters", Iban: PeetersAccount),
            new Transfer(100.00m, Structured: b.Ogm, Name: "Bakkerij Peeters", Iban: PeetersAccount),
            new Transfer(200.00m, Structured: d.Ogm, Name: "Bakkerij Peeters", Iban: PeetersAccount),
        ], day: new DateOnly(2026, 3, 20), version: 8), "march20.xml");
        Assert.Equal(3, camt.GetProperty("matched").GetInt32());

        // 30 March: E to Peeters and F to Janssens, due 29 April.
        app.Clock.SetUtcNow(Morning(3, 30));
        office = await company.OfficeAsync();
        var e = await IssueAsync(office, (await Invoices.DraftsAsync(company, peeters, 2))[1]);
        var f = await IssueAsync(office, (await Invoices.DraftsAsync(company, janssens, 1))[0]);
        Assert.Equal((163.40m, 121.00m), (e.Total, f.Total));

        // 15 April, CODA: E in full by its OGM; C with a typo in the OGM's check digits — no exact match, but
        // Peeters' account and C's amount make it a proposal (F, Janssens', owes the same amount but is not the payer's).
        app.Clock.SetUtcNow(Morning(4, 15));
        office = await company.OfficeAsync();
        Assert.False(StructuredCommunication.TryParse(Typo(c.Ogm), out _));
        var coda = await ImportAsync(office, StatementFiles.Coda(
        [
            new Transfer(163.40m, Structured: e.Ogm, Name: "BAKKERIJ PEETERS", Iban: PeetersAccount),
            new Transfer(121.00m, Structured: Typo(c.Ogm), Name: "BAKKERIJ PEETERS", Iban: PeetersAccount),
        ], opening: 1421.00m, day: new DateOnly(2026, 4, 15), sequence: 7), "april15.cod");
        Assert.Equal((1, 1), (coda.GetProperty("matched").GetInt32(), coda.GetProperty("proposed").GetInt32()));
        Assert.Equal("Unpaid", await StateAsync(office, c.Id));
        var proposal = (await office.GetJsonAsync("/api/bank-lines")).EnumerateArray().Single();
        Assert.Equal(c.Id, proposal.GetProperty("proposedInvoiceId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/bank-lines/{proposal.GetProperty("id").GetGuid()}/confirm", null, TestContext.Current.CancellationToken)).StatusCode);

        // Every invoice's standing.
        Assert.Equal("Paid", await StateAsync(office, a.Id));
        Assert.Equal("PartlyPaid", await StateAsync(office, b.Id));
        Assert.Equal(63.40m, (await office.GetJsonAsync($"/api/invoices/{b.Id}/payments")).GetProperty("outstanding").GetDecimal());
        Assert.Equal("Paid", await StateAsync(office, c.Id));
        Assert.Equal("Overpaid", await StateAsync(office, d.Id));
        Assert.Equal(-36.60m, (await office.GetJsonAsync($"/api/invoices/{d.Id}/payments")).GetProperty("outstanding").GetDecimal());
        Assert.Equal("Paid", await StateAsync(office, e.Id));
        Assert.Equal("Unpaid", await StateAsync(office, f.Id));

        // 20 May. Issued → paid over the last 90 days: A 10, D 10, E 16 (30 March → 15 April), C 36 days:
        // median 13, 90th percentile 16 + 0.7 × (36 − 16) = 30.
        // DSO: still owed 63.40 (B) + 121.00 (F) = 184.40 over 853.20 invoiced since 20 February, × 90 = 19.45 → 19.5.
        // Overdue: B 41 days past due, F 21 days.
        app.Clock.SetUtcNow(Morning(5, 20));
        office = await company.OfficeAsync();
        var cash = (await office.GetJsonAsync("/api/dashboard")).GetProperty("cash");
        Assert.Equal("2026-05-20", cash.GetProperty("today").GetString());
        Assert.Equal(4, cash.GetProperty("paidCount").GetInt32());
        Assert.Equal(13d, cash.GetProperty("medianDaysToPay").GetDouble());
        Assert.Equal(30d, cash.GetProperty("percentile90DaysToPay").GetDouble());
        Assert.Equal(184.40m, cash.GetProperty("receivables").GetDecimal());
        Assert.Equal(853.20m, cash.GetProperty("creditSales").GetDecimal());
        Assert.Equal(19.5m, cash.GetProperty("daysSalesOutstanding").GetDecimal());
        Assert.Equal(["Days1To30 1 121.00", "Days31To60 1 63.40", "Days61To90 0 0.00", "Over90Days 0 0.00"], Buckets(cash));
        Assert.Equal(184.40m, cash.GetProperty("overdueTotal").GetDecimal());

        // Days late: Peeters A 0, B 41 (open), C 6, D 0, E 0 → 9.4 over 5, 2 late; Janssens F 21 (open).
        var payers = cash.GetProperty("slowestPayers").EnumerateArray().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("customerName").GetString()} {p.GetProperty("averageDaysLate").GetDouble()}")).ToList();
        Assert.Equal(["Janssens Logistiek 21", "Bakkerij Peeters 9.4"], payers);
        var behaviour = (await office.GetJsonAsync($"/api/customers/{peeters}/overview")).GetProperty("payment");
        Assert.Equal((5, 2, 9.4d), (behaviour.GetProperty("counted").GetInt32(), behaviour.GetProperty("late").GetInt32(), behaviour.GetProperty("averageDaysLate").GetDouble()));
        Assert.Equal((63.40m, 63.40m), (behaviour.GetProperty("open").GetDecimal(), behaviour.GetProperty("overdue").GetDecimal()));

        // 15 July: nothing paid or invoiced in the last 90 days (since 17 April); B is 97 days past due, F 77.
        app.Clock.SetUtcNow(Morning(7, 15));
        office = await company.OfficeAsync();
        cash = (await office.GetJsonAsync("/api/dashboard")).GetProperty("cash");
        Assert.Equal(0, cash.GetProperty("paidCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, cash.GetProperty("medianDaysToPay").ValueKind);
        Assert.Equal(JsonValueKind.Null, cash.GetProperty("daysSalesOutstanding").ValueKind);
        Assert.Equal(["Days1To30 0 0.00", "Days31To60 0 0.00", "Days61To90 1 121.00", "Over90Days 1 63.40"], Buckets(cash));
    }

    private static async Task<string> StateAsync(HttpClient office, Guid invoice) =>
        (await office.GetJsonAsync($"/api/invoices/{invoice}/payments")).GetProperty("state").GetString()!;

    private static string[] Buckets(JsonElement cash) =>
        [.. cash.GetProperty("overdue").EnumerateArray().Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.GetProperty("bucket").GetString()} {x.GetProperty("count").GetInt32()} {x.GetProperty("amount").GetDecimal():0.00}"))];
}
