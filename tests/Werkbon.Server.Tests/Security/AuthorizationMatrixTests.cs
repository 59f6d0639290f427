using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Security;

/// <summary>
/// The authorisation matrix, generated from the app's endpoint table: every route under <c>/api</c> and the sign-in and
/// account routes × anonymous, technician, office, admin (of company Alpha) × Alpha's own rows and company Bravo's rows.
/// <see cref="Table"/> says, one entry per route, who may call it; the expected answer of each cell follows from it:
/// anonymous 401, a role the route is not for 403 (the role is checked before any id is looked at, so also with
/// Bravo's ids), an allowed role reads its own rows (2xx) and gets 404 for Bravo's. No answer to Alpha may hold any
/// of Bravo's ids, names or numbers, and Bravo's data reads the same after the run. A route the table does not name
/// fails the test by name, so a new route is decided here before it ships.
/// </summary>
public class AuthorizationMatrixTests
{
    /// <summary>Who may call a route.</summary>
    private enum Who
    {
        /// <summary>Open to everyone (sign-in, account forms, sign-up): never a 5xx and never another company's data.</summary>
        Anyone,

        /// <summary>Any signed-in person of the company.</summary>
        SignedIn,

        Technician,

        /// <summary>Office staff and admins.</summary>
        Office,

        Admin,
    }

    private enum Role
    {
        Anonymous,
        Technician,
        Office,
        Admin,
    }

    /// <param name="Who">Who may call the route.</param>
    /// <param name="RefusedForOther">
    /// The route's id is made by the device (a report id, a file's hash), so another company's id is refused like any
    /// other id the caller does not own (a 4xx, not necessarily 404); <c>SyncTests</c> cover the answers in detail.
    /// </param>
    private sealed record Rule(Who Who, bool RefusedForOther = false);

    private static readonly Rule Anyone = new(Who.Anyone);
    private static readonly Rule SignedIn = new(Who.SignedIn);
    private static readonly Rule Technician = new(Who.Technician);
    private static readonly Rule Office = new(Who.Office);
    private static readonly Rule Admin = new(Who.Admin);

    /// <summary>One entry per route: who may call it.</summary>
    private static readonly Dictionary<string, Rule> Table = new(StringComparer.Ordinal)
    {
        // Sign-in and account forms (the pages answer GET and POST, as every Razor component page does).
        ["POST /login"] = Anyone,
        ["POST /refresh"] = Anyone,
        ["GET /account/login"] = Anyone,
        ["POST /account/login"] = Anyone,
        ["POST /account/logout"] = Anyone,
        ["POST /account/logout-everywhere"] = Anyone,
        ["GET /account/accept-invitation"] = Anyone,
        ["POST /account/accept-invitation"] = Anyone,
        ["GET /account/access-denied"] = Anyone,
        ["POST /account/access-denied"] = Anyone,
        ["GET /account/language"] = Anyone,
        ["GET /account/sign-up"] = Anyone,
        ["POST /account/sign-up"] = Anyone,

        ["GET /api/customers"] = Office,
        ["POST /api/customers"] = Office,
        ["GET /api/customers/{id:guid}"] = Office,
        ["PUT /api/customers/{id:guid}"] = Office,
        ["GET /api/customers/{id:guid}/overview"] = Office,
        ["POST /api/customers/{id:guid}/archive"] = Office,
        ["POST /api/customers/{id:guid}/restore"] = Office,
        ["POST /api/customers/{id:guid}/portal-links"] = Office,
        ["DELETE /api/customers/{id:guid}/portal-links"] = Office,
        ["GET /api/sites"] = Office,
        ["POST /api/sites"] = Office,
        ["GET /api/sites/{id:guid}"] = Office,
        ["PUT /api/sites/{id:guid}"] = Office,
        ["POST /api/sites/{id:guid}/archive"] = Office,
        ["POST /api/sites/{id:guid}/restore"] = Office,
        ["GET /api/assets"] = Office,
        ["POST /api/assets"] = Office,
        ["GET /api/assets/{id:guid}"] = Office,
        ["PUT /api/assets/{id:guid}"] = Office,
        ["POST /api/assets/{id:guid}/archive"] = Office,
        ["POST /api/assets/{id:guid}/restore"] = Office,
        ["GET /api/articles"] = Office,
        ["POST /api/articles"] = Office,
        ["GET /api/articles/{id:guid}"] = Office,
        ["PUT /api/articles/{id:guid}"] = Office,
        ["POST /api/articles/{id:guid}/archive"] = Office,
        ["POST /api/articles/{id:guid}/restore"] = Office,

        ["GET /api/contracts"] = Office,
        ["POST /api/contracts"] = Office,
        ["GET /api/contracts/{id:guid}"] = Office,
        ["PUT /api/contracts/{id:guid}"] = Office,
        ["GET /api/contracts/{id:guid}/summary"] = Office,
        ["POST /api/contracts/{id:guid}/archive"] = Office,
        ["POST /api/contracts/{id:guid}/restore"] = Office,
        ["GET /api/rate-card"] = Office,
        ["PUT /api/rate-card"] = Admin,
        ["POST /api/price-preview"] = Office,

        ["GET /api/work-orders"] = Office,
        ["POST /api/work-orders"] = Office,
        ["GET /api/work-orders/{id:guid}"] = Office,
        ["PUT /api/work-orders/{id:guid}"] = Office,
        ["GET /api/work-orders/{id:guid}/paperwork"] = Office,
        ["PUT /api/work-orders/{id:guid}/plan"] = Office,
        ["POST /api/work-orders/{id:guid}/cancel"] = Office,
        ["POST /api/work-orders/{id:guid}/archive"] = Office,
        ["POST /api/work-orders/{id:guid}/restore"] = Office,
        ["POST /api/work-orders/{id:guid}/start"] = SignedIn,
        ["POST /api/work-orders/{id:guid}/complete"] = SignedIn,
        ["GET /api/planning"] = Office,
        ["GET /api/technicians/me/work-orders"] = Technician,

        ["GET /api/users"] = Office,
        ["GET /api/users/{id:guid}"] = Office,
        ["POST /api/users"] = Admin,
        ["PUT /api/users/{id:guid}"] = Admin,
        ["POST /api/users/{id:guid}/archive"] = Admin,
        ["POST /api/users/{id:guid}/restore"] = Admin,

        ["GET /api/sync/me"] = Technician,
        ["GET /api/sync/changes"] = Technician,
        ["PUT /api/sync/reports/{id:guid}"] = new(Who.Technician, RefusedForOther: true),
        ["PUT /api/sync/files/{sha256}"] = new(Who.Technician, RefusedForOther: true),
        ["GET /api/straight-through-rules"] = Office,
        ["PUT /api/straight-through-rules"] = Admin,

        ["GET /api/reports"] = Office,
        ["GET /api/reports/{id:guid}"] = Office,
        ["GET /api/reports/{id:guid}/files/{sha256}"] = Office,
        ["POST /api/reports/{id:guid}/revisions"] = Office,
        ["POST /api/reports/{id:guid}/approve"] = Office,
        ["POST /api/reports/approve"] = Office,

        ["GET /api/invoices"] = Office,
        ["GET /api/invoices/{id:guid}"] = Office,
        ["DELETE /api/invoices/{id:guid}"] = Office,
        ["POST /api/invoices/drafts"] = Office,
        ["POST /api/invoices/subscriptions"] = Office,
        ["PUT /api/invoices/{id:guid}/lines/{index:int}"] = Office,
        ["DELETE /api/invoices/{id:guid}/lines/{index:int}"] = Office,
        ["POST /api/invoices/{id:guid}/issue"] = Office,
        ["POST /api/invoices/issue"] = Office,
        ["POST /api/invoices/{id:guid}/credit-notes"] = Office,
        ["GET /api/invoices/{id:guid}/pdf"] = Office,
        ["GET /api/invoices/{id:guid}/ubl"] = Office,
        ["GET /api/invoices/{id:guid}/deliveries"] = Office,
        ["GET /api/invoices/{id:guid}/disputes"] = Office,
        ["GET /api/invoices/verification"] = Office,
        ["GET /api/invoices/settings"] = Office,
        ["PUT /api/invoices/settings"] = Office,
        ["POST /api/invoices/month-end-runs"] = Office,
        ["GET /api/invoices/month-end-runs"] = Office,
        ["GET /api/invoices/month-end-runs/{id:guid}"] = Office,
        ["GET /api/mail/settings"] = Admin,
        ["PUT /api/mail/settings"] = Admin,
        ["GET /api/peppol/account"] = Admin,
        ["PUT /api/peppol/account"] = Admin,
        ["DELETE /api/peppol/account"] = Admin,

        ["GET /api/invoices/{id:guid}/payments"] = Office,
        ["POST /api/invoices/{id:guid}/payments"] = Office,
        ["POST /api/payments/{id:guid}/undo"] = Office,
        ["POST /api/bank-statements"] = Office,
        ["GET /api/bank-lines"] = Office,
        ["POST /api/bank-lines/{id:guid}/confirm"] = Office,
        ["POST /api/bank-lines/{id:guid}/match"] = Office,
        ["POST /api/bank-lines/{id:guid}/not-ours"] = Office,
        ["POST /api/bank-lines/{id:guid}/undo"] = Office,
        ["GET /api/reminders/settings"] = Office,
        ["PUT /api/reminders/settings"] = Admin,
        ["GET /api/reminders/due"] = Office,
        ["GET /api/invoices/{id:guid}/reminders"] = Office,
        ["POST /api/invoices/{id:guid}/reminders/hold"] = Office,
        ["POST /api/invoices/{id:guid}/reminders/resume"] = Office,

        ["GET /api/dashboard"] = Office,
        ["GET /api/todo"] = Office,
    };

    /// <summary>One company's rows that the routes' placeholders name.</summary>
    private sealed record Side(
        TestCompany Company, MasterData Data, Guid ReportId, string FileHash, Guid IssuedInvoiceId, Guid DraftInvoiceId, Guid SpareDraftId, Guid SpareUserId, string VatNumber,
        Guid PaymentId, Guid BankLineId, Guid MonthEndRunId)
    {
        /// <summary>What would betray this company in another company's answer: its ids, its name and its numbers.</summary>
        public IEnumerable<string> Marks() =>
        [
            Data.CustomerId.ToString(), Data.SiteId.ToString(), Data.AssetId.ToString(), Data.ArticleId.ToString(), Data.WorkOrderId.ToString(),
            Data.ContractId.ToString(), ReportId.ToString(), FileHash, IssuedInvoiceId.ToString(), DraftInvoiceId.ToString(), SpareDraftId.ToString(),
            SpareUserId.ToString(), PaymentId.ToString(), BankLineId.ToString(), Company.Admin.Id.ToString(), Company.Office.Id.ToString(), Company.Technician.Id.ToString(), Company.Id.ToString(),
            Company.Admin.Email!, Company.Technician.Email!, VatNumber, VatNumber[2..], "Bravo",
        ];
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Every_route_answers_each_role_of_each_company_as_its_table_entry_says_and_leaks_nothing(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await SeedAsync(app, "Alpha", 1);
        var bravo = await SeedAsync(app, "Bravo", 2);
        var bravoOffice = await bravo.Company.OfficeAsync();
        var before = await SnapshotAsync(bravoOffice, bravo);

        var routes = Routes(app);
        var missing = routes.Where(r => !Table.ContainsKey(r)).ToList();
        var stale = Table.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(
            missing.Count == 0 && stale.Count == 0,
            $"Routes without an entry in the authorisation table (decide who may call them): {string.Join(", ", missing)}; entries for routes that no longer exist: {string.Join(", ", stale)}");

        var clients = new Dictionary<Role, HttpClient>
        {
            [Role.Anonymous] = app.CreateClient(),
            [Role.Technician] = await alpha.Company.TechnicianAsync(),
            [Role.Office] = await alpha.Company.OfficeAsync(),
            [Role.Admin] = await alpha.Company.AdminAsync(),
        };
        var bravoMarks = bravo.Marks().ToList();
        var failures = new List<string>();
        var leaks = 0;
        var requests = 0;

        // Reads first, so no change made by a cell can hide a row a later read needs; sign-outs last.
        var ordered = routes
            .OrderBy(r => r.Contains("logout", StringComparison.Ordinal) || r.Contains("sign-out", StringComparison.Ordinal))
            .ThenBy(r => !r.StartsWith("GET ", StringComparison.Ordinal))
            .ToList();
        foreach (var route in ordered)
        {
            var rule = Table[route];
            var (method, pattern) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            foreach (var role in Enum.GetValues<Role>())
            {
                foreach (var (target, side) in new[] { ("own", alpha), ("other", bravo) })
                {
                    var cell = $"{route} as {role} with {target} rows";
                    if (Url(method, pattern, side) is not { } url)
                    {
                        failures.Add($"{cell}: the test knows no row for this route's placeholders; add one to Url()");
                        continue;
                    }

                    using var request = Request(method, pattern, url, side);
                    var sent = url + (request.Content is null ? "" : await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    using var response = await clients[role].SendAsync(request, TestContext.Current.CancellationToken);
                    requests++;
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    var leaked = bravoMarks.Where(m => !sent.Contains(m, StringComparison.Ordinal) && body.Contains(m, StringComparison.Ordinal)).ToList();
                    var hasId = pattern.Contains('{', StringComparison.Ordinal);
                    if (leaked.Count > 0 || (target == "other" && hasId && status is >= 200 and < 300))
                    {
                        leaks++;
                        failures.Add($"{cell}: LEAK {status} {string.Join(", ", leaked)}");
                        continue;
                    }

                    if (Expectation(rule, role, target, method, hasId, status) is { } wrong)
                    {
                        failures.Add($"{cell}: {status}, {wrong}: {Shorten(body)}");
                    }
                }
            }
        }

        var after = await SnapshotAsync(bravoOffice, bravo);
        var cells = routes.Count * Enum.GetValues<Role>().Length * 2;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Authorisation matrix on {provider}: {routes.Count} routes, {cells} cells, {requests} requests, {leaks} leaks, {failures.Count} cells not as the table says.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells answered otherwise:\n" + string.Join("\n", failures));
        Assert.Equal(before, after);
        Assert.True(routes.Count >= 80, $"only {routes.Count} routes found");
    }

    /// <summary>Null when the answer is what the table entry makes of this cell, else what was expected.</summary>
    private static string? Expectation(Rule rule, Role role, string target, string method, bool hasId, int status)
    {
        if (status >= 500)
        {
            return "a server error";
        }

        if (rule.Who == Who.Anyone)
        {
            return null;
        }

        if (role == Role.Anonymous)
        {
            return status == 401 ? null : "expected 401";
        }

        var allowed = rule.Who switch
        {
            Who.SignedIn => true,
            Who.Technician => role == Role.Technician,
            Who.Office => role is Role.Office or Role.Admin,
            _ => role == Role.Admin,
        };
        if (!allowed)
        {
            return status == 403 ? null : "expected 403";
        }

        if (status is 401 or 403)
        {
            return "an allowed role was refused";
        }

        if (target == "own")
        {
            // A read must work; a change may be refused on its content (400, 409…) or find its row already gone (a
            // draft deleted by the office cell before the admin's), but never on who asks.
            return method == "GET" && status is < 200 or >= 300 ? "expected the own rows to be read" : null;
        }

        if (!hasId)
        {
            return null; // nothing of the other company is named in the route: the leak check decides
        }

        return rule.RefusedForOther
            ? status is >= 400 and < 500 ? null : "expected a refusal"
            : status == 404 ? null : "expected 404 for another company's row";
    }

    private static string? Url(string method, string pattern, Side side)
    {
        Guid? id = null;
        if (pattern.Contains("{id:guid}", StringComparison.Ordinal))
        {
            var data = side.Data;
            id = pattern switch
            {
                _ when pattern.StartsWith("/api/customers/", StringComparison.Ordinal) => data.CustomerId,
                _ when pattern.StartsWith("/api/sites/", StringComparison.Ordinal) => data.SiteId,
                _ when pattern.StartsWith("/api/assets/", StringComparison.Ordinal) => data.AssetId,
                _ when pattern.StartsWith("/api/articles/", StringComparison.Ordinal) => data.ArticleId,
                _ when pattern.StartsWith("/api/contracts/", StringComparison.Ordinal) => data.ContractId,
                _ when pattern.StartsWith("/api/work-orders/", StringComparison.Ordinal) => data.WorkOrderId,
                _ when pattern.StartsWith("/api/users/", StringComparison.Ordinal) => side.SpareUserId,
                _ when pattern.StartsWith("/api/payments/", StringComparison.Ordinal) => side.PaymentId,
                _ when pattern.StartsWith("/api/bank-lines/", StringComparison.Ordinal) => side.BankLineId,
                _ when pattern.StartsWith("/api/invoices/month-end-runs/", StringComparison.Ordinal) => side.MonthEndRunId,
                _ when pattern.StartsWith("/api/reports/", StringComparison.Ordinal) || pattern.StartsWith("/api/sync/reports/", StringComparison.Ordinal) => side.ReportId,
                "/api/invoices/{id:guid}" when method == "DELETE" => side.SpareDraftId,
                _ when pattern.StartsWith("/api/invoices/{id:guid}/issue", StringComparison.Ordinal)
                    || pattern.StartsWith("/api/invoices/{id:guid}/lines/", StringComparison.Ordinal) => side.DraftInvoiceId,
                _ when pattern.StartsWith("/api/invoices/{id:guid}", StringComparison.Ordinal) => side.IssuedInvoiceId,
                _ => null,
            };
            if (id is null)
            {
                return null;
            }
        }

        var url = pattern
            .Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
            .Replace("{index:int}", "0", StringComparison.Ordinal)
            .Replace("{sha256}", side.FileHash, StringComparison.Ordinal);
        if (url.Contains('{', StringComparison.Ordinal))
        {
            return null;
        }

        // Lists are asked for the side's rows where they filter by them; other parameters are left to their defaults.
        return method == "GET" && !pattern.Contains('{', StringComparison.Ordinal) && pattern.StartsWith("/api/", StringComparison.Ordinal)
            ? $"{url}?customerId={side.Data.CustomerId}&workOrderId={side.Data.WorkOrderId}"
            : url;
    }

    private static HttpRequestMessage Request(string method, string pattern, string url, Side side)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "GET" or "DELETE")
        {
            return request;
        }

        if (pattern.StartsWith("/api/sync/files/", StringComparison.Ordinal))
        {
            var bytes = new byte[64];
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } };
            return request;
        }

        if (pattern is "/login")
        {
            request.Content = JsonContent.Create(new { email = "nobody@matrix.invalid", password = "not the password" });
            return request;
        }

        request.Content = JsonContent.Create(Body(pattern, side));
        return request;
    }

    /// <summary>A body with every member a write route needs (value members have no default), naming the side's rows.</summary>
    private static Dictionary<string, object> Body(string pattern, Side side)
    {
        var data = side.Data;
        var address = new { street = "Matrixstraat 1", postalCode = "2800", city = "Mechelen", country = "BE" };
        return new Dictionary<string, object>
        {
            ["name"] = "Matrix", ["code"] = "MATRIX", ["nameNl"] = "Matrix", ["nameFr"] = "Matrix", ["nameEn"] = "Matrix", ["type"] = "Ketel",
            ["description"] = "Matrix", ["email"] = $"matrix-{Guid.NewGuid():N}@matrix.test", ["displayName"] = "Matrix", ["role"] = "Office",
            ["language"] = "nl", ["version"] = 0, ["unit"] = "C62", ["listPrice"] = 1m, ["vatRate"] = 21m, ["paymentTermDays"] = 30,
            ["distanceKm"] = 1m, ["amount"] = 1m, ["on"] = "2026-03-10",
            ["allocations"] = new[] { new { invoiceId = side.IssuedInvoiceId, amount = 1m } }, ["startsOn"] = "2026-01-01", ["visitDate"] = "2026-03-10", ["reason"] = "Matrix",
            ["scheduledStart"] = "2026-03-10T08:00:00+01:00", ["scheduledEnd"] = "2026-03-10T10:00:00+01:00", ["plannedStart"] = "2026-03-10T08:00:00+01:00",
            ["customerId"] = data.CustomerId, ["siteId"] = data.SiteId, ["contractId"] = data.ContractId, ["technicianId"] = side.Company.Technician.Id,
            ["assetIds"] = new[] { data.AssetId }, ["technicianIds"] = new[] { side.Company.Technician.Id }, ["coveredSiteIds"] = new[] { data.SiteId },
            ["ids"] = new[] { pattern.StartsWith("/api/invoices/", StringComparison.Ordinal) ? side.DraftInvoiceId : side.ReportId },
            ["billingAddress"] = address, ["address"] = address,
            ["kind"] = pattern.StartsWith("/api/articles", StringComparison.Ordinal) ? "Part"
                : pattern.StartsWith("/api/contracts", StringComparison.Ordinal) ? "MaintenanceSubscription"
                : "Business",
        };
    }

    /// <summary>Every route of the endpoint table under /api, the token sign-in and the account forms, as "METHOD pattern".</summary>
    private static List<string> Routes(WerkbonApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/account/", StringComparison.Ordinal)
                || e.Pattern is "/api" or "/login" or "/refresh")
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.Pattern}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// A company with a row of each kind, a signed report with its files, an issued invoice, two drafts and a spare
    /// user (the one the user routes change, so nobody the test signs in as is archived or demoted).
    /// </summary>
    private static async Task<Side> SeedAsync(WerkbonApp app, string name, int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var company = await app.CreateCompanyAsync(name);
        var data = await MasterData.CreateAsync(company, name);
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        var report = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(seed), articleCode: data.ArticleCode);
        foreach (var (hash, bytes) in report.Files)
        {
            var upload = await technician.UploadAsync(hash, bytes, hash == report.Document.Signature!.ImageSha256 ? "image/png" : "image/jpeg");
            Assert.True(upload.IsSuccessStatusCode, $"upload {hash}: {(int)upload.StatusCode}");
        }

        (await technician.PushAsync(report.Document, report.Hash)).EnsureSuccessStatusCode();
        (await office.PostAsync($"/api/reports/{report.Document.ReportId}/approve", null, ct)).EnsureSuccessStatusCode();
        var issued = (await office.GetJsonAsync("/api/invoices")).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await office.PostAsync($"/api/invoices/{issued}/issue", null, ct)).EnsureSuccessStatusCode();
        var drafts = await Invoices.DraftsAsync(company, data.CustomerId, 2);
        var (invited, invitation) = await (await company.AdminAsync()).PostJsonAsync("/api/users", new { email = $"spare@{name.ToLowerInvariant()}.test", displayName = $"Spare {name}", role = "Office", language = "nl" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var vat = await app.InCompany(company.Id, (db, _) => db.Companies.Where(c => c.Id == company.Id).Select(c => c.VatNumber).SingleAsync(ct));
        var photo = report.Document.Photos[0].Sha256;

        // Money: a payment by hand on the issued invoice, and a statement movement nobody matched yet.
        var (paid, payment) = await office.PostJsonAsync($"/api/invoices/{issued}/payments", new { amount = 1.00m, on = "2026-03-10", note = "" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var account = await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, ct);
            row.Iban = seed == 1 ? "BE71096123456769" : "BE68539007547034";
            await db.SaveChangesAsync(ct);
            return row.Iban;
        });
        using var statement = new ByteArrayContent(Werkbon.Core.Tests.Banking.StatementFiles.Bytes(Werkbon.Core.Tests.Banking.StatementFiles.Camt053(
            [new Werkbon.Core.Tests.Banking.Transfer(12.34m, Free: "matrix", Name: "Someone " + name)], account: account)));
        (await office.PostAsync("/api/bank-statements", statement, ct)).EnsureSuccessStatusCode();
        var line = (await office.GetJsonAsync("/api/bank-lines"))[0].GetProperty("id").GetGuid();
        var (_, monthEnd) = await office.PostJsonAsync("/api/invoices/month-end-runs", new { period = "2025-01" });
        return new Side(company, data, report.Document.ReportId, photo, issued, drafts[0], drafts[1], invitation.GetProperty("user").GetProperty("id").GetGuid(), vat,
            payment.GetProperty("payments")[0].GetProperty("id").GetGuid(), line, monthEnd.GetProperty("id").GetGuid());
    }

    private static async Task<string> SnapshotAsync(HttpClient office, Side side)
    {
        var parts = new List<string>();
        foreach (var url in new[]
        {
            $"/api/customers/{side.Data.CustomerId}", $"/api/sites/{side.Data.SiteId}", $"/api/assets/{side.Data.AssetId}", $"/api/articles/{side.Data.ArticleId}",
            $"/api/work-orders/{side.Data.WorkOrderId}", $"/api/users/{side.SpareUserId}", $"/api/contracts/{side.Data.ContractId}", $"/api/reports/{side.ReportId}",
            $"/api/invoices/{side.IssuedInvoiceId}", $"/api/invoices/{side.DraftInvoiceId}", $"/api/invoices/{side.SpareDraftId}",
            $"/api/invoices/{side.IssuedInvoiceId}/payments", "/api/bank-lines",
            "/api/users", "/api/invoices", "/api/invoices/verification", "/api/rate-card", "/api/straight-through-rules", "/api/invoices/settings",
        })
        {
            parts.Add((await office.GetJsonAsync(url)).ToString());
        }

        return string.Join("\n", parts);
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
