using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Companies;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Invoicing;

public sealed record IssueMany(IReadOnlyList<Guid>? Ids);

public sealed record IssuedNumber(Guid Id, string Number, DateOnly IssueDate);

/// <summary>A seam to fail an issue after its number was taken and before it commits (tests prove nothing of it survives).</summary>
public sealed class InvoiceIssueHooks
{
    public Func<Invoice, CancellationToken, Task>? BeforeCommit { get; set; }
}

/// <summary>
/// Issuing: in one transaction that holds the company's chain, take the next number of the series, date the
/// document, freeze its snapshot, link it into the hash chain, render and store its PDF and UBL once, and mark
/// its reports invoiced. Either all of it commits or none of it, and the number goes to the next issue.
/// </summary>
public static class IssueInvoice
{
    /// <summary>How many drafts a bulk issue takes per transaction.</summary>
    public const int BatchSize = 2000;

    /// <summary>How many issued documents are saved at a time inside the transaction.</summary>
    private const int SaveEvery = 50;

    /// <summary>How many documents may be rendered ahead of the ones saved (bounds the memory a large batch holds).</summary>
    private const int RenderAhead = 4 * SaveEvery;

    public static async Task<Results<Ok<InvoiceDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Issue(
        Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == id, ct))
        {
            return Rows.Missing("invoice");
        }

        await IssueAsync(id, UserId(user), db, clock, hooks, rendering, ct);
        return TypedResults.Ok((await SearchInvoices.DetailsAsync(db, id, ct))!);
    }

    /// <summary>Issues several drafts in the order given, <see cref="BatchSize"/> per transaction; unknown ids or issued ones refuse the whole request up-front.</summary>
    public static async Task<Results<Ok<IReadOnlyList<IssuedNumber>>, ValidationProblem>> IssueAll(
        IssueMany request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        if (new Validation(texts).Ids("ids", request.Ids) is { IsValid: false } tooMany)
        {
            return tooMany.Problem();
        }

        var ids = (request.Ids ?? []).Distinct().ToList();
        var drafts = await db.Invoices.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Status == InvoiceStatus.Draft)
            .Select(i => new { i.Id, Lines = i.Lines.Count })
            .ToListAsync(ct);
        if (ids.Count == 0 || drafts.Count != ids.Count)
        {
            return new Validation(texts).Add("ids", "Invoices.NotDrafts").Problem();
        }

        if (drafts.Any(d => d.Lines == 0))
        {
            return new Validation(texts).Add("ids", "Invoices.NoLines").Problem();
        }

        var issued = new List<IssuedNumber>(ids.Count);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            foreach (var invoice in await IssueBatchAsync(batch, UserId(user), db, clock, hooks, rendering, ct))
            {
                issued.Add(new IssuedNumber(invoice.Id, invoice.Number!, invoice.IssueDate!.Value));
            }
        }

        return TypedResults.Ok<IReadOnlyList<IssuedNumber>>(issued);
    }

    /// <summary>Issues one draft in its own transaction.</summary>
    public static async Task<Invoice> IssueAsync(Guid id, Guid? userId, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct) =>
        (await IssueBatchAsync([id], userId, db, clock, hooks, rendering, ct))[0];

    /// <summary>
    /// Issues several drafts, in the order given, in one transaction: consecutive numbers and chain links are
    /// taken one after the other, the documents are rendered side by side on every core, and one commit stores
    /// them all. A failure anywhere rolls all of them back; their numbers go to the next issue.
    /// </summary>
    public static async Task<IReadOnlyList<Invoice>> IssueBatchAsync(
        IReadOnlyList<Guid> ids, Guid? userId, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        // Rows read before the lock may be stale; everything is read again inside the transaction.
        db.ChangeTracker.Clear();
        var ledgerId = await EnsureNumberingAsync(db, ct);
        await using var transaction = await SerialWrites.BeginInvoiceChainAsync(db, ledgerId, ct);
        try
        {
            // Read untracked and attached just before each is issued: each save then only looks at the rows it writes.
            var loaded = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            var invoices = ids.Select(id => loaded.GetValueOrDefault(id)
                ?? throw new DomainException("The invoice does not exist.", "id", StatusCodes.Status404NotFound)).ToList();
            foreach (var invoice in invoices)
            {
                invoice.EnsureDraft();
            }

            var ledger = await db.InvoiceLedgers.FirstAsync(ct);
            var series = await db.InvoiceSeries.ToDictionaryAsync(s => s.Kind, ct);
            var company = await db.Companies.FirstAsync(c => c.Id == db.CompanyId, ct);
            var customerIds = invoices.Select(i => i.CustomerId).Distinct().ToList();
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var correctedIds = invoices.Where(i => i.CorrectsInvoiceId is not null).Select(i => i.CorrectsInvoiceId!.Value).Distinct().ToList();
            var corrected = await db.Invoices.AsNoTracking().Where(i => correctedIds.Contains(i.Id))
                .Select(i => new { i.Id, i.Number, i.IssueDate }).ToDictionaryAsync(i => i.Id, ct);
            var reportIds = invoices.Where(i => i.Kind == InvoiceKind.Invoice).SelectMany(i => i.ReportIds).Distinct().ToList();
            var reports = await ReportsAsync(db, reportIds, ct);
            var overPeppol = await Delivery.InvoiceDeliveries.PeppolEnabledAsync(db, ct);
            var now = clock.GetUtcNow();
            var today = Today(company, now);
            var companyClock = CompanyClock.Of(company);

            // The documents only depend on their frozen content: each is rendered, on every core, as soon as its
            // number and chain link are taken, while this thread goes on and then stores the rendered ones in order.
            var issues = new Pending[invoices.Count];
            var rendered = issues.Select(_ => new TaskCompletionSource<RenderedInvoice>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var ready = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
            using var window = new SemaphoreSlim(RenderAhead, RenderAhead);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renderers = Parallel.ForEachAsync(
                ready.Reader.ReadAllAsync(stop.Token),
                new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (i, token) =>
                {
                    await window.WaitAsync(token);
                    try
                    {
                        rendered[i].SetResult(await rendering.RenderAsync(company.Id, companyClock, issues[i].Document, [.. issues[i].Reports.Select(r => r.Pdf)], token));
                    }
                    catch (Exception e)
                    {
                        rendered[i].TrySetException(e);
                        throw;
                    }
                });
            try
            {
                // Numbers, snapshots and chain links one after the other: each link covers the one before.
                for (var n = 0; n < invoices.Count; n++)
                {
                    var invoice = invoices[n];
                    var customer = customers[invoice.CustomerId];
                    var ofInvoice = invoice.Kind == InvoiceKind.Invoice
                        ? [.. invoice.ReportIds.Where(reports.ContainsKey).Select(id => reports[id]).OrderBy(r => r.Order)]
                        : new List<ReportOnInvoice>();
                    var (sequence, number, issueDate) = series[invoice.Kind].Take(today);
                    var correctedInvoice = invoice.CorrectsInvoiceId is { } correctedId ? corrected[correctedId] : null;
                    var document = new InvoiceDocument(
                        invoice.Kind,
                        number,
                        issueDate,
                        invoice.Kind == InvoiceKind.CreditNote ? issueDate : issueDate.AddDays(customer.PaymentTermDays),
                        customer.Language,
                        Seller(company),
                        Buyer(customer),
                        invoice.Lines,
                        InvoiceTotals.Compute(invoice.Lines).VatBreakdown,
                        invoice.Net,
                        invoice.Vat,
                        invoice.Total,
                        invoice.Kind == InvoiceKind.CreditNote ? "" : StructuredCommunication.ForInvoice(issueDate.Year, sequence).ToString(),
                        company.Iban,
                        company.Bic,
                        invoice.LegalTexts)
                    {
                        // A credit note's reference is the invoice it corrects: that is what the customer's books look up.
                        BuyerReference = correctedInvoice?.Number ?? BuyerReference(ofInvoice, number),
                        PeriodStart = invoice.PeriodStart,
                        PeriodEnd = invoice.PeriodEnd,
                        PrecedingInvoiceNumber = correctedInvoice?.Number,
                        PrecedingInvoiceIssueDate = correctedInvoice?.IssueDate,
                        Reports = [.. ofInvoice.Select(r => r.Reference)],
                        PaymentTerms = invoice.Kind == InvoiceKind.Invoice ? PaymentTerms.Days(customer.PaymentTermDays, Werkbon.Core.Languages.FromCode(customer.Language)) : "",
                        CreditReason = invoice.Kind == InvoiceKind.CreditNote ? invoice.CreditReason : null,
                    };

                    var previous = ledger.LastHash;
                    var hash = InvoiceHashes.Link(document, previous);
                    ledger.Append(hash);
                    issues[n] = new Pending(invoice, sequence, number, document, InvoiceHashes.Snapshot(document), ledger.Position, previous, hash, ofInvoice);
                    ready.Writer.TryWrite(n);
                }

                ready.Writer.Complete();

                var unsaved = 0;
                for (var i = 0; i < issues.Length; i++)
                {
                    var (invoice, sequence, number, document, snapshot, position, previous, hash, _) = issues[i];
                    var files = await rendered[i].Task.WaitAsync(ct);

                    // Let go of the bytes once stored: a large batch would otherwise keep every document alive to the end.
                    rendered[i] = null!;
                    var pdf = new InvoiceFile(invoice.Id, InvoiceFile.Pdf, "application/pdf", files.Pdf);
                    var ubl = files.Ubl is null ? null : new InvoiceFile(invoice.Id, InvoiceFile.Ubl, "application/xml", files.Ubl);
                    db.InvoiceFiles.Add(pdf);
                    if (ubl is not null)
                    {
                        db.InvoiceFiles.Add(ubl);
                    }

                    db.Invoices.Attach(invoice);
                    invoice.Issue(series[invoice.Kind], sequence, number, new IssuedDocument(document, snapshot, position, previous, hash, pdf.Sha256, ubl?.Sha256), now.UtcDateTime);
                    foreach (var report in issues[i].Reports.Select(r => r.Row).Where(r => r.Status == ReportStatus.Approved))
                    {
                        db.Reports.Attach(report);
                        report.MarkInvoiced(now.UtcDateTime);
                    }

                    var audit = new AuditEvent
                    {
                        At = now.UtcDateTime,
                        UserId = userId,
                        Action = invoice.Kind == InvoiceKind.CreditNote ? "credit-note.issued" : "invoice.issued",
                        Entity = nameof(Invoice),
                        EntityId = invoice.Id,
                        Before = nameof(InvoiceStatus.Draft),
                        After = number,
                        Reason = hash,
                    };
                    db.AuditEvents.Add(audit);
                    Delivery.InvoiceDeliveries.Plan(db, invoice, customers[invoice.CustomerId], now.UtcDateTime,
                        overPeppol && ubl is not null ? Delivery.PeppolDelivery.ReceiverOf(ubl.Content) : null);
                    unsaved++;
                    if (unsaved == SaveEvery || i == issues.Length - 1)
                    {
                        // Written rows leave the change tracker without being snapshotted again: their bytes need not
                        // stay in memory until the commit, and the next save need not look at them.
                        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                        db.ChangeTracker.Clear();
                        window.Release(unsaved);
                        unsaved = 0;
                    }
                }

                await renderers;
            }
            catch
            {
                ready.Writer.TryComplete();
                await stop.CancelAsync();
                await Task.WhenAny(renderers);
                throw;
            }

            if (hooks.BeforeCommit is { } hook)
            {
                foreach (var invoice in invoices)
                {
                    await hook(invoice, ct);
                }
            }

            await transaction.CommitAsync(ct);
            return invoices;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>An invoice between taking its number and being stored.</summary>
    private sealed record Pending(
        Invoice Invoice, long Sequence, string Number, InvoiceDocument Document, string Snapshot, long Position, string PreviousHash, string Hash, IReadOnlyList<ReportOnInvoice> Reports);

    /// <summary>A signed report going on an invoice: its row (to mark invoiced), what the document names of it, and its place in visit order.</summary>
    private sealed record ReportOnInvoice(InterventionReport Row, InvoiceReportReference Reference, ReportForPdf Pdf, int Order);

    /// <summary>Today in the company's time zone.</summary>
    public static DateOnly Today(Company company, DateTimeOffset now) => CompanyClock.Of(company).DateOf(now);

    public static async Task<DateOnly> TodayAsync(AppDb db, TimeProvider clock, CancellationToken ct) =>
        Today(await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct), clock.GetUtcNow());

    /// <summary>The chain head and both series exist before anyone locks them; a racing creator's row is as good as ours.</summary>
    public static async Task<Guid> EnsureNumberingAsync(AppDb db, CancellationToken ct)
    {
        if (await db.InvoiceLedgers.AsNoTracking().Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct) is { } existing
            && await db.InvoiceSeries.CountAsync(ct) == 2)
        {
            return existing;
        }

        try
        {
            // Created under a lock: racing first issues (on any node) wait for the first creator instead of failing on the index.
            await using var transaction = db.Database.CurrentTransaction is null ? await SerialWrites.BeginNumberingSetupAsync(db, ct) : null;
            if (!await db.InvoiceLedgers.AnyAsync(ct))
            {
                db.InvoiceLedgers.Add(new InvoiceLedger());
            }

            if (!await db.InvoiceSeries.AnyAsync(s => s.Kind == InvoiceKind.Invoice, ct))
            {
                db.InvoiceSeries.Add(new InvoiceSeries(InvoiceKind.Invoice, InvoiceSeries.DefaultInvoiceFormat));
            }

            if (!await db.InvoiceSeries.AnyAsync(s => s.Kind == InvoiceKind.CreditNote, ct))
            {
                db.InvoiceSeries.Add(new InvoiceSeries(InvoiceKind.CreditNote, InvoiceSeries.DefaultCreditNoteFormat));
            }

            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException e) when (SerialWrites.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await EnsureNumberingAsync(db, ct);
        }

        db.ChangeTracker.Clear();
        return await db.InvoiceLedgers.AsNoTracking().Select(l => l.Id).FirstAsync(ct);
    }

    private static InvoiceParty Seller(Company company) => new(
        company.LegalName,
        new PostalAddress(company.Address.Street, company.Address.PostalCode, company.Address.City, company.Address.Country),
        company.VatNumber,
        company.EnterpriseNumber,
        company.PeppolId,
        company.Email,
        company.Phone);

    /// <summary>
    /// The customer as it stands on the document. A private customer without a Peppol address has none on the document
    /// either: it gets no Peppol UBL (<see cref="PeppolUbl.IsFor"/>), only the PDF.
    /// </summary>
    private static InvoiceParty Buyer(Customer customer) => new(
        customer.Name,
        new PostalAddress(customer.BillingAddress.Street, customer.BillingAddress.PostalCode, customer.BillingAddress.City, customer.BillingAddress.Country),
        customer.VatNumber,
        customer.EnterpriseNumber,
        customer.PeppolEndpoint,
        customer.Email,
        customer.Phone);

    /// <summary>The work orders' numbers (what the customer's purchasing knows), else the document's own number.</summary>
    private static string BuyerReference(IReadOnlyList<ReportOnInvoice> reports, string number)
    {
        var reference = string.Join(", ", reports.Select(r => r.Pdf.WorkOrderNumber).Distinct().Order(StringComparer.Ordinal));
        return reference.Length is > 0 and <= 200 ? reference : number;
    }

    /// <summary>The reports of the invoices being issued, by id, each with its place in visit order.</summary>
    private static async Task<Dictionary<Guid, ReportOnInvoice>> ReportsAsync(AppDb db, IReadOnlyList<Guid> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var rows = await (from r in db.Reports.AsNoTracking()
                          join w in db.WorkOrders on r.WorkOrderId equals w.Id
                          join s in db.Sites on w.SiteId equals s.Id
                          join u in db.Users on r.TechnicianId equals u.Id
                          where reportIds.Contains(r.Id)
                          orderby r.VisitDate, r.SignedAt
                          select new { Report = r, w.Number, s.Address, u.DisplayName })
                         .ToListAsync(ct);
        return rows.Select((x, order) =>
        {
            var document = x.Report.Document();
            var reference = new InvoiceReportReference(
                x.Report.Id, x.Number, x.Report.VisitDate, x.DisplayName, x.Address.ToString(), document.Signature.SignerName, document.Signature.SignedAt, x.Report.Hash);
            return new ReportOnInvoice(x.Report, reference, new ReportForPdf(document, x.Report.Hash, x.DisplayName, x.Address.ToString(), x.Number), order);
        }).ToDictionary(r => r.Row.Id);
    }

    private static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
