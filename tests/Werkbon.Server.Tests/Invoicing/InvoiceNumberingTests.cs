using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>Invoice numbers are continuous, gap-free and chronological, however many people issue at once.</summary>
public class InvoiceNumberingTests
{
    private sealed class InjectedFault() : Exception("Injected fault after the number was taken.");

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Sixteen_people_issuing_8000_invoices_at_once_get_numbers_1_to_8000_without_gap_or_repeat(DatabaseProvider provider)
    {
        const int issuers = 16, perIssuer = 500, total = issuers * perIssuer;
        // The run takes 40 minutes on the app's clock; the issuers' access tokens must outlive it.
        using var app = await WerkbonApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Sessions:AccessToken"] = "02:00:00" });
        var company = await app.CreateCompanyAsync("Numbering");
        var customer = await Invoices.CustomerAsync(company);
        var drafts = await Invoices.DraftsAsync(company, customer, total);

        // A few issues fail after taking their number, as a crash before commit would; their issuer tries again later.
        var doomed = new ConcurrentDictionary<Guid, bool>(drafts.Where((_, i) => i % 397 == 5).Select(id => KeyValuePair.Create(id, true)));
        var hooks = app.Services.GetRequiredService<InvoiceIssueHooks>();
        var thrown = new ConcurrentDictionary<Guid, bool>();
        hooks.BeforeCommit = (invoice, _) => doomed.TryRemove(invoice.Id, out bool _) && thrown.TryAdd(invoice.Id, true) ? throw new InjectedFault() : Task.CompletedTask;

        // Start late in the evening in Brussels, so the run crosses midnight while people issue.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 22, 40, 0, TimeSpan.Zero));
        var clients = new List<HttpClient>();
        for (var i = 0; i < issuers; i++)
        {
            clients.Add(await company.OfficeAsync());
        }

        var unexpected = new ConcurrentBag<string>();
        var faults = 0;
        var issued = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, issuers).Select(n => Task.Run(async () =>
        {
            var mine = new Queue<Guid>(drafts.Skip(n * perIssuer).Take(perIssuer));
            while (mine.TryDequeue(out var id))
            {
                var response = await clients[n].PostAsync($"/api/invoices/{id}/issue", null, TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // The company's clock moves on while people issue.
                    if (Interlocked.Increment(ref issued) % 1000 == 0)
                    {
                        app.Clock.Advance(TimeSpan.FromMinutes(5));
                    }
                }
                else if (response.StatusCode == HttpStatusCode.InternalServerError && thrown.TryRemove(id, out bool _))
                {
                    Interlocked.Increment(ref faults);
                    mine.Enqueue(id);
                }
                else
                {
                    unexpected.Add($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                }
            }
        }, TestContext.Current.CancellationToken)));
        watch.Stop();
        hooks.BeforeCommit = null;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{provider}: {total} invoices issued by {issuers} parallel issuers in {watch.Elapsed.TotalSeconds:0.0} s ({total / watch.Elapsed.TotalSeconds:0} /s), {faults} injected faults rolled back");
        Assert.Empty(unexpected);
        Assert.True(faults > 0, "no fault was injected");

        var rows = await Invoices.IssuedAsync(company);
        Assert.Equal(total, rows.Count);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), rows.Select(r => r.Sequence).Order());
        Assert.Equal(total, rows.Select(r => r.Number).Distinct().Count());
        var inOrder = rows.OrderBy(r => r.Sequence).ToList();
        Assert.Equal(inOrder.Select(r => r.ChainPosition), rows.Select(r => r.ChainPosition));
        Assert.True(inOrder.Zip(inOrder.Skip(1)).All(p => p.First.IssueDate <= p.Second.IssueDate), "issue dates go back in time");
        Assert.True(inOrder[^1].IssueDate > inOrder[0].IssueDate, "the clock did not move");
        Assert.Equal("2026/000001", inOrder[0].Number);
        Assert.Equal($"{inOrder[^1].IssueDate.Year}/008000", inOrder[^1].Number);

        watch.Restart();
        var verification = await Invoices.VerifyAsync(company);
        TestContext.Current.TestOutputHelper?.WriteLine($"{provider}: chain of {verification.Checked} documents verified in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(total, verification.Checked);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_failure_after_the_number_is_taken_leaves_no_trace_and_the_next_invoice_gets_that_number(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Rollback");
        var customer = await Invoices.CustomerAsync(company);
        var drafts = await Invoices.DraftsAsync(company, customer, 4);
        var office = await company.OfficeAsync();
        for (var i = 0; i < 2; i++)
        {
            (await office.PostAsync($"/api/invoices/{drafts[i]}/issue", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var hooks = app.Services.GetRequiredService<InvoiceIssueHooks>();
        hooks.BeforeCommit = (_, _) => throw new InjectedFault();
        var failed = await office.PostAsync($"/api/invoices/{drafts[2]}/issue", null, TestContext.Current.CancellationToken);
        hooks.BeforeCommit = null;
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var stillDraft = await office.GetJsonAsync($"/api/invoices/{drafts[2]}");
        Assert.Equal("Draft", stillDraft.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stillDraft.GetProperty("number").ValueKind);

        var (next, body) = await office.PostJsonAsync($"/api/invoices/{drafts[3]}/issue", new { });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("2026/000003", body.GetProperty("number").GetString());
        var (retried, retriedBody) = await office.PostJsonAsync($"/api/invoices/{drafts[2]}/issue", new { });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("2026/000004", retriedBody.GetProperty("number").GetString());
        Assert.True((await Invoices.VerifyAsync(company)).Intact);
        Assert.Equal(4, await app.InCompany(company.Id, (db, _) => db.InvoiceFiles.CountAsync(f => f.Kind == InvoiceFile.Pdf, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_bulk_issue_is_all_or_nothing_and_numbers_the_drafts_in_the_order_given(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Bulk");
        var customer = await Invoices.CustomerAsync(company);
        var drafts = await Invoices.DraftsAsync(company, customer, 120);
        var office = await company.OfficeAsync();
        var order = drafts.AsEnumerable().Reverse().ToList();

        // A failure on one document of the request stores none of them, also when it comes after the first hundred
        // were already written inside the transaction (the request is read and stored a hundred at a time).
        var hooks = app.Services.GetRequiredService<InvoiceIssueHooks>();
        foreach (var doomed in new[] { order[77], order[110] })
        {
            hooks.BeforeCommit = (invoice, _) => invoice.Id == doomed ? throw new InjectedFault() : Task.CompletedTask;
            var failed = await office.PostJsonAsync("/api/invoices/issue", new { ids = order });
            hooks.BeforeCommit = null;
            Assert.Equal(HttpStatusCode.InternalServerError, failed.Response.StatusCode);
            Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Issued, TestContext.Current.CancellationToken)));
            Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.InvoiceFiles.CountAsync(TestContext.Current.CancellationToken)));
            Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.AuditEvents.CountAsync(e => e.Action == "invoice.issued", TestContext.Current.CancellationToken)));
        }

        var (issued, body) = await office.PostJsonAsync("/api/invoices/issue", new { ids = order });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(order, body.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        Assert.Equal(Enumerable.Range(1, 120).Select(n => $"2026/{n:000000}"), body.EnumerateArray().Select(x => x.GetProperty("number").GetString()));
        Assert.Equal(240, await app.InCompany(company.Id, (db, _) => db.InvoiceFiles.CountAsync(TestContext.Current.CancellationToken)));
        Assert.True((await Invoices.VerifyAsync(company)).Intact);
    }
}
