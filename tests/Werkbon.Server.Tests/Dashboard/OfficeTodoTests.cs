using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Dashboard;

/// <summary>
/// The office's to-do list (<c>GET /api/todo</c>) follows the work: a report kept back for review and why,
/// a draft to issue, an invoice past its due date, a device whose report the server refused; each with the
/// link where it is done. A work order names its report and invoice.
/// </summary>
public class OfficeTodoTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_to_do_list_follows_a_report_from_review_to_overdue_and_names_a_device_whose_push_was_refused(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty((await office.GetJsonAsync("/api/todo")).EnumerateArray());

        // A signed report with a free-text item waits for review; another one arrives damaged and is refused.
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(3), articleCode: data.ArticleCode);
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        var damaged = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(4), articleCode: data.ArticleCode);
        var refused = await technician.PushAsync(damaged.Document, new string('0', 64));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var todo = await TodoAsync(office);
        var review = todo["ReportsToReview"].Single();
        Assert.Equal(1, review.GetProperty("count").GetInt32());
        Assert.Equal("/inbox", review.GetProperty("link").GetString());
        Assert.Contains(review.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "FreeTextItem" && r.GetProperty("count").GetInt32() == 1);
        var failed = todo["FailedSyncs"].Single();
        Assert.Equal(company.Technician.Id, failed.GetProperty("technicianId").GetGuid());
        Assert.Equal(company.Technician.DisplayName, failed.GetProperty("technicianName").GetString());
        Assert.Equal(1, failed.GetProperty("count").GetInt32());
        Assert.Equal(422, failed.GetProperty("lastStatus").GetInt32());
        Assert.Equal($"/work-orders/{data.WorkOrderId}", failed.GetProperty("link").GetString());
        Assert.False(todo.ContainsKey("DraftsToIssue"));

        // Approved: the report is on a draft, which waits to be issued.
        (await office.PostAsync($"/api/reports/{signed.Document.ReportId}/approve", null, ct)).EnsureSuccessStatusCode();
        todo = await TodoAsync(office);
        Assert.False(todo.ContainsKey("ReportsToReview"));
        var drafts = todo["DraftsToIssue"].Single();
        Assert.Equal(1, drafts.GetProperty("count").GetInt32());
        Assert.Equal("/invoices?status=Draft", drafts.GetProperty("link").GetString());

        // The work order links to its report and to the draft it is on.
        var paperwork = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}/paperwork");
        Assert.Equal(signed.Document.ReportId, paperwork.GetProperty("reports").EnumerateArray().Single().GetProperty("id").GetGuid());
        var draftId = paperwork.GetProperty("invoices").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/work-orders/{Guid.NewGuid()}/paperwork", ct)).StatusCode);

        // Issued, then its due date passes (30 days): it is overdue. The refusal, 14 days and more ago, has left the list.
        var (issue, issued) = await office.PostJsonAsync($"/api/invoices/{draftId}/issue", new { });
        Assert.True(issue.IsSuccessStatusCode, issued.ToString());
        app.Clock.Advance(TimeSpan.FromDays(31));
        office = await company.OfficeAsync(); // a month later the office signs in again
        todo = await TodoAsync(office);
        Assert.Equal(["OverdueInvoices"], todo.Keys);
        var overdue = todo["OverdueInvoices"].Single();
        Assert.Equal(1, overdue.GetProperty("count").GetInt32());
        Assert.Equal(issued.GetProperty("total").GetDecimal(), overdue.GetProperty("amount").GetDecimal());
        Assert.Equal("/invoices?overdue=true", overdue.GetProperty("link").GetString());
        paperwork = await office.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}/paperwork");
        Assert.Equal(issued.GetProperty("number").GetString(), paperwork.GetProperty("invoices").EnumerateArray().Single().GetProperty("number").GetString());

        // Paid in part, the rest is still overdue; paid in full, it leaves the list and its report is paid.
        var total = issued.GetProperty("total").GetDecimal();
        var on = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (part, partBody) = await office.PostJsonAsync($"/api/invoices/{draftId}/payments", new { amount = 10.00m, on, note = "" });
        Assert.True(part.StatusCode == HttpStatusCode.Created, partBody.ToString());
        todo = await TodoAsync(office);
        Assert.Equal(total - 10.00m, todo["OverdueInvoices"].Single().GetProperty("amount").GetDecimal());
        Assert.Single((await office.GetJsonAsync("/api/invoices?overdue=true")).GetProperty("items").EnumerateArray());
        Assert.Null(await app.InCompany(company.Id, (db, _) => db.Reports.Where(r => r.Id == signed.Document.ReportId).Select(r => r.PaidAt).SingleAsync(ct)));
        var (rest, restBody) = await office.PostJsonAsync($"/api/invoices/{draftId}/payments", new { amount = total - 10.00m, on, note = "" });
        Assert.True(rest.StatusCode == HttpStatusCode.Created, restBody.ToString());
        todo = await TodoAsync(office);
        Assert.False(todo.ContainsKey("OverdueInvoices"));
        Assert.Empty((await office.GetJsonAsync("/api/invoices?overdue=true")).GetProperty("items").EnumerateArray());
        Assert.NotNull(await app.InCompany(company.Id, (db, _) => db.Reports.Where(r => r.Id == signed.Document.ReportId).Select(r => r.PaidAt).SingleAsync(ct)));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refused_push_leaves_the_list_when_its_report_arrives_and_stays_for_another_company_never(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        var data = await MasterData.CreateAsync(alpha, "Alpha");
        var technician = await alpha.TechnicianAsync();

        // Refused first (a report of another work order's id mismatch: not assigned), then delivered whole.
        var signed = SignedReports.Create(data.WorkOrderId, alpha.Technician.Id, new Random(5), articleCode: data.ArticleCode);
        var conflicting = signed.Document with { TechnicianId = Guid.NewGuid() };
        var refused = await technician.PushAsync(conflicting, Werkbon.Core.Reports.ReportHash.Compute(conflicting));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single((await TodoAsync(await alpha.OfficeAsync()))["FailedSyncs"]);
        Assert.Empty((await (await bravo.OfficeAsync()).GetJsonAsync("/api/todo")).EnumerateArray());

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        Assert.False((await TodoAsync(await alpha.OfficeAsync())).ContainsKey("FailedSyncs"));
    }

    private static async Task<Dictionary<string, List<JsonElement>>> TodoAsync(HttpClient office) =>
        (await office.GetJsonAsync("/api/todo")).EnumerateArray()
            .GroupBy(i => i.GetProperty("kind").GetString()!)
            .ToDictionary(g => g.Key, g => g.ToList());
}
