using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>The customer overview's timeline shows the customer's issued invoices and credit notes, each linking to its page.</summary>
public class InvoiceTimelineTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_customer_timeline_lists_issued_invoices_and_credit_notes_but_not_drafts(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Timeline");
        var customer = await Invoices.CustomerAsync(company);
        var other = await Invoices.CustomerAsync(company, "Slagerij Janssens");
        var drafts = await Invoices.DraftsAsync(company, customer, 2);
        var otherDraft = Assert.Single(await Invoices.DraftsAsync(company, other, 1));
        var office = await company.OfficeAsync();
        var (issued, invoice) = await office.PostJsonAsync($"/api/invoices/{drafts[0]}/issue", new { });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        (await office.PostJsonAsync($"/api/invoices/{otherDraft}/issue", new { })).Response.EnsureSuccessStatusCode();
        var (credited, note) = await office.PostJsonAsync($"/api/invoices/{drafts[0]}/credit-notes", new { reason = "Dubbel gefactureerd" });
        Assert.Equal(HttpStatusCode.Created, credited.StatusCode);

        var overview = await office.GetJsonAsync($"/api/customers/{customer}/overview");
        var searched = await office.GetJsonAsync($"/api/customers/{customer}/overview?search={Uri.EscapeDataString(invoice.GetProperty("number").GetString()!)}");

        var entries = overview.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Invoice").ToList();
        Assert.Equal([note.GetProperty("id").GetGuid(), drafts[0]], entries.Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal([note.GetProperty("number").GetString(), invoice.GetProperty("number").GetString()], entries.Select(e => e.GetProperty("title").GetString()));
        Assert.Equal(["InvoiceKind.CreditNote", "InvoiceKind.Invoice"], entries.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal([$"/invoices/{note.GetProperty("id").GetGuid()}", $"/invoices/{drafts[0]}"], entries.Select(e => e.GetProperty("link").GetString()));
        Assert.Equal(121m, entries[1].GetProperty("amount").GetDecimal());
        Assert.Contains(invoice.GetProperty("number").GetString()!, entries[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, searched.GetProperty("timeline").GetArrayLength());
    }
}
