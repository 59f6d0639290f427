using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>An attempt to alter the signed original through any route is refused; corrections live beside it.</summary>
public class SignedOriginalTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_repush_of_the_same_report_id_with_different_content_answers_409_and_stores_nothing(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(61), articleCode: data.ArticleCode);
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        var before = await StoredAsync(app, company.Id, signed.Document.ReportId);
        var altered = signed.Document with { WorkDone = "Niets gedaan", Remarks = "Andere inhoud" };

        var response = await technician.PushAsync(altered, Werkbon.Core.Reports.ReportHash.Compute(altered));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await StoredAsync(app, company.Id, signed.Document.ReportId));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task No_route_changes_the_stored_canonical_document_and_after_corrections_it_is_byte_identical_and_verifies(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(62), articleCode: data.ArticleCode);
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        var id = signed.Document.ReportId;
        var before = await StoredAsync(app, company.Id, id);
        var admin = await company.AdminAsync();
        var office = await company.OfficeAsync();
        var tampered = signed.Document with { WorkDone = "Vervalst" };
        var attempt = new
        {
            document = tampered,
            hash = Werkbon.Core.Reports.ReportHash.Compute(tampered),
            canonicalDocument = "{}",
            workDone = "Vervalst",
            reason = "Poging tot wijziging",
            corrections = new object[] { new { kind = "SetQuantity", line = 1, quantity = 9 } },
        };

        var ct = TestContext.Current.CancellationToken;
        var walked = 0;
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(r => r.Method is "PUT" or "POST" or "PATCH" or "DELETE")
            .Distinct()
            .ToList();
        foreach (var (method, pattern) in routes)
        {
            var url = pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal).Replace("{sha256}", signed.Document.Photos[0].Sha256, StringComparison.Ordinal);
            foreach (var client in new[] { admin, office, technician })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(attempt) };
                (await client.SendAsync(request, ct)).Dispose();
            }

            walked++;
        }

        var after = await StoredAsync(app, company.Id, id);
        Assert.True(walked >= 15, $"only {walked} routes walked");
        Assert.Equal(before.Canonical, after.Canonical);
        Assert.Equal(before.Hash, after.Hash);
        Assert.True(after.Intact);
        Assert.True(after.Revisions >= 1, "the corrections route made a revision beside the original");
    }

    private static Task<(string Canonical, string Hash, bool Intact, int Revisions)> StoredAsync(WerkbonApp app, Guid companyId, Guid reportId) =>
        app.InCompany(companyId, async (db, _) =>
        {
            var ct = TestContext.Current.CancellationToken;
            var reports = await db.Reports.AsNoTracking().Where(r => r.Id == reportId).ToListAsync(ct);
            var report = Assert.Single(reports);
            return (report.CanonicalDocument, report.Hash, report.IsIntact(), await db.ReportRevisions.CountAsync(r => r.ReportId == reportId, ct));
        });
}
