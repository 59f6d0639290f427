using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Portal;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Portal;

/// <summary>The customer portal over HTTP: one link opens one customer's invoices and reports, and nothing else.</summary>
public class PortalTests
{
    /// <summary>A company with two customers, each with a signed report (photos and signature uploaded) on an issued invoice.</summary>
    public sealed record Customers(
        WerkbonApp App, TestCompany Company, Served Mine, Served Theirs)
    {
        public Task<HttpClient> OfficeAsync() => Company.OfficeAsync();
    }

    public sealed record Served(MasterData Data, SignedReports.Signed Report, Guid InvoiceId, string InvoiceNumber)
    {
        public Guid ReportId => Report.Document.ReportId;

        public string PhotoHash => Report.Document.Photos[0].Sha256;

        public string SignatureHash => Report.Document.Signature.ImageSha256!;
    }

    public static async Task<Customers> SetUpAsync(WerkbonApp app)
    {
        var company = await app.CreateCompanyAsync("Portaal");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, TestContext.Current.CancellationToken);
            row.Iban = "BE68539007547034";
            row.Bic = "GKCCBEBB";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var mine = await ServeAsync(company, "Mine", 11, correct: true);
        var theirs = await ServeAsync(company, "Theirs", 12, correct: false);
        return new Customers(app, company, mine, theirs);
    }

    /// <summary>The office's correction on "Mine": one hose was used, not two (line 3 of the signed pricing).</summary>
    public const string CorrectionReason = "Eén slang gebruikt";

    private static async Task<Served> ServeAsync(TestCompany company, string prefix, int seed, bool correct)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await MasterData.CreateAsync(company, prefix);
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var report = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(seed), articleCode: data.ArticleCode);
        foreach (var (hash, bytes) in report.Files)
        {
            (await technician.UploadAsync(hash, bytes, hash == report.Document.Signature.ImageSha256 ? "image/png" : "image/jpeg")).EnsureSuccessStatusCode();
        }

        (await technician.PushAsync(report.Document, report.Hash)).EnsureSuccessStatusCode();
        if (correct)
        {
            var (corrected, revision) = await office.PostJsonAsync($"/api/reports/{report.Document.ReportId}/revisions", new
            {
                reason = CorrectionReason, corrections = new[] { new { kind = "SetQuantity", line = 3, quantity = 1 } },
            });
            Assert.True(corrected.StatusCode == HttpStatusCode.Created, revision.ToString());
        }

        var approve = await office.PostAsync($"/api/reports/{report.Document.ReportId}/approve", null, ct);
        Assert.True(approve.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict);
        var drafts = await office.GetJsonAsync($"/api/invoices?status=Draft&customerId={data.CustomerId}");
        var draft = drafts.GetProperty("items").EnumerateArray()
            .Single(d => d.GetProperty("customerId").GetGuid() == data.CustomerId).GetProperty("id").GetGuid();
        var (issued, invoice) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, invoice.ToString());
        return new Served(data, report, draft, invoice.GetProperty("number").GetString()!);
    }

    /// <summary>A new portal link for a customer, made by the office through the API; returns its path (<c>/portal/{token}</c>).</summary>
    public static async Task<string> LinkAsync(HttpClient office, Guid customerId)
    {
        var (response, body) = await office.PostJsonAsync($"/api/customers/{customerId}/portal-links", new { });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return new Uri(body.GetProperty("url").GetString()!).AbsolutePath;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    private static void AssertNotFoundPage((HttpStatusCode Status, string Html) answer, string what)
    {
        Assert.True(answer.Status == HttpStatusCode.NotFound, $"{what}: {(int)answer.Status}");
        Assert.Contains("data-testid=\"portal-not-found\"", answer.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_link_shows_its_customers_invoices_and_reports_and_no_other_customers_rows(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var setup = await SetUpAsync(app);
        var office = await setup.OfficeAsync();
        var link = await LinkAsync(office, setup.Mine.Data.CustomerId);
        var theirLink = await LinkAsync(office, setup.Theirs.Data.CustomerId);
        var customer = app.CreateClient();

        // The overview: this customer's invoice and report, nothing of the other customer; headers for a secret address.
        var overview = await customer.GetAsync(link, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await overview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains(setup.Mine.Data.CustomerName, html, StringComparison.Ordinal);
        Assert.Contains(setup.Mine.InvoiceNumber, html, StringComparison.Ordinal);
        Assert.Contains(setup.Mine.Data.WorkOrderNumber, html, StringComparison.Ordinal);
        Assert.Contains($"data-id=\"{setup.Mine.InvoiceId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-id=\"{setup.Mine.ReportId}\"", html, StringComparison.Ordinal);
        foreach (var mark in new[] { setup.Theirs.Data.CustomerName, setup.Theirs.InvoiceNumber, setup.Theirs.Data.WorkOrderNumber, setup.Theirs.InvoiceId.ToString(), setup.Theirs.ReportId.ToString() })
        {
            Assert.DoesNotContain(mark, html, StringComparison.Ordinal);
        }

        Assert.Equal("no-referrer", overview.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", overview.Headers.CacheControl?.ToString());
        Assert.Contains("noindex", overview.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", overview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("lang=\"nl\"", html, StringComparison.Ordinal);

        // The invoice: its lines, totals, payment details with the QR code, and its documents.
        var (status, invoice) = await GetAsync(customer, $"{link}/invoices/{setup.Mine.InvoiceId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Flexibele slang", invoice, StringComparison.Ordinal);
        Assert.Contains("BE68 5390 0754 7034", invoice, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+"), invoice);
        Assert.Contains("data-testid=\"portal-qr\"", invoice, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", invoice, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"portal-ubl\"", invoice, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"portal-correction\"", invoice, StringComparison.Ordinal);
        Assert.Contains(CorrectionReason, invoice, StringComparison.Ordinal);
        var pdf = await customer.GetAsync($"{link}/invoices/{setup.Mine.InvoiceId}/pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"{link}/invoices/{setup.Mine.InvoiceId}/ubl", TestContext.Current.CancellationToken)).StatusCode);

        // The report: time, materials, photos and signature served through the portal.
        var (reportStatus, report) = await GetAsync(customer, $"{link}/reports/{setup.Mine.ReportId}");
        Assert.Equal(HttpStatusCode.OK, reportStatus);
        Assert.Contains("Ketel nagekeken", report, StringComparison.Ordinal);
        Assert.Contains("Thermostaatkop", report, StringComparison.Ordinal);
        Assert.Contains("Els Janssens", report, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"portal-correction\"", report, StringComparison.Ordinal);
        Assert.Contains(CorrectionReason, report, StringComparison.Ordinal);
        Assert.Contains($"{link}/reports/{setup.Mine.ReportId}/files/{setup.Mine.PhotoHash}", report, StringComparison.Ordinal);
        var photo = await customer.GetAsync($"{link}/reports/{setup.Mine.ReportId}/files/{setup.Mine.PhotoHash}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(setup.Mine.Report.Files[setup.Mine.PhotoHash], await photo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var signature = await customer.GetAsync($"{link}/reports/{setup.Mine.ReportId}/files/{setup.Mine.SignatureHash}", TestContext.Current.CancellationToken);
        Assert.Equal("image/png", signature.Content.Headers.ContentType?.MediaType);

        // Every id of the other customer, in this customer's link, is the same 404; so is a made-up id or a non-id.
        AssertNotFoundPage(await GetAsync(customer, $"{link}/invoices/{setup.Theirs.InvoiceId}"), "their invoice");
        AssertNotFoundPage(await GetAsync(customer, $"{link}/reports/{setup.Theirs.ReportId}"), "their report");
        AssertNotFoundPage(await GetAsync(customer, $"{link}/invoices/{Guid.NewGuid()}"), "an unknown invoice");
        AssertNotFoundPage(await GetAsync(customer, $"{link}/invoices/not-an-id"), "not an id");
        foreach (var url in new[]
        {
            $"{link}/invoices/{setup.Theirs.InvoiceId}/pdf",
            $"{link}/invoices/{setup.Theirs.InvoiceId}/ubl",
            $"{link}/reports/{setup.Theirs.ReportId}/files/{setup.Theirs.PhotoHash}",
            $"{link}/reports/{setup.Mine.ReportId}/files/{setup.Theirs.PhotoHash}",
            $"{link}/reports/{setup.Theirs.ReportId}/files/{setup.Mine.PhotoHash}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        }

        // The other customer's own link opens their invoice, and not this one's.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(customer, $"{theirLink}/invoices/{setup.Theirs.InvoiceId}")).Status);
        AssertNotFoundPage(await GetAsync(customer, $"{theirLink}/invoices/{setup.Mine.InvoiceId}"), "my invoice in their link");

        // The portal speaks the customer's language, whatever the browser asks for.
        await app.InCompany(setup.Company.Id, async (db, _) =>
        {
            var row = await db.Customers.SingleAsync(c => c.Id == setup.Mine.Data.CustomerId, TestContext.Current.CancellationToken);
            row.Language = "fr";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        using var english = new HttpRequestMessage(HttpMethod.Get, link);
        english.Headers.AcceptLanguage.ParseAdd("en");
        var french = WebUtility.HtmlDecode(await (await customer.SendAsync(english, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("lang=\"fr\"", french, StringComparison.Ordinal);
        Assert.Contains("Vos factures et bons de travail", french, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_tampered_expired_or_revoked_link_answers_404(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var setup = await SetUpAsync(app);
        var office = await setup.OfficeAsync();
        var customer = app.CreateClient();
        var link = await LinkAsync(office, setup.Mine.Data.CustomerId);
        var token = link["/portal/".Length..];
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(customer, link)).Status);

        var tampered = "/portal/" + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        AssertNotFoundPage(await GetAsync(customer, tampered), "a tampered link");
        AssertNotFoundPage(await GetAsync(customer, $"{tampered}/invoices/{setup.Mine.InvoiceId}"), "a tampered link's invoice");
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{tampered}/invoices/{setup.Mine.InvoiceId}/pdf", TestContext.Current.CancellationToken)).StatusCode);
        AssertNotFoundPage(await GetAsync(customer, "/portal/short"), "a short token");

        // Revoked: every link of the customer stops at once; another customer's link goes on.
        var second = await LinkAsync(office, setup.Mine.Data.CustomerId);
        var theirs = await LinkAsync(office, setup.Theirs.Data.CustomerId);
        var revoke = await office.DeleteAsync($"/api/customers/{setup.Mine.Data.CustomerId}/portal-links", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(2, (await revoke.ReadJsonAsync()).GetProperty("revoked").GetInt32());
        AssertNotFoundPage(await GetAsync(customer, link), "a revoked link");
        AssertNotFoundPage(await GetAsync(customer, $"{second}/reports/{setup.Mine.ReportId}"), "a revoked link's report");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(customer, theirs)).Status);

        // Expired: a new link works until its lifetime (90 days) has passed.
        var fresh = await LinkAsync(office, setup.Mine.Data.CustomerId);
        app.Clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(customer, fresh)).Status);
        app.Clock.Advance(TimeSpan.FromDays(2));
        AssertNotFoundPage(await GetAsync(customer, fresh), "an expired link");

        // The office's link routes know only the company's own customers.
        var other = await app.CreateCompanyAsync("Elders");
        var (refused, _) = await (await other.OfficeAsync()).PostJsonAsync($"/api/customers/{setup.Mine.Data.CustomerId}/portal-links", new { });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await other.AdminAsync()).DeleteAsync($"/api/customers/{setup.Mine.Data.CustomerId}/portal-links", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await other.OfficeAsync()).GetAsync($"/api/invoices/{setup.Mine.InvoiceId}/disputes", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_customer_disputes_a_line_and_approves_and_the_office_sees_both(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var setup = await SetUpAsync(app);
        var office = await setup.OfficeAsync();
        var link = await LinkAsync(office, setup.Mine.Data.CustomerId);
        var page = $"{link}/invoices/{setup.Mine.InvoiceId}";
        var form = await Forms.FetchAsync(app, page);

        // Without the antiforgery token the form is refused, and nothing is stored.
        var forged = await form.Client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "portal-dispute", ["Dispute.Line"] = "0", ["Dispute.Comment"] = "Forged",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await app.InCompany(setup.Company.Id, (db, _) => db.InvoiceDisputes.AnyAsync(TestContext.Current.CancellationToken)));

        // A dispute without a comment is refused with a message on the page.
        var empty = await form.PostAsync(page, new Dictionary<string, string> { ["_handler"] = "portal-dispute", ["Dispute.Line"] = "0", ["Dispute.Comment"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("data-testid=\"dispute-errors\"", await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var disputed = await form.PostAsync(page, new Dictionary<string, string>
        {
            ["_handler"] = "portal-dispute", ["Dispute.Line"] = "1", ["Dispute.Comment"] = "De slang werd niet vervangen.",
        });
        Assert.True(disputed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"{(int)disputed.StatusCode}");
        var after = WebUtility.HtmlDecode(await form.Client.GetStringAsync(disputed.Headers.Location!.ToString(), TestContext.Current.CancellationToken));
        Assert.Contains("data-testid=\"dispute-thanks\"", after, StringComparison.Ordinal);
        Assert.Contains("De slang werd niet vervangen.", after, StringComparison.Ordinal);

        var approved = await form.PostAsync(page, new Dictionary<string, string> { ["_handler"] = "portal-approve" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("data-testid=\"approved\"", await approved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await form.PostAsync(page, new Dictionary<string, string> { ["_handler"] = "portal-approve" });

        // The office reads both, the dispute pauses reminders until it is resolved, and the invoice's audit trail has them.
        var answers = await office.GetJsonAsync($"/api/invoices/{setup.Mine.InvoiceId}/disputes");
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, answers.GetProperty("approvedAt").GetDateTime().ToUniversalTime());
        var dispute = Assert.Single(answers.GetProperty("disputes").EnumerateArray());
        Assert.Equal(1, dispute.GetProperty("lineIndex").GetInt32());
        Assert.Equal("De slang werd niet vervangen.", dispute.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, dispute.GetProperty("resolvedAt").ValueKind);
        Assert.Empty((await office.GetJsonAsync($"/api/invoices/{setup.Theirs.InvoiceId}/disputes")).GetProperty("disputes").EnumerateArray());
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await app.InCompany(setup.Company.Id, (db, _) => InvoiceDisputes.IsDisputedAsync(db, setup.Mine.InvoiceId, ct)));
        var audit = await app.InCompany(setup.Company.Id, (db, _) => db.AuditEvents.Where(a => a.EntityId == setup.Mine.InvoiceId).Select(a => a.Action).ToListAsync(ct));
        Assert.Equal(1, audit.Count(a => a == InvoiceDisputes.DisputedAction));
        Assert.Equal(1, audit.Count(a => a == InvoiceDisputes.ApprovedAction));

        var officeUser = setup.Company.Office.Id;
        var disputeId = dispute.GetProperty("id").GetGuid();
        Assert.True(await app.InCompany(setup.Company.Id, (db, _) => InvoiceDisputes.ResolveAsync(db, disputeId, officeUser, app.Clock, ct)));
        Assert.False(await app.InCompany(setup.Company.Id, (db, _) => InvoiceDisputes.IsDisputedAsync(db, setup.Mine.InvoiceId, ct)));
        var resolved = Assert.Single((await office.GetJsonAsync($"/api/invoices/{setup.Mine.InvoiceId}/disputes")).GetProperty("disputes").EnumerateArray());
        Assert.Equal("Office Portaal", resolved.GetProperty("resolvedByName").GetString());

        // Another customer's link cannot dispute this invoice: the form is not even there.
        var theirs = await LinkAsync(office, setup.Theirs.Data.CustomerId);
        var theirForm = await Forms.FetchAsync(app, $"{theirs}/invoices/{setup.Theirs.InvoiceId}");
        var crossed = await theirForm.PostAsync($"{theirs}/invoices/{setup.Mine.InvoiceId}", new Dictionary<string, string>
        {
            ["_handler"] = "portal-dispute", ["Dispute.Line"] = "0", ["Dispute.Comment"] = "Not mine",
        });
        Assert.True(crossed.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)crossed.StatusCode}");
        Assert.Equal(1, await app.InCompany(setup.Company.Id, (db, _) => db.InvoiceDisputes.CountAsync(ct)));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Too_many_portal_requests_from_one_address_answer_429(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Portal:PermitsPerMinute"] = "3" });
        var company = await app.CreateCompanyAsync("Druk");
        var data = await MasterData.CreateAsync(company, "Druk");
        var link = await LinkAsync(await company.OfficeAsync(), data.CustomerId);
        var customer = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        }

        // Guessing tokens counts too.
        var refused = await customer.GetAsync("/portal/" + new string('A', 43), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await customer.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
    }
}
