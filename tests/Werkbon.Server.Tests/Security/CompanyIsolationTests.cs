using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>A user of company A can never see or touch company B's data: every API route, with B's ids.</summary>
public class CompanyIsolationTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Every_api_route_answers_404_for_another_companys_ids_and_lists_none_of_its_rows(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        await MasterData.CreateAsync(alpha, "Alpha");
        var b = await MasterData.CreateAsync(bravo, "Bravo");
        var bravoOffice = await bravo.OfficeAsync();
        var bravoReport = SignedReports.Create(b.WorkOrderId, bravo.Technician.Id, new Random(41));
        (await (await bravo.TechnicianAsync()).PushAsync(bravoReport.Document, bravoReport.Hash)).EnsureSuccessStatusCode();
        (await bravoOffice.PostAsync($"/api/reports/{bravoReport.Document.ReportId}/approve", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var bravoInvoice = (await bravoOffice.GetJsonAsync("/api/invoices")).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await bravoOffice.PostAsync($"/api/invoices/{bravoInvoice}/issue", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // Bravo's money: a payment on its invoice, and a statement movement waiting in its reconciliation list.
        var (paid, payment) = await bravoOffice.PostJsonAsync($"/api/invoices/{bravoInvoice}/payments", new { amount = 1.00m, on = "2026-03-10", note = "" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var bravoPayment = payment.GetProperty("payments")[0].GetProperty("id").GetGuid();
        await app.InCompany(bravo.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == bravo.Id, TestContext.Current.CancellationToken);
            row.Iban = Werkbon.Core.Tests.Banking.StatementFiles.Account;
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        using var statement = new ByteArrayContent(Werkbon.Core.Tests.Banking.StatementFiles.Bytes(Werkbon.Core.Tests.Banking.StatementFiles.Camt053(
            [new Werkbon.Core.Tests.Banking.Transfer(12.34m, Free: "Bravo", Name: "Someone")])));
        (await bravoOffice.PostAsync("/api/bank-statements", statement, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var bravoLine = (await bravoOffice.GetJsonAsync("/api/bank-lines"))[0].GetProperty("id").GetGuid();
        var (started, run) = await bravoOffice.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2025-01" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var bravoRun = run.GetProperty("id").GetGuid();
        var before = await Snapshot(bravoOffice, b, bravo);

        var idsByResource = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["/api/customers/{id:guid}"] = b.CustomerId,
            ["/api/sites/{id:guid}"] = b.SiteId,
            ["/api/assets/{id:guid}"] = b.AssetId,
            ["/api/articles/{id:guid}"] = b.ArticleId,
            ["/api/work-orders/{id:guid}"] = b.WorkOrderId,
            ["/api/users/{id:guid}"] = bravo.Technician.Id,
            ["/api/contracts/{id:guid}"] = b.ContractId,
            ["/api/reports/{id:guid}"] = bravoReport.Document.ReportId,
            ["/api/invoices/{id:guid}"] = bravoInvoice,
            ["/api/payments/{id:guid}"] = bravoPayment,
            ["/api/bank-lines/{id:guid}"] = bravoLine,
            ["/api/invoices/month-end-runs/{id:guid}"] = bravoRun,
        };
        var bravoMarks = new[] { b.CustomerId.ToString(), b.SiteId.ToString(), b.AssetId.ToString(), b.ArticleId.ToString(), b.WorkOrderId.ToString(), bravo.Technician.Id.ToString(), b.ContractId.ToString(), bravoReport.Document.ReportId.ToString(), bravoInvoice.ToString(), bravoPayment.ToString(), bravoLine.ToString(), "Bravo" };

        var admin = await alpha.AdminAsync();
        var technician = await alpha.TechnicianAsync();
        var walked = new List<string>();
        foreach (var (method, pattern) in ApiRoutes(app))
        {
            if (CoveredBySyncTests.Contains(pattern))
            {
                walked.Add($"{method} {pattern}");
                continue;
            }

            var resource = idsByResource.Keys.FirstOrDefault(k => pattern.StartsWith(k, StringComparison.Ordinal));
            if (pattern.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(resource is not null, $"{method} {pattern}: the isolation test does not know this route's ids yet; add them.");
                var url = pattern.Replace(resource!, resource!.Replace("{id:guid}", idsByResource[resource!].ToString(), StringComparison.Ordinal), StringComparison.Ordinal)
                    .Replace("{index:int}", "0", StringComparison.Ordinal);
                foreach (var client in new[] { admin, technician })
                {
                    var response = await Send(client, method, url);
                    Assert.True(
                        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                        $"{method} {url} answered {(int)response.StatusCode} for company A");
                    if (client == admin)
                    {
                        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    }
                }
            }
            else if (method == "GET")
            {
                foreach (var client in new[] { admin, technician })
                {
                    var response = await client.GetAsync(pattern, TestContext.Current.CancellationToken);
                    var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.DoesNotContain(bravoMarks, mark => text.Contains(mark, StringComparison.Ordinal));
                }
            }

            walked.Add($"{method} {pattern}");
        }

        var (bulk, _) = await admin.PostJsonAsync("/api/reports/approve", new { ids = new[] { bravoReport.Document.ReportId } });
        Assert.Equal(HttpStatusCode.BadRequest, bulk.StatusCode);
        Assert.True(walked.Count >= 30, $"only {walked.Count} routes walked");
        Assert.Equal(before, await Snapshot(bravoOffice, b, bravo));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Another_companys_rows_cannot_be_referenced_when_creating(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        var a = await MasterData.CreateAsync(alpha, "Alpha");
        var b = await MasterData.CreateAsync(bravo, "Bravo");
        var office = await alpha.OfficeAsync();

        var (site, siteProblem) = await office.PostJsonAsync("/api/sites", new
        {
            customerId = b.CustomerId,
            name = "Sneaky",
            address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" },
            distanceKm = 1,
        });
        var (order, orderProblem) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = a.CustomerId,
            siteId = a.SiteId,
            description = "Sneaky",
            scheduledStart = "2026-03-10T08:00:00+01:00",
            scheduledEnd = "2026-03-10T09:00:00+01:00",
            assetIds = new[] { b.AssetId },
            technicianIds = new[] { bravo.Technician.Id },
        });

        var (preview, previewProblem) = await office.PostJsonAsync("/api/price-preview", new { customerId = b.CustomerId, visitDate = "2026-03-10" });
        var (contract, contractProblem) = await office.PostJsonAsync("/api/contracts", new { customerId = a.CustomerId, name = "X", kind = "TimeAndMaterial", startsOn = "2026-01-01", coveredSiteIds = new[] { b.SiteId } });

        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.True(previewProblem.GetProperty("errors").TryGetProperty("customerId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, contract.StatusCode);
        Assert.True(contractProblem.GetProperty("errors").TryGetProperty("coveredSiteIds", out _));
        Assert.Equal(HttpStatusCode.BadRequest, site.StatusCode);
        Assert.True(siteProblem.GetProperty("errors").TryGetProperty("customerId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        Assert.True(orderProblem.GetProperty("errors").TryGetProperty("assetIds", out _));
        Assert.True(orderProblem.GetProperty("errors").TryGetProperty("technicianIds", out _));
    }

    /// <summary>
    /// Routes whose id is made by the device or is a content hash: SyncTests prove a technician cannot
    /// push for another company's work order (404) and that files are stored per company.
    /// </summary>
    private static readonly HashSet<string> CoveredBySyncTests = new(StringComparer.Ordinal)
    {
        "/api/sync/reports/{id:guid}",
        "/api/sync/files/{sha256}",
    };

    private static IEnumerable<(string Method, string Pattern)> ApiRoutes(WerkbonApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal);

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url)
    {
        var ct = TestContext.Current.CancellationToken;
        return method switch
        {
            "GET" => client.GetAsync(url, ct),
            "DELETE" => client.DeleteAsync(url, ct),
            // A well-formed body, so only the id decides the answer.
            "PUT" => client.PutAsJsonAsync(url, WellFormed(url), ct),
            _ => client.PostAsJsonAsync(url, new { reason = "Hijacked", amount = 1m, on = "2026-03-10" }, ct),
        };
    }

    // Every member a body must carry (value members have no default), for the resource the url names.
    private static Dictionary<string, object> WellFormed(string url)
    {
        var body = new Dictionary<string, object>
        {
            ["name"] = "Hijacked", ["code"] = "X", ["nameNl"] = "X", ["type"] = "X", ["description"] = "X", ["email"] = "x@example.be",
            ["displayName"] = "X", ["role"] = "Office", ["version"] = 0, ["customerId"] = Guid.NewGuid(), ["siteId"] = Guid.NewGuid(),
            ["listPrice"] = 1m, ["vatRate"] = 21m, ["paymentTermDays"] = 30, ["distanceKm"] = 1m, ["startsOn"] = "2026-01-01",
            ["scheduledStart"] = "2026-03-10T08:00:00+01:00", ["scheduledEnd"] = "2026-03-10T10:00:00+01:00", ["plannedStart"] = "2026-03-10T08:00:00+01:00",
        };
        body["kind"] = url.Contains("/api/articles/", StringComparison.Ordinal) ? "Part"
            : url.Contains("/api/contracts/", StringComparison.Ordinal) ? "MaintenanceSubscription"
            : "Business";
        return body;
    }

    private static async Task<string> Snapshot(HttpClient bravo, MasterData b, TestCompany company)
    {
        var parts = new List<string>();
        foreach (var url in new[] { $"/api/customers/{b.CustomerId}", $"/api/sites/{b.SiteId}", $"/api/assets/{b.AssetId}", $"/api/articles/{b.ArticleId}", $"/api/work-orders/{b.WorkOrderId}", $"/api/users/{company.Technician.Id}", $"/api/contracts/{b.ContractId}" })
        {
            parts.Add((await bravo.GetJsonAsync(url)).ToString());
        }

        parts.Add((await bravo.GetJsonAsync("/api/reports")).ToString());
        parts.Add((await bravo.GetJsonAsync("/api/invoices")).ToString());
        parts.Add((await bravo.GetJsonAsync("/api/invoices/verification")).ToString());
        parts.Add((await bravo.GetJsonAsync("/api/bank-lines")).ToString());
        return string.Join("\n", parts);
    }
}
