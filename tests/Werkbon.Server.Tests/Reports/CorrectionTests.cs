using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Pricing;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>The office corrects what a signed report feeds to the invoice, with a reason, as revisions beside the signed original.</summary>
public class CorrectionTests
{
    private static async Task<(WerkbonApp App, TestCompany Company, MasterData Data, SignedReports.Signed Signed, HttpClient Office)> ArrivedAsync(DatabaseProvider provider, int seed)
    {
        var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(seed), articleCode: data.ArticleCode);
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        foreach (var (hash, bytes) in signed.Files)
        {
            (await technician.UploadAsync(hash, bytes, bytes[0] == 0x89 ? "image/png" : "image/jpeg")).EnsureSuccessStatusCode();
        }

        return (app, company, data, signed, await company.OfficeAsync());
    }

    private static Task<(string Canonical, string Hash, bool Intact, int Revisions, int Audits)> StoredAsync(WerkbonApp app, Guid companyId, Guid reportId) =>
        app.InCompany(companyId, async (db, _) =>
        {
            var ct = TestContext.Current.CancellationToken;
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId, ct);
            return (report.CanonicalDocument, report.Hash, report.IsIntact(),
                await db.ReportRevisions.CountAsync(r => r.ReportId == reportId, ct),
                await db.AuditEvents.CountAsync(a => a.EntityId == reportId, ct));
        });

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Replacing_a_free_text_item_by_an_article_is_stored_as_a_revision_beside_the_untouched_signed_report(DatabaseProvider provider)
    {
        var (app, company, data, signed, office) = await ArrivedAsync(provider, 51);
        using var running = app;
        var id = signed.Document.ReportId;
        var before = await StoredAsync(app, company.Id, id);

        var (response, revision) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new
        {
            reason = "Thermostaatkop is ons artikel; prijs volgens contract",
            corrections = new object[] { new { kind = "ReplaceLine", line = 4, articleCode = data.ArticleCode, quantity = 1 } },
        });
        var details = await office.GetJsonAsync($"/api/reports/{id}");
        var after = await StoredAsync(app, company.Id, id);
        var lines = await app.InCompany(company.Id, (db, _) => InvoiceableLines.ForAsync(db, id, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, revision.GetProperty("number").GetInt32());
        var corrected = revision.GetProperty("revised").GetProperty("lines")[3];
        Assert.Equal(data.ArticleCode, corrected.GetProperty("line").GetProperty("articleCode").GetString());
        // 8.40 list price − 10 % contract discount = 7.56; the signed line said 28.50 as typed on site.
        Assert.Equal(7.56m, corrected.GetProperty("line").GetProperty("amount").GetDecimal());
        Assert.Equal(28.50m, corrected.GetProperty("signed").GetProperty("amount").GetDecimal());
        Assert.Equal(before.Canonical, after.Canonical);
        Assert.Equal(before.Hash, after.Hash);
        Assert.True(after.Intact);
        Assert.True(details.GetProperty("hashVerified").GetBoolean());
        Assert.Equal(1, after.Revisions);
        Assert.Equal(before.Audits + 1, after.Audits);
        var audit = details.GetProperty("audit").EnumerateArray().Last();
        Assert.Equal("report.corrected", audit.GetProperty("action").GetString());
        Assert.Equal("Thermostaatkop is ons artikel; prijs volgens contract", audit.GetProperty("reason").GetString());
        Assert.Contains("28.5", audit.GetProperty("before").GetString());
        Assert.Contains("7.56", audit.GetProperty("after").GetString());
        Assert.Equal(1, details.GetProperty("revisions").GetArrayLength());
        Assert.Equal(4, lines.Count);
        Assert.Equal(data.ArticleCode, lines[3].ArticleCode);
        Assert.Equal("Thermostaatkop (niet in catalogus): 1 st. × 28,50 = 28,50", lines[3].SignedOriginal);
        Assert.Equal("Thermostaatkop is ons artikel; prijs volgens contract", lines[3].CorrectionReason);
        Assert.Null(lines[0].SignedOriginal);
        Assert.All(lines, l => Assert.Equal(id, l.ReportId));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_correction_without_a_reason_is_refused_with_a_clear_message_and_nothing_changes(DatabaseProvider provider)
    {
        var (app, company, _, signed, office) = await ArrivedAsync(provider, 52);
        using var running = app;
        var id = signed.Document.ReportId;
        var before = await StoredAsync(app, company.Id, id);

        var (response, problem) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new { reason = " ", corrections = new[] { new { kind = "SetQuantity", line = 3, quantity = 3 } } });
        var (badLine, lineProblem) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new { reason = "Typfout", corrections = new[] { new { kind = "SetQuantity", line = 9, quantity = 3 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Geef een reden voor de correctie.", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        Assert.True(lineProblem.GetProperty("errors").TryGetProperty("corrections[0].line", out _));
        Assert.Equal(before, await StoredAsync(app, company.Id, id));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Corrections_stack_as_numbered_revisions_and_an_invoiced_report_refuses_them(DatabaseProvider provider)
    {
        var (app, company, _, signed, office) = await ArrivedAsync(provider, 53);
        using var running = app;
        var id = signed.Document.ReportId;

        var (first, _) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new { reason = "Slang niet gebruikt", corrections = new object[] { new { kind = "RemoveLine", line = 3 } } });
        var (second, body) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new { reason = "Commerciële geste", corrections = new object[] { new { kind = "GoodwillReport" } } });
        await app.InCompany(company.Id, async (db, _) =>
        {
            var report = await db.Reports.SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
            db.Entry(report).Property(r => r.Status).CurrentValue = ReportStatus.Invoiced;
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var (late, problem) = await office.PostJsonAsync($"/api/reports/{id}/revisions", new { reason = "Te laat", corrections = new object[] { new { kind = "Goodwill", line = 1 } } });
        var lines = await app.InCompany(company.Id, (db, _) => InvoiceableLines.ForAsync(db, id, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, body.GetProperty("number").GetInt32());
        Assert.Equal(0m, body.GetProperty("revised").GetProperty("total").GetDecimal());
        Assert.Equal("Slang niet gebruikt", body.GetProperty("revised").GetProperty("removed")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("credit note", problem.GetProperty("detail").GetString());
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(0m, l.Amount));
        Assert.All(lines, l => Assert.Equal("Commerciële geste", l.CorrectionReason));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_office_sees_a_reports_photos_and_signature_and_nothing_else_through_the_files_route(DatabaseProvider provider)
    {
        var (app, company, _, signed, office) = await ArrivedAsync(provider, 54);
        using var running = app;
        var id = signed.Document.ReportId;
        var photo = signed.Document.Photos[0].Sha256;
        var technician = await company.TechnicianAsync();
        var ct = TestContext.Current.CancellationToken;

        var served = await office.GetAsync($"/api/reports/{id}/files/{photo}", ct);
        var signature = await office.GetAsync($"/api/reports/{id}/files/{signed.Document.Signature.ImageSha256}", ct);
        var other = await office.GetAsync($"/api/reports/{id}/files/{new string('a', 64)}", ct);
        var byTechnician = await technician.GetAsync($"/api/reports/{id}/files/{photo}", ct);

        Assert.Equal(signed.Files[photo], await served.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/png", signature.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTechnician.StatusCode);
    }

    [Fact]
    public void An_uncorrected_report_invoices_its_signed_pricing_lines_as_they_are()
    {
        var document = SignedReports.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), new Random(5)).Document;
        var report = new InterventionReport(document, Werkbon.Core.Reports.CanonicalReport.ToText(document), Werkbon.Core.Reports.ReportHash.Compute(document), new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        PricedLine[] priced =
        [
            new(LineKind.Labour, "Werkuren", 1.25m, "HUR", 55m, 68.75m, Werkbon.Core.Vat.VatCategory.S, 21m, "1,25 u × 55,00", false) { Minutes = 75 },
            new(LineKind.Material, "Thermostaatkop", 1m, "C62", 28.50m, 28.50m, Werkbon.Core.Vat.VatCategory.S, 21m, "prijs technieker", IsExtra: true) { ArticleCode = "TRV" },
        ];
        report.Arrive(new PricedReport(priced, [], 97.25m, 20.42m, 117.67m, Werkbon.Core.Vat.VatRegime.LineRates, [], null, []), null, new Werkbon.Core.Review.StraightThroughDecision(false, [Werkbon.Core.Review.ReviewReason.FreeTextItem]), report.ReceivedAt);

        var lines = InvoiceableLines.Of(report, latestRevision: null);

        Assert.Equal([68.75m, 28.50m], lines.Select(l => l.Amount));
        Assert.Equal([LineKind.Labour, LineKind.Material], lines.Select(l => l.Kind));
        Assert.True(lines[1].IsExtra);
        Assert.Equal("TRV", lines[1].ArticleCode);
        Assert.Equal("1,25 u × 55,00", lines[0].Explanation);
        Assert.All(lines, l => Assert.Equal(document.ReportId, l.ReportId));
        Assert.All(lines, l => Assert.Null(l.SignedOriginal));
        Assert.All(lines, l => Assert.Null(l.CorrectionReason));
    }
}
