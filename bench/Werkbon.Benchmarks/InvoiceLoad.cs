using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Werkbon.Core;
using Werkbon.Core.Calendar;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using Werkbon.Server.Companies;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;

namespace Werkbon.Benchmarks;

/// <summary>
/// Load run: prices N typical reports into drafts, then issues them with several parallel issuers through the
/// server's own issuing (numbering under the chain lock, snapshot, chain hash, PDF, UBL, storage) on a fresh
/// database, and reports the throughput.
/// <c>dotnet run -c Release --project bench/Werkbon.Benchmarks -- issue-invoices [count] [issuers] [postgres-connection-string]</c>
/// </summary>
public static class InvoiceLoad
{
    private const int Warmup = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var issuers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var postgres = args.Length > 3 ? args[3] : null;
        var folder = Path.Combine(Path.GetTempPath(), "werkbon-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var company = new CurrentCompany();
        AppDb Open() => postgres is null
            ? new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={Path.Combine(folder, "werkbon.db")}").Options, company)
            : new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(postgres).Options, company);

        var ct = CancellationToken.None;
        Guid customerId;
        await using (var db = Open())
        {
            await DatabaseSetup.MigrateAsync(db, ct);
            var seller = new Company
            {
                Name = "Bench", LegalName = "Bench BV", EnterpriseNumber = "0403170701", VatNumber = "BE0403170701",
                Address = new Address("Bautersemstraat 1", "2800", "Mechelen"), Iban = "BE71096123456769", Bic = "GKCCBEBB",
            };
            db.Companies.Add(seller);
            await db.SaveChangesAsync(ct);
            company.Set(seller.Id);
            var customer = new Customer { Name = "Winkel NV", EnterpriseNumber = "0403170701", VatNumber = "BE0403170701", BillingAddress = new Address("Meir 1", "2000", "Antwerpen") };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            customerId = customer.Id;
        }

        var clock = TimeProvider.System;
        var request = TypicalReport();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataFolder"] = folder })
            .Build();
        var rendering = new InvoiceRendering(new Werkbon.Server.Invoicing.Documents.InvoicePdf(new Werkbon.Server.Hosting.Texts()), new Werkbon.Server.Reports.LocalFileStore(configuration));
        var hooks = new InvoiceIssueHooks();

        async Task<List<Guid>> DraftAsync(int number, string prefix)
        {
            // Reports are priced as they arrive, on whichever core is free; the drafts are stored together.
            await using var db = Open();
            var drafts = new Invoice[number];
            Parallel.For(0, number, i =>
            {
                var priced = PricingEngine.Price(request);
                drafts[i] = new Invoice(InvoiceKind.Invoice, customerId, $"{prefix}:{i}", priced.Lines.Select(l => InvoiceTotals.FromPriced(l)), clock.GetUtcNow().UtcDateTime);
            });
            db.Invoices.AddRange(drafts);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            return [.. drafts.Select(d => d.Id)];
        }

        Task IssueAsync(List<Guid> ids) => Task.WhenAll(Enumerable.Range(0, issuers).Select(n => Task.Run(async () =>
        {
            // Each issuer bulk-issues its share as the office does: in batches, rendered on every core.
            await using var db = Open();
            foreach (var batch in ids.Where((_, i) => i % issuers == n).Chunk(IssueInvoice.BatchSize))
            {
                await IssueInvoice.IssueBatchAsync(batch, null, db, clock, hooks, rendering, ct);
            }
        }, ct)));

        // A running server has compiled its code paths already: warm up on a few invoices first, untimed.
        var watch = Stopwatch.StartNew();
        await IssueAsync(await DraftAsync(Warmup, "warmup"));
        var warmup = watch.Elapsed;

        watch.Restart();
        var ids = await DraftAsync(count, "bench");
        var drafted = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var allocated = GC.GetTotalAllocatedBytes();
        watch.Restart();
        await IssueAsync(ids);
        var issued = watch.Elapsed;
        var issueCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var issueAllocated = GC.GetTotalAllocatedBytes() - allocated;
        collections = [GC.CollectionCount(0) - collections[0], GC.CollectionCount(1) - collections[1], GC.CollectionCount(2) - collections[2]];

        await using (var db = Open())
        {
            var verification = await VerifyInvoiceChain.VerifyAsync(db, ct);
            var bytes = await db.InvoiceFiles.AsNoTracking().Select(f => f.Content.Length).ToListAsync(ct);
            var sample = Math.Min(count, 200);
            var snapshots = await db.Invoices.AsNoTracking().Where(i => i.Snapshot != null).OrderBy(i => i.ChainPosition).Skip(Warmup).Take(sample).Select(i => i.Snapshot!).ToListAsync(ct);
            var documents = snapshots.Select(InvoiceHashes.Read).ToList();
            var pdf = new Werkbon.Server.Invoicing.Documents.InvoicePdf(new Werkbon.Server.Hosting.Texts());
            watch.Restart();
            var pdfs = documents.Select(d => pdf.Render(d, [], Werkbon.Server.Invoicing.Documents.InvoiceBranding.None)).ToList();
            var pdfAlone = watch.Elapsed;
            watch.Restart();
            foreach (var (document, rendered) in documents.Zip(pdfs))
            {
                PeppolUbl.ToUtf8Bytes(document, new EmbeddedDocument($"{document.Number.Replace('/', '-')}.pdf", rendered));
            }

            var ublAlone = watch.Elapsed;
            watch.Restart();
            foreach (var (document, rendered) in documents.Zip(pdfs))
            {
                InvoiceHashes.Sha256(rendered);
                InvoiceHashes.Snapshot(document);
                InvoiceHashes.Link(document, "");
            }

            var hashesAlone = watch.Elapsed;
            double PerInvoice(TimeSpan span) => span.TotalMilliseconds / documents.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                {(postgres is null ? "SQLite" : "PostgreSQL")}, {Environment.ProcessorCount} cores, {issuers} parallel issuers
                warm-up, untimed:   {Warmup} invoices in {warmup.TotalSeconds:0.00} s (first use: code compiled, caches filled)
                end to end:         {count} invoices in {(drafted + issued).TotalSeconds:0.00} s ({count / (drafted + issued).TotalSeconds:0} /s; pricing, drafts, numbering, snapshot, chain hash, PDF, UBL, storage)
                priced into drafts: {count} in {drafted.TotalSeconds:0.00} s ({count / drafted.TotalSeconds:0} /s)
                issued:             {count} in {issued.TotalSeconds:0.00} s ({count / issued.TotalSeconds:0} /s; {issueCpu.TotalMilliseconds / count:0.00} ms of CPU per invoice over all cores)
                garbage collections while issuing: {collections[0]} / {collections[1]} / {collections[2]} (gen 0 / 1 / 2), {issueAllocated / 1024.0 / count:0} KiB allocated per invoice
                stored documents:   {bytes.Count} files (with the {Warmup} warm-up invoices), {bytes.Sum() / 1024.0 / 1024.0:0.0} MiB
                chain verification: {(verification.Intact ? "intact" : verification.Problem)}, {verification.Checked} documents
                one thread, per invoice over {documents.Count} of them: PDF {PerInvoice(pdfAlone):0.00} ms, UBL with the PDF embedded {PerInvoice(ublAlone):0.00} ms, snapshot + hashes {PerInvoice(hashesAlone):0.00} ms
                issue vs rendering alone: {issued.TotalMilliseconds / count:0.00} ms per issued invoice (wall, all issuers) vs {PerInvoice(pdfAlone + ublAlone):0.00} ms to render PDF + UBL once
                """));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static PricingRequest TypicalReport()
    {
        var day = new DateOnly(2026, 3, 12);
        var brussels = WallClock.Brussels.Zone;
        TimeEntry Entry(string from, string to, TimeEntryKind kind)
        {
            DateTimeOffset At(string time)
            {
                var local = day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture));
                return new DateTimeOffset(local, brussels.GetUtcOffset(local));
            }

            return new TimeEntry(At(from), At(to), kind, "technician");
        }

        var catalog = new ArticleCatalog(Enumerable.Range(1, 500).Select(i =>
            new Article($"ART-{i:000}", new($"Article {i}", $"Artikel {i}", $"Article {i}"), "C62", 1.05m * i, 21m, "parts")));
        return new PricingRequest(
            new VisitReport(
                day,
                [Entry("08:10", "08:35", TimeEntryKind.Travel), Entry("08:35", "12:05", TimeEntryKind.Work), Entry("15:20", "17:45", TimeEntryKind.Work)],
                [new("ART-001", 2), new("ART-017", 1), new("ART-020", 1), new("ART-033", 3.5m), new("ART-250", 4)])
            {
                DistanceKm = 34m,
            },
            RateCard.BelgianDefaults().ToTerms(brussels),
            catalog,
            HolidayCalendar.Belgium(),
            VatContext.Business(filesPeriodicVatReturns: false))
        {
            Language = Language.Nl,
        };
    }
}
