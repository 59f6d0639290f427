using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Delivery;

/// <summary>
/// Peppol sending through the Recommand adapter against <see cref="FakeAccessPoint"/> on loopback: the account an
/// admin connects (its secret kept protected), the UBL handed over byte for byte as issued, status followed until
/// delivered or refused, passing failures (5xx, 429, timeouts) tried again, refusals kept with their reason, and the
/// participant lookup.
/// </summary>
public class PeppolAccessPointTests
{
    private static readonly Dictionary<string, string> FastTimeout = new() { ["Peppol:TimeoutSeconds"] = "2", ["Peppol:LookupCacheMinutes"] = "10" };

    private sealed record Setup(WerkbonApp App, FakeAccessPoint Fake, TestCompany Company, HttpClient Admin) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Fake.DisposeAsync();
            App.Dispose();
        }

        public Task<T> Run<T>(Func<AppDb, PeppolDelivery, CancellationToken, Task<T>> work) =>
            App.InCompany(Company.Id, (db, services) => work(db, services.GetRequiredService<PeppolDelivery>(), TestContext.Current.CancellationToken));

        public Task<TransportReceipt> SendAsync(Guid invoiceId) => Run((db, delivery, ct) => delivery.SendAsync(db, invoiceId, ct));

        public Task<IReadOnlyList<PeppolDeliveryState>> RefreshAsync() => Run((db, delivery, ct) => delivery.RefreshAsync(db, ct));

        public Task<PeppolDeliveryState?> StateAsync(Guid invoiceId) => Run((db, _, ct) => PeppolDelivery.StateAsync(db, invoiceId, ct));

        /// <summary>A draft for a Belgian business, issued through the API: it has a Peppol UBL.</summary>
        public async Task<Guid> IssueAsync()
        {
            var customer = await Invoices.CustomerAsync(Company);
            var draft = (await Invoices.DraftsAsync(Company, customer, 1))[0];
            var office = await Company.OfficeAsync();
            var (issued, body) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
            Assert.True(issued.IsSuccessStatusCode, body.ToString());
            return draft;
        }

        public async Task<byte[]> StoredUblAsync(Guid invoiceId)
        {
            var office = await Company.OfficeAsync();
            var response = await office.GetAsync($"/api/invoices/{invoiceId}/ubl", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<Setup> StartAsync(DatabaseProvider provider, bool connect = true)
    {
        var fake = await FakeAccessPoint.StartAsync();
        var app = await WerkbonApp.StartAsync(provider, settings: FastTimeout);
        var company = await app.CreateCompanyAsync("Peppol " + Guid.NewGuid().ToString("N")[..6]);
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, TestContext.Current.CancellationToken);
            row.Iban = "BE68 5390 0754 7034";
            row.Bic = "TRIOBEBB";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var admin = await company.AdminAsync();
        if (connect)
        {
            var (saved, body) = await admin.PutJsonAsync("/api/peppol/account", Account(fake.BaseUrl, FakeAccessPoint.Secret, version: null));
            Assert.True(saved.IsSuccessStatusCode, body.ToString());
        }

        return new Setup(app, fake, company, admin);
    }

    private static object Account(string baseUrl, string? secret, int? version, bool enabled = true) => new
    {
        baseUrl, accountId = FakeAccessPoint.CompanyId, apiKey = FakeAccessPoint.ApiKey, secret, participantId = (string?)null, enabled, version,
    };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_issued_UBL_reaches_the_access_point_byte_for_byte_and_is_followed_until_delivered(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        var invoice = await setup.IssueAsync();

        var receipt = await setup.SendAsync(invoice);

        Assert.Equal(DeliveryState.Sent, receipt.State);
        Assert.False(receipt.Retry);
        var sent = Assert.Single(setup.Fake.Received);
        Assert.Equal(await setup.StoredUblAsync(invoice), sent.Document);
        Assert.Equal("xml", sent.DocumentType);
        Assert.Equal("0208:0403170701", sent.Recipient);
        Assert.Equal($"/api/v1/{FakeAccessPoint.CompanyId}/send", sent.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeAccessPoint.ApiKey}:{FakeAccessPoint.Secret}")), sent.Authorization);

        // On its way: asking changes nothing yet.
        var polled = Assert.Single(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Sent, polled.State);
        Assert.Equal(receipt.TransmissionId, polled.TransmissionId);

        // The app's own polling picks the delivery up when its period has passed.
        setup.Fake.Deliver(receipt.TransmissionId!);
        setup.App.Clock.Advance(TimeSpan.FromSeconds(301));
        for (var i = 0; i < 200 && (await setup.StateAsync(invoice))!.State != DeliveryState.Delivered; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(DeliveryState.Delivered, (await setup.StateAsync(invoice))!.State);

        // Delivered is final: nothing is polled or sent again, also not when asked to send once more.
        Assert.Empty(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Delivered, (await setup.SendAsync(invoice)).State);
        Assert.Single(setup.Fake.Received);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refusal_is_final_and_keeps_the_access_points_reason(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        var refusedAtSend = await setup.IssueAsync();
        var refusedLater = await setup.IssueAsync();

        setup.Fake.Plan.Enqueue(FakeAccessPoint.Answer.Reject);
        var receipt = await setup.SendAsync(refusedAtSend);
        Assert.Equal(DeliveryState.Rejected, receipt.State);
        Assert.False(receipt.Retry);
        Assert.Contains(FakeAccessPoint.RejectReason, receipt.Reason, StringComparison.Ordinal);

        var accepted = await setup.SendAsync(refusedLater);
        Assert.Equal(DeliveryState.Sent, accepted.State);
        setup.Fake.Refuse(accepted.TransmissionId!, "BT-49 endpoint unknown to the receiving access point");
        await setup.RefreshAsync();

        var first = (await setup.StateAsync(refusedAtSend))!;
        Assert.Equal(DeliveryState.Rejected, first.State);
        Assert.Contains(FakeAccessPoint.RejectReason, first.Reason, StringComparison.Ordinal);
        var second = (await setup.StateAsync(refusedLater))!;
        Assert.Equal(DeliveryState.Rejected, second.State);
        Assert.Contains("BT-49 endpoint unknown", second.Reason, StringComparison.Ordinal);

        // Refused for good: not tried again.
        Assert.Empty(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Rejected, (await setup.SendAsync(refusedAtSend)).State);
        Assert.Equal(2, setup.Fake.Received.Count);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Server_errors_throttling_and_timeouts_are_tried_again_until_the_access_point_takes_the_invoice(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        var invoice = await setup.IssueAsync();
        foreach (var answer in new[] { FakeAccessPoint.Answer.ServerError, FakeAccessPoint.Answer.Throttle, FakeAccessPoint.Answer.Hang, FakeAccessPoint.Answer.Slow })
        {
            setup.Fake.Plan.Enqueue(answer);
        }

        var first = await setup.SendAsync(invoice);
        Assert.Equal(DeliveryState.Queued, first.State);
        Assert.True(first.Retry);
        Assert.Contains("503", first.Reason, StringComparison.Ordinal);

        var second = Assert.Single(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Queued, second.State);
        Assert.Contains("429", second.Reason, StringComparison.Ordinal);

        var third = Assert.Single(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Queued, third.State);
        Assert.Contains("did not answer in time", third.Reason, StringComparison.Ordinal);

        // Slow, but within the timeout: taken.
        var fourth = Assert.Single(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Sent, fourth.State);
        Assert.Null(fourth.Reason);
        Assert.Equal(4, fourth.Attempts);

        // Every try carried the same bytes, and the invoice was taken once.
        var stored = await setup.StoredUblAsync(invoice);
        Assert.Equal(4, setup.Fake.Received.Count);
        Assert.All(setup.Fake.Received, r => Assert.Equal(stored, r.Document));
        Assert.Single(setup.Fake.Documents);

        // A status that cannot be asked leaves it sent, to ask again later.
        await setup.Fake.DisposeAsync();
        var unreachable = Assert.Single(await setup.RefreshAsync());
        Assert.Equal(DeliveryState.Sent, unreachable.State);
        Assert.NotNull(unreachable.Reason);
    }

    [Fact]
    public async Task The_lookup_tells_registered_not_registered_and_a_failed_lookup_apart_and_reuses_answers_for_a_while()
    {
        await using var setup = await StartAsync(DatabaseProvider.Sqlite);
        setup.Fake.Registered["0208:0403170701"] = (true, false);
        var point = await setup.App.InCompany(setup.Company.Id, (db, services) =>
            services.GetRequiredService<PeppolAccessPoints>().ForCompanyAsync(db, TestContext.Current.CancellationToken));
        Assert.NotNull(point);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(new PeppolCapabilities(true, true, false), await point.Directory.LookupAsync("0208:0403170701", ct));
        Assert.Equal(new PeppolCapabilities(false, false, false), await point.Directory.LookupAsync("0208:0123456749", ct));
        var asked = setup.Fake.Lookups;

        // Answers are kept for Peppol:LookupCacheMinutes; a failed lookup is an unknown (null), never "not registered".
        setup.Fake.LookupFails = true;
        Assert.Equal(new PeppolCapabilities(true, true, false), await point.Directory.LookupAsync("0208:0403170701", ct));
        Assert.Equal(asked, setup.Fake.Lookups);
        Assert.Null(await point.Directory.LookupAsync("9925:BE0403170701", ct));

        setup.App.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await point.Directory.LookupAsync("0208:0403170701", ct));
        setup.Fake.LookupFails = false;
        setup.Fake.Registered["0208:0403170701"] = (true, true);
        Assert.Equal(new PeppolCapabilities(true, true, true), await point.Directory.LookupAsync("0208:0403170701", ct));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_secret_is_stored_protected_never_returned_and_the_account_is_the_admins_of_its_own_company(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        var ct = TestContext.Current.CancellationToken;

        var account = await setup.Admin.GetJsonAsync("/api/peppol/account");
        Assert.DoesNotContain(FakeAccessPoint.Secret, account.ToString(), StringComparison.Ordinal);
        Assert.True(account.GetProperty("configured").GetBoolean());
        Assert.True(account.GetProperty("hasSecret").GetBoolean());
        Assert.Equal(FakeAccessPoint.ApiKey, account.GetProperty("apiKey").GetString());
        var stored = await setup.App.InCompany(setup.Company.Id, (db, _) => db.Set<PeppolAccount>().AsNoTracking().SingleAsync(ct));
        Assert.DoesNotContain(FakeAccessPoint.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.NotEmpty(stored.ProtectedSecret);
        Assert.Equal((await setup.App.InCompany(setup.Company.Id, (db, _) => PeppolAccounts.DefaultParticipantIdAsync(db, ct))), stored.ParticipantId);
        Assert.StartsWith("0208:", stored.ParticipantId, StringComparison.Ordinal);

        // Saving without a secret keeps the stored one (the access point still accepts the key and secret); a stale version is refused.
        var version = account.GetProperty("version").GetInt32();
        var (paused, pausedBody) = await setup.Admin.PutJsonAsync("/api/peppol/account", Account(setup.Fake.BaseUrl, secret: null, version, enabled: false));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.False(pausedBody.GetProperty("enabled").GetBoolean());
        Assert.True(pausedBody.GetProperty("hasSecret").GetBoolean());
        var (stale, _) = await setup.Admin.PutJsonAsync("/api/peppol/account", Account(setup.Fake.BaseUrl, secret: null, version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var (kept, keptBody) = await setup.Admin.PutJsonAsync("/api/peppol/account", Account(setup.Fake.BaseUrl, secret: null, pausedBody.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.DoesNotContain(FakeAccessPoint.Secret, keptBody.ToString(), StringComparison.Ordinal);
        var invoice = await setup.IssueAsync();
        Assert.Equal(DeliveryState.Sent, (await setup.SendAsync(invoice)).State);

        // Bad input is refused field by field and changes nothing.
        var (bad, badBody) = await setup.Admin.PutJsonAsync("/api/peppol/account", new
        {
            baseUrl = "ftp://example.com", accountId = "", apiKey = "k", secret = "", participantId = "0208:0000000000", enabled = true,
            version = keptBody.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var field in new[] { "baseUrl", "accountId", "participantId" })
        {
            Assert.True(badBody.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {badBody}");
        }

        // Office staff may not read or change it; another company's admin sees only its own (empty) account.
        var office = await setup.Company.OfficeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/api/peppol/account", ct)).StatusCode);
        var other = await setup.App.CreateCompanyAsync("Peppol other " + Guid.NewGuid().ToString("N")[..6]);
        var otherAdmin = await other.AdminAsync();
        var theirs = await otherAdmin.GetJsonAsync("/api/peppol/account");
        Assert.False(theirs.GetProperty("configured").GetBoolean());
        Assert.DoesNotContain(FakeAccessPoint.ApiKey, theirs.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.DeleteAsync("/api/peppol/account", ct)).StatusCode);
        Assert.True((await setup.Admin.GetJsonAsync("/api/peppol/account")).GetProperty("configured").GetBoolean());

        // Disconnecting erases the secret: nothing more leaves over Peppol.
        Assert.Equal(HttpStatusCode.NoContent, (await setup.Admin.DeleteAsync("/api/peppol/account", ct)).StatusCode);
        var closed = await setup.App.InCompany(setup.Company.Id, (db, _) => db.Set<PeppolAccount>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.CompanyId == setup.Company.Id, ct));
        Assert.Empty(closed.ProtectedSecret);
        Assert.False((await setup.Admin.GetJsonAsync("/api/peppol/account")).GetProperty("configured").GetBoolean());
        var another = await setup.IssueAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => setup.SendAsync(another));
        Assert.Equal(409, refused.Status);
    }

    [Fact]
    public async Task The_UBL_the_access_point_received_passes_the_official_Peppol_validation()
    {
        var script = OfficialValidation.Script();
        await using var setup = await StartAsync(DatabaseProvider.Sqlite);
        var invoice = await setup.IssueAsync();
        Assert.Equal(DeliveryState.Sent, (await setup.SendAsync(invoice)).State);

        var file = Path.Combine(Path.GetTempPath(), $"werkbon-peppol-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, Assert.Single(setup.Fake.Received).Document, TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output) = await OfficialValidation.RunAsync(script, [file], TestContext.Current.CancellationToken);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
