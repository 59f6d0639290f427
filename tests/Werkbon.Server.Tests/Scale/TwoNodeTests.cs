using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Sync;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Payments;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Delivery;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Scale;

/// <summary>
/// Two app nodes on one PostgreSQL database, with the work spread over both: what one node guarantees holds across
/// them. The short seeded form runs with the suite; <c>WERKBON_TWO_NODES_SCALE</c> (a multiplier, e.g. 20) and
/// <c>WERKBON_TWO_NODES_SEED</c> make the long form.
/// </summary>
public class TwoNodeTests
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("WERKBON_TWO_NODES_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("WERKBON_TWO_NODES_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 20261204;

    /// <summary>Long runs outlive the default ten-minute access token.</summary>
    private static readonly Dictionary<string, string> LongTokens = new() { ["Sessions:AccessToken"] = "02:00:00" };

    [Fact]
    public async Task Reports_pushed_over_both_nodes_are_stored_once_heard_on_both_and_each_approved_one_is_on_exactly_one_draft()
    {
        int distinct = 40 * Scale, duplicates = 8 * Scale;
        using var a = await WerkbonApp.StartAsync(DatabaseProvider.Postgres, settings: LongTokens);
        using var b = a.StartSecondNode();
        var company = await a.CreateCompanyAsync("Nodes");
        var onB = company with { App = b };
        var customers = new[] { await MasterData.CreateAsync(company, "Noord"), await MasterData.CreateAsync(company, "Zuid") };
        var offices = new[] { await company.OfficeAsync(), await onB.OfficeAsync() };
        var technicians = new[] { await company.TechnicianAsync(), await onB.TechnicianAsync() };
        var (settings, settingsBody) = await offices[1].PutJsonAsync("/api/invoices/settings", new { grouping = "PerCustomerPerMonth", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" });
        Assert.True(settings.StatusCode == HttpStatusCode.OK, settingsBody.ToString());

        // Work orders made on both nodes; one report in four has a free-text item and waits for the office.
        var random = new Random(Seed);
        var reports = new List<SignedReports.Signed>();
        for (var i = 0; i < distinct; i++)
        {
            var data = customers[i % customers.Length];
            var (created, order) = await offices[i % 2].PostJsonAsync("/api/work-orders", new
            {
                customerId = data.CustomerId,
                siteId = data.SiteId,
                description = $"Onderhoud {i}",
                scheduledStart = "2026-03-10T08:00:00+01:00",
                scheduledEnd = "2026-03-10T10:00:00+01:00",
                technicianIds = new[] { company.Technician.Id },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, order.ToString());
            reports.Add(SignedReports.Create(order.GetProperty("id").GetGuid(), company.Technician.Id, random, photos: 0, articleCode: data.ArticleCode, withFreeTextExtra: i % 4 == 3));
        }

        // Every page of the company, on either node, hears of every report.
        var heard = new[] { new ConcurrentDictionary<Guid, bool>(), new ConcurrentDictionary<Guid, bool>() };
        using var listenA = a.Services.GetRequiredService<IReportFeed>().Subscribe(company.Id, c => { heard[0][c.ReportId] = true; return Task.CompletedTask; });
        using var listenB = b.Services.GetRequiredService<IReportFeed>().Subscribe(company.Id, c => { heard[1][c.ReportId] = true; return Task.CompletedTask; });
        await Task.Delay(300, Ct); // LISTEN is set up in the background on start

        // Each report goes to one node; the duplicates go to both at the same moment, as a device retrying through the
        // balancer. Meanwhile the office gathers drafts on both nodes.
        var deliveries = reports.Select((r, i) => (Signed: r, Node: i % 2))
            .Concat(reports.Take(duplicates).Select((r, i) => (Signed: r, Node: (i + 1) % 2)))
            .OrderBy(_ => random.Next()).ToList();
        using var start = new SemaphoreSlim(0);
        var pushes = deliveries.Select(d => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            var response = await technicians[d.Node].PushAsync(d.Signed.Document, d.Signed.Hash);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var result = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<PushResult>(body, Wire) : null;
            return (d.Signed.Document.ReportId, d.Node, response.StatusCode, Body: body, Result: result);
        }, Ct)).ToList();
        var gatherings = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            await Task.Delay(20 * n, Ct);
            return (await offices[n % 2].PostJsonAsync("/api/invoices/drafts", new { })).Response.StatusCode;
        }, Ct)).ToList();
        start.Release(deliveries.Count + gatherings.Count);
        var answers = await Task.WhenAll(pushes);
        Assert.All(await Task.WhenAll(gatherings), s => Assert.Equal(HttpStatusCode.OK, s));

        var failed = answers.Where(x => x.StatusCode != HttpStatusCode.OK).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {answers.Length} pushes failed, first: {failed.Select(f => $"{(int)f.StatusCode} {f.Body}").FirstOrDefault()}");
        Assert.All(answers.GroupBy(x => x.ReportId), g =>
        {
            Assert.Equal(1, g.Count(x => x.Result!.Outcome == PushOutcome.Stored));
            Assert.Single(g.Select(x => x.Result!.Hash).Distinct()); // both nodes answer the same stored report
        });
        Assert.Equal(duplicates, answers.Count(x => x.Result!.Outcome == PushOutcome.AlreadyStored));

        // The office approves what waits, half on each node at once.
        var waiting = await a.InCompany(company.Id, (db, _) => db.Reports.AsNoTracking().Where(r => r.Status != ReportStatus.Approved).Select(r => r.Id).ToListAsync(Ct));
        var approvals = await Task.WhenAll(waiting.Select((id, i) => Task.Run(async () => (await offices[i % 2].PostAsync($"/api/reports/{id}/approve", null, Ct)).StatusCode, Ct)));
        Assert.All(approvals, s => Assert.Equal(HttpStatusCode.NoContent, s));

        var (stored, sources, drafts) = await b.InCompany(company.Id, async (db, _) => (
            await db.Reports.AsNoTracking().ToListAsync(Ct),
            await db.InvoiceSources.AsNoTracking().ToListAsync(Ct),
            await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft).ToListAsync(Ct)));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{answers.Length} pushes over 2 nodes, {stored.Count} reports stored, {waiting.Count} approved by the office, {sources.Count} on {drafts.Count} drafts");
        Assert.Equal(reports.Count, stored.Count);
        Assert.All(stored, r => Assert.True(r.IsIntact() && r.Hash == reports.Single(s => s.Document.ReportId == r.Id).Hash));
        Assert.All(stored, r => Assert.Equal(ReportStatus.Approved, r.Status));
        Assert.Equal(stored.Select(r => r.Id).Order(), sources.Select(s => s.ReportId).Order()); // each on one invoice
        Assert.Equal(stored.Select(r => r.Id).Order(), drafts.SelectMany(d => d.ReportIds).Order());
        Assert.Equal(customers.Select(c => c.CustomerId).Order(), drafts.Select(d => d.CustomerId).Order());

        // A later gathering on either node finds nothing left.
        foreach (var office in offices)
        {
            var (gathered, gatheredBody) = await office.PostJsonAsync("/api/invoices/drafts", new { });
            Assert.Equal(HttpStatusCode.OK, gathered.StatusCode);
            Assert.Equal(0, gatheredBody.GetProperty("reportsGathered").GetInt32());
        }

        for (var i = 0; i < 300 && heard.Any(h => stored.Any(r => !h.ContainsKey(r.Id))); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.All(heard, h => Assert.All(stored, r => Assert.True(h.ContainsKey(r.Id), $"a node's pages did not hear of report {r.Id}")));
        AssertQuiet(a, b);
    }

    [Fact]
    public async Task Both_nodes_issuing_at_once_give_gap_free_numbers_and_one_intact_chain()
    {
        int issuersPerNode = 4, total = 120 * Scale;
        using var a = await WerkbonApp.StartAsync(DatabaseProvider.Postgres, settings: LongTokens);
        using var b = a.StartSecondNode();
        var company = await a.CreateCompanyAsync("Numbers");
        var customer = await Invoices.CustomerAsync(company);
        var drafts = await Invoices.DraftsAsync(company, customer, total);
        var nodes = new[] { company, company with { App = b } };
        var clients = new List<HttpClient>();
        for (var i = 0; i < issuersPerNode * 2; i++)
        {
            clients.Add(await nodes[i % 2].OfficeAsync());
        }

        // Each issuer takes drafts from one shared queue: one at a time, or a batch of five now and then.
        var queue = new ConcurrentQueue<Guid>(drafts.OrderBy(_ => Random.Shared.Next()));
        var unexpected = new ConcurrentBag<string>();
        await Task.WhenAll(clients.Select((client, n) => Task.Run(async () =>
        {
            var round = 0;
            while (!queue.IsEmpty)
            {
                var batch = new List<Guid>();
                for (var k = 0; k < (++round % 4 == 0 ? 5 : 1) && queue.TryDequeue(out var id); k++)
                {
                    batch.Add(id);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                var response = batch.Count == 1
                    ? await client.PostAsync($"/api/invoices/{batch[0]}/issue", null, Ct)
                    : (await client.PostJsonAsync("/api/invoices/issue", new { ids = batch })).Response;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    unexpected.Add($"node {n % 2}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }, Ct)));

        Assert.Empty(unexpected);
        var rows = await Invoices.IssuedAsync(nodes[1]);
        Assert.Equal(total, rows.Count);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), rows.Select(r => r.Sequence).Order());
        Assert.Equal(total, rows.Select(r => r.Number).Distinct().Count());
        var inOrder = rows.OrderBy(r => r.Sequence).ToList();
        Assert.Equal(inOrder.Select(r => r.ChainPosition), rows.Select(r => r.ChainPosition));
        var verification = await Invoices.VerifyAsync(company);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(total, verification.Checked);
        AssertQuiet(a, b);
    }

    [Fact]
    public async Task With_both_nodes_dispatching_every_queued_mail_is_sent_exactly_once()
    {
        var total = 24 * Scale;
        await using var smtp = LoopbackSmtp.Start();
        using var a = await WerkbonApp.StartAsync(DatabaseProvider.Postgres, settings: LongTokens);
        using var b = a.StartSecondNode();
        var company = await a.CreateCompanyAsync("Outbox");
        var (saved, savedBody) = await (await company.AdminAsync()).PutJsonAsync("/api/mail/settings", smtp.Settings());
        Assert.True(saved.IsSuccessStatusCode, savedBody.ToString());
        var customer = await Invoices.CustomerAsync(company);
        await a.InCompany(company.Id, async (db, _) =>
        {
            (await db.Customers.SingleAsync(c => c.Id == customer, Ct)).Email = "boekhouding@klant.test";
            return await db.SaveChangesAsync(Ct);
        });
        var drafts = await Invoices.DraftsAsync(company, customer, total);

        // The SMTP server is down while the invoices are issued: every mail waits in the outbox for its retry.
        smtp.Mode = SmtpMode.Outage;
        var (issued, issuedBody) = await (await company.OfficeAsync()).PostJsonAsync("/api/invoices/issue", new { ids = drafts });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, issuedBody.ToString());
        await smtp.WaitForOffersAsync(total, Ct);
        for (var i = 0; i < 300 && await JobsAsync(a, company, j => j.Attempts == 1 && j.State == OutboxState.Pending) < total; i++)
        {
            await Task.Delay(100, Ct);
        }

        // Back up, and the retries come due on both nodes at once: their pollers and two explicit runs per node compete.
        smtp.Mode = SmtpMode.Accept;
        a.Clock.Advance(TimeSpan.FromMinutes(2));
        b.Clock.Advance(TimeSpan.FromMinutes(2));
        var dispatchers = new[] { a.Services.GetRequiredService<MailDispatcher>(), b.Services.GetRequiredService<MailDispatcher>() };
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => dispatchers[n % 2].RunDueAsync(Ct), Ct)));
        await smtp.WaitForAsync(total, Ct);
        for (var i = 0; i < 300 && await JobsAsync(a, company, j => j.State == OutboxState.Done) < total; i++)
        {
            await Task.Delay(100, Ct);
        }

        await Task.Delay(500, Ct); // a second sending would show up by now
        TestContext.Current.TestOutputHelper?.WriteLine($"{total} mails, explicit runs took {string.Join("/", runs)}, {smtp.Offered} offered in all");
        Assert.Equal(total, smtp.Messages.Count);
        Assert.Equal(total, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2 * total, smtp.Offered); // one refused try and one accepted send per mail
        Assert.Equal(total, await JobsAsync(a, company, j => j.State == OutboxState.Done && j.Attempts == 2));
        Assert.Equal(total, await a.InCompany(company.Id, (db, _) => db.AuditEvents.CountAsync(e => e.Action == "invoice.mail.sent", Ct)));
        AssertQuiet(a, b);
    }

    [Fact]
    public async Task Peppol_polling_on_both_nodes_hands_a_waiting_document_over_once()
    {
        await using var fake = await FakeAccessPoint.StartAsync();
        var settings = new Dictionary<string, string>(LongTokens) { ["Peppol:TimeoutSeconds"] = "5" };
        using var a = await WerkbonApp.StartAsync(DatabaseProvider.Postgres, settings: settings);
        using var b = a.StartSecondNode();
        var company = await a.CreateCompanyAsync("Peppol nodes");
        await a.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, Ct);
            row.Iban = "BE68 5390 0754 7034";
            row.Bic = "TRIOBEBB";
            return await db.SaveChangesAsync(Ct);
        });
        var (account, accountBody) = await (await company.AdminAsync()).PutJsonAsync("/api/peppol/account", new
        {
            baseUrl = fake.BaseUrl, accountId = FakeAccessPoint.CompanyId, apiKey = FakeAccessPoint.ApiKey, secret = FakeAccessPoint.Secret, participantId = (string?)null, enabled = true, version = (int?)null,
        });
        Assert.True(account.IsSuccessStatusCode, accountBody.ToString());
        var customer = await Invoices.CustomerAsync(company);
        var draft = (await Invoices.DraftsAsync(company, customer, 1))[0];
        var (issued, issuedBody) = await (await company.OfficeAsync()).PostJsonAsync($"/api/invoices/{draft}/issue", new { });
        Assert.True(issued.IsSuccessStatusCode, issuedBody.ToString());

        // The first hand-over meets a passing failure: the document waits for the polling to try again.
        fake.Plan.Enqueue(FakeAccessPoint.Answer.ServerError);
        await a.InCompany(company.Id, (db, services) => services.GetRequiredService<PeppolDelivery>().SendAsync(db, draft, Ct));
        Assert.Single(fake.Received);

        // Node A's pass is handing it over (a slow access point) when node B's pass starts.
        fake.SlowDelay = TimeSpan.FromSeconds(1);
        fake.Plan.Enqueue(FakeAccessPoint.Answer.Slow);
        fake.Plan.Enqueue(FakeAccessPoint.Answer.Slow);
        var first = a.Services.GetRequiredService<PeppolPolling>().RunAsync(Ct);
        for (var i = 0; i < 200 && fake.Received.Count < 2; i++)
        {
            await Task.Delay(10, Ct);
        }

        await b.Services.GetRequiredService<PeppolPolling>().RunAsync(Ct);
        await first;

        Assert.Equal(2, fake.Received.Count);
        var state = await a.InCompany(company.Id, (db, _) => PeppolDelivery.StateAsync(db, draft, Ct));
        Assert.Equal(DeliveryState.Sent, state!.State);
        Assert.Equal(2, state.Attempts);
    }

    [Fact]
    public async Task Reminder_sweeps_on_both_nodes_at_once_queue_each_step_once()
    {
        var total = 12 * Scale;
        using var a = await WerkbonApp.StartAsync(DatabaseProvider.Postgres, settings: LongTokens);
        using var b = a.StartSecondNode();
        var company = await a.CreateCompanyAsync("Reminders");
        var customer = await Invoices.CustomerAsync(company);
        var drafts = await Invoices.DraftsAsync(company, customer, total);
        var (issued, issuedBody) = await (await company.OfficeAsync()).PostJsonAsync("/api/invoices/issue", new { ids = drafts });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, issuedBody.ToString());

        // Well past the due date: the first reminder of every invoice is due on both nodes.
        a.Clock.Advance(TimeSpan.FromDays(45));
        b.Clock.Advance(TimeSpan.FromDays(45));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => ReminderRun.RunAsync((n % 2 == 0 ? a : b).Services, Ct), Ct)));

        var sent = await a.InCompany(company.Id, (db, _) => db.Set<SentReminder>().AsNoTracking().ToListAsync(Ct));
        var jobs = await JobsAsync(a, company, j => j.Kind == OutboxKind.Reminder);
        TestContext.Current.TestOutputHelper?.WriteLine($"{total} overdue invoices, sweeps queued {string.Join("/", sweeps)}");
        Assert.True(sent.Count >= total, $"only {sent.Count} reminders recorded for {total} overdue invoices");
        Assert.Equal(sent.Count, sent.Select(s => (s.InvoiceId, s.Step)).Distinct().Count());
        Assert.Equal(sent.Count, sweeps.Sum());
        Assert.Equal(sent.Count, jobs);
        AssertQuiet(a, b);
    }

    private static Task<int> JobsAsync(WerkbonApp app, TestCompany company, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> where) =>
        app.InCompany(company.Id, (db, _) => db.Set<OutboxMessage>().AsNoTracking().CountAsync(where, Ct));

    private static void AssertQuiet(params WerkbonApp[] nodes)
    {
        var failures = nodes.SelectMany((n, i) => n.Logs.Failures.Select(f => $"node {i}: {f}")).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
