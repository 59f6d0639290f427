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

/// <summary>
/// A seam to fail an issue after its number was taken and before it commits (tests prove nothing of it survives): called
/// for each document, in order, once its rows are handed to the transaction.
/// </summary>
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

    /// <summary>How many drafts are read and numbered at a time inside the transaction (bounds the memory a large batch holds).</summary>
    private const int ReadEvery = 2 * SaveEvery;

    /// <summary>How many documents may be rendered ahead of the ones saved (bounds the memory a large batch holds).</summary>
    private const int RenderAhead = 2 * SaveEvery;

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
            issued.AddRange(await IssueBatchAsync(batch, UserId(user), db, clock, hooks, rendering, ct));
        }

        return TypedResults.Ok<IReadOnlyList<IssuedNumber>>(issued);
    }

    /// <summary>Issues one draft in its own transaction.</summary>
    public static async Task<IssuedNumber> IssueAsync(Guid id, Guid? userId, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct) =>
        (await IssueBatchAsync([id], userId, db, clock, hooks, rendering, ct))[0];

    /// <summary>
    /// Issues several drafts, in the order given, in one transaction: consecutive numbers and chain links are
    /// taken one after the other, the documents are rendered side by side on every core, and one commit stores
    /// them all. A failure anywhere rolls all of them back; their numbers go to the next issue. The drafts are read
    /// and numbered <see cref="ReadEvery"/> at a time and each part is let go once written, so a batch's memory does
    /// not grow with its size.
    /// </summary>
    public static async Task<IReadOnlyList<IssuedNumber>> IssueBatchAsync(
        IReadOnlyList<Guid> ids, Guid? userId, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        // Rows read before the lock may be stale; everything is read again inside the transaction.
        db.ChangeTracker.Clear();
        var ledgerId = await EnsureNumberingAsync(db, ct);
        await using var transaction = await SerialWrites.BeginInvoiceChainAsync(db, ledgerId, ct);
        try
        {
            // Every draft is checked before anything is numbered; the rows themselves are read a part at a time below.
            var states = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id))
                .Select(i => new { i.Id, i.Status }).ToDictionaryAsync(i => i.Id, i => i.Status, ct);
            if (ids.Any(id => !states.ContainsKey(id)))
            {
                throw new DomainException("The invoice does not exist.", "id", StatusCodes.Status404NotFound);
            }

            foreach (var issuedId in ids.Where(id => states[id] != InvoiceStatus.Draft).Take(1))
            {
                (await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == issuedId, ct)).EnsureDraft();
            }

            var ledger = await db.InvoiceLedgers.FirstAsync(ct);
            var series = await db.InvoiceSeries.ToDictionaryAsync(s => s.Kind, ct);
            var company = await db.Companies.FirstAsync(c => c.Id == db.CompanyId, ct);
            var customers = new Dictionary<Guid, Customer>();
            var overPeppol = await Delivery.InvoiceDeliveries.PeppolEnabledAsync(db, ct);
            var now = clock.GetUtcNow();
            var today = Today(company, now);
            var companyClock = CompanyClock.Of(company);

            // What the caller gets back, in the order given: the numbers, not the rows (those are stored and let go).
            var issued = new List<IssuedNumber>(ids.Count);

            // The documents only depend on their frozen content: each is rendered, on every core, as soon as its
            // number and chain link are taken, while this thread goes on and then stores the rendered ones in order.
            // A large batch is read, numbered and held ReadEvery drafts at a time (one part ahead of the one being
            // stored), so its memory does not grow with its size.
            var issues = new Pending?[ids.Count];
            var rendered = new TaskCompletionSource<RenderedInvoice>?[ids.Count];
            var ready = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
            using var window = new SemaphoreSlim(RenderAhead, RenderAhead);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renderers = Parallel.ForEachAsync(
                ready.Reader.ReadAllAsync(stop.Token),
                new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (i, token) =>
                {
                    await window.WaitAsync(token);
                    var issue = issues[i]!;
                    try
                    {
                        rendered[i]!.SetResult(await rendering.RenderAsync(company.Id, companyClock, issue.Document, [.. issue.Reports.Select(r => r.Pdf)], token));
                    }
                    catch (Exception e)
                    {
                        rendered[i]!.TrySetException(e);
                        throw;
                    }
                });

            // Numbers, snapshots and chain links one after the other: each link covers the one before.
            async Task NumberAsync(int start)
            {
                var part = ids.Skip(start).Take(ReadEvery).ToList();
                var loaded = await db.Invoices.AsNoTracking().Where(i => part.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
                var partInvoices = part.Select(id => loaded.GetValueOrDefault(id)
                    ?? throw new DomainException("The invoice does not exist.", "id", StatusCodes.Status404NotFound)).ToList();
                foreach (var invoice in partInvoices)
                {
                    invoice.EnsureDraft();
                }

                var customerIds = partInvoices.Select(i => i.CustomerId).Where(id => !customers.ContainsKey(id)).Distinct().ToList();
                foreach (var customer in await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToListAsync(ct))
                {
                    customers[customer.Id] = customer;
                }

                var correctedIds = partInvoices.Where(i => i.CorrectsInvoiceId is not null).Select(i => i.CorrectsInvoiceId!.Value).Distinct().ToList();
                var corrected = correctedIds.Count == 0
                    ? []
                    : await db.Invoices.AsNoTracking().Where(i => correctedIds.Contains(i.Id))
                        .Select(i => new CorrectedInvoice(i.Id, i.Number, i.IssueDate)).ToDictionaryAsync(i => i.Id, ct);
                var reportIds = partInvoices.Where(i => i.Kind == InvoiceKind.Invoice).SelectMany(i => i.ReportIds).Distinct().ToList();
                var reports = await ReportsAsync(db, reportIds, ct);

                for (var n = start; n < start + partInvoices.Count; n++)
                {
                    var invoice = partInvoices[n - start];
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
                    rendered[n] = new TaskCompletionSource<RenderedInvoice>(TaskCreationOptions.RunContinuationsAsynchronously);
                    ready.Writer.TryWrite(n);
                }
            }

            try
            {
                await NumberAsync(0);
                var unsaved = 0;
                for (var i = 0; i < issues.Length; i++)
                {
                    if (i % ReadEvery == 0)
                    {
                        // The next part is numbered before this one is stored: the renderers never wait for a read.
                        if (i + ReadEvery < issues.Length)
                        {
                            await NumberAsync(i + ReadEvery);
                        }
                        else
                        {
                            ready.Writer.Complete();
                        }
                    }

                    var (invoice, sequence, number, document, snapshot, position, previous, hash, reportsOfInvoice) = issues[i]!;
                    var files = await rendered[i]!.Task.WaitAsync(ct);

                    // Let go of the document and its bytes once stored: a large batch would otherwise keep every one alive to the end.
                    issues[i] = null;
                    rendered[i] = null;
                    var pdf = new InvoiceFile(invoice.Id, InvoiceFile.Pdf, "application/pdf", files.Pdf);
                    var ubl = files.Ubl is null ? null : new InvoiceFile(invoice.Id, InvoiceFile.Ubl, "application/xml", files.Ubl);
                    db.InvoiceFiles.Add(pdf);
                    if (ubl is not null)
                    {
                        db.InvoiceFiles.Add(ubl);
                    }

                    db.Invoices.Attach(invoice);
                    invoice.Issue(series[invoice.Kind], sequence, number, new IssuedDocument(document, snapshot, position, previous, hash, pdf.Sha256, ubl?.Sha256), now.UtcDateTime);
                    foreach (var report in reportsOfInvoice.Select(r => r.Row).Where(r => r.Status == ReportStatus.Approved))
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
                    if (hooks.BeforeCommit is { } hook)
                    {
                        await hook(invoice, ct);
                    }

                    issued.Add(new IssuedNumber(invoice.Id, number, invoice.IssueDate!.Value));
                    unsaved++;
                    if (unsaved == SaveEvery || i == issues.Length - 1)
                    {
                        // Written rows leave the change tracker without being snapshotted again: their bytes need not
                        // stay in memory until the commit, and the next save need not look at them. The chain head and
                        // the series stay tracked: the parts numbered after this save move them on again.
                        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                        db.ChangeTracker.Clear();
                        db.Attach(ledger);
                        db.AttachRange(series.Values);
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

            await transaction.CommitAsync(ct);
            return issued;
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

    /// <summary>The invoice a credit note corrects, as its document names it.</summary>
    private sealed record CorrectedInvoice(Guid Id, string? Number, DateOnly? IssueDate);

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
