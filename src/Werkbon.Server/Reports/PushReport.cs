using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Reports;
using Werkbon.Core.Sync;
using Werkbon.Core.Review;
using Werkbon.Server.Contracts;
using Werkbon.Server.Hosting;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Reports;

/// <summary>The device's signed report and the hash it computed over the canonical form.</summary>
public sealed record PushReportRequest(ReportDocument Document, string Hash);

/// <summary>
/// <c>PUT /api/sync/reports/{id}</c>: stores a signed report exactly once. A replay of the same signed
/// report answers the stored result; a different payload under the same id answers 409; a document
/// whose hash does not match its content answers 422. Nothing is stored unless everything holds.
/// </summary>
public static partial class PushReport
{
    /// <summary>The audit action of a push the server refused: the office's to-do lists the devices that have them.</summary>
    public const string Refused = "sync.refused";

    public static async Task<Results<Ok<PushResult>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>, ProblemHttpResult>> Handle(
        Guid id, PushReportRequest request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, IReportFeed feed,
        Invoicing.StraightThroughIssuing issuing, PushSlots slots, ILogger<PushReportRequest> log, CancellationToken ct)
    {
        var result = await StoreAsync(id, request, user, db, texts, clock, feed, issuing, slots, log, ct);
        if (result.Result is not Ok<PushResult> && result.Result is IStatusCodeHttpResult { StatusCode: { } status })
        {
            await RecordRefusalAsync(id, request, user, status, result.Result, db, clock, ct);
        }

        return result;
    }

    /// <summary>
    /// Remembers a refused push (the device keeps the report under "needs attention"): who, which report of
    /// which work order, the status and the server's reason. Nothing else of the refused report is kept.
    /// </summary>
    private static async Task RecordRefusalAsync(Guid id, PushReportRequest request, ClaimsPrincipal user, int status, IResult result, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var reason = result switch
        {
            IValueHttpResult { Value: HttpValidationProblemDetails problem } => string.Join("; ", problem.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
            IValueHttpResult { Value: ProblemDetails problem } => problem.Title ?? "",
            _ => "",
        };
        db.ChangeTracker.Clear();
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var me) ? me : null,
            Action = Refused,
            Entity = nameof(WorkOrder),
            EntityId = request.Document?.WorkOrderId ?? Guid.Empty,
            Before = id.ToString(),
            After = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Reason = reason.Length > 500 ? reason[..500] : reason,
        });
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Results<Ok<PushResult>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>, ProblemHttpResult>> StoreAsync(
        Guid id, PushReportRequest request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, IReportFeed feed,
        Invoicing.StraightThroughIssuing issuing, PushSlots slots, ILogger<PushReportRequest> log, CancellationToken ct)
    {
        var document = request.Document;
        var v = new Validation(texts);
        if (document is null)
        {
            return v.Add("document", "Validation.Required").Problem();
        }

        if (document.ReportId != id)
        {
            v.Add("document.reportId", "Validation.ReportIdMismatch");
        }

        foreach (var problem in ReportRules.Check(document))
        {
            v.Add("document." + problem.Field, "Validation.Report." + problem.Code);
        }

        DatesInRange(document, v);

        if (!v.IsValid)
        {
            return v.Problem();
        }

        if (!ReportHash.TryCompute(document, out var hash) || !string.Equals(hash, request.Hash, StringComparison.Ordinal))
        {
            LogHashMismatch(log, id);
            return TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The signed report does not match its hash.",
                Detail = "The report's content changed after it was signed, or it was damaged on the way. Nothing was stored.",
            });
        }

        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var outcome = await slots.RunAsync(() => ArriveAsync(id, document, hash, me, db, clock, log, ct), ct);
        if (outcome.Answer is { } answer)
        {
            return answer;
        }

        var arrival = outcome.Arrival!;
        if (arrival.Stored is { } earlier)
        {
            return await Replay(earlier, hash, db, log, ct);
        }

        // Committed: from here on nothing may turn the answer into a failure the device would retry.
        LogStored(log, id, hash);
        try
        {
            await feed.PublishAsync(new ReportChanged(arrival.CompanyId, id), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFeedFailed(log, e, id);
        }

        if (arrival.Approved)
        {
            issuing.Wake(arrival.CompanyId);
        }

        return TypedResults.Ok(new PushResult(id, hash, PushOutcome.Stored, arrival.MissingFiles));
    }

    /// <summary>What a push's database work came to: an answer already (missing, not assigned, a replay), or an arrival.</summary>
    private sealed record Outcome(Results<Ok<PushResult>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>, ProblemHttpResult>? Answer, Arrival? Arrival);

    /// <summary>The push's database work, in one of the node's push slots: the work order checked, the facts read, the write transaction.</summary>
    private static async Task<Outcome> ArriveAsync(Guid id, ReportDocument document, string hash, Guid me, AppDb db, TimeProvider clock, ILogger log, CancellationToken ct)
    {
        var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == document.WorkOrderId, ct);
        if (order is null)
        {
            return new(Rows.Missing("work order"), null);
        }

        if (document.TechnicianId != me || order.Technicians.All(t => t.UserId != me))
        {
            return new(TypedResults.Problem(
                "Only a technician assigned to the work order can sign its report, and only as themselves.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not assigned to this work order"), null);
        }

        // A delivery of a report already stored is found under the lock (a replay is rare: one read saved on every push).
        // What the report is priced and decided against is read before the write transaction, so writers wait only for writes.
        var facts = await FactsAsync(document, order, db, ct);
        Arrival arrival;
        try
        {
            arrival = await SerialWrites.InTransactionAsync(db, ct => ArriveOnceAsync(id, document, hash, facts, db, clock, ct), ct);
        }
        catch (DbUpdateException e) when (SerialWrites.IsUniqueViolation(e))
        {
            // Two deliveries of the same report raced past the lock (its work order changed customer meanwhile); the other one stored it.
            db.ChangeTracker.Clear();
            var stored = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (stored is null)
            {
                throw;
            }

            return new(await Replay(stored, hash, db, log, ct), null);
        }

        return new(null, arrival);
    }

    /// <summary>What the write transaction of a push did: stored the report (with the files still missing), or found it stored.</summary>
    private sealed record Arrival(InterventionReport? Stored, Guid CompanyId, IReadOnlyList<string> MissingFiles, bool Approved = false);

    /// <summary>
    /// The push's one write transaction, holding its customer's drafts: the report is stored, priced, decided and, when
    /// approved straight through, put on its draft, or none of it is. A delivery of a report stored meanwhile stores nothing.
    /// </summary>
    private static async Task<Arrival> ArriveOnceAsync(Guid id, ReportDocument document, string hash, ArrivalFacts facts, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstAsync(w => w.Id == document.WorkOrderId, ct);
        await SerialWrites.LockDraftsAsync(db, [order.CustomerId], ct);
        if (await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } stored)
        {
            return new Arrival(stored, stored.CompanyId, []);
        }

        if (order.CustomerId != facts.Visit.Customer.Id || order.SiteId != facts.SiteId)
        {
            // The work order moved to another customer or site since the facts were read: read them again, under the lock.
            facts = await FactsAsync(document, order, db, ct);
        }

        var report = await ReceiveAsync(document, hash, order, facts, db, clock.GetUtcNow().UtcDateTime, ct);
        if (report.Status == ReportStatus.Approved)
        {
            await Invoicing.DraftInvoices.PutArrivalOnDraftAsync(db, clock, facts.Grouping, report, order.CustomerId, order.Id, facts.Visit.Customer.Language, ct);
        }

        // One save: the report, its audit, receipt and included hours, the completed work order and the draft line.
        await db.SaveChangesAsync(ct);
        return new Arrival(null, report.CompanyId, await MissingFiles(db, report.FileHashes, ct), report.Status == ReportStatus.Approved);
    }

    private static async Task<Results<Ok<PushResult>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>, ProblemHttpResult>> Replay(
        InterventionReport stored, string hash, AppDb db, ILogger log, CancellationToken ct)
    {
        if (!string.Equals(stored.Hash, hash, StringComparison.Ordinal))
        {
            LogConflict(log, stored.Id, stored.Hash, hash);
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Another report was already stored under this id.",
                Detail = "A signed report never changes: a correction is a new report or an office revision.",
            });
        }

        return TypedResults.Ok(new PushResult(stored.Id, stored.Hash, PushOutcome.AlreadyStored, await MissingFiles(db, stored.FileHashes, ct)));
    }

    /// <summary>Every date and instant of a signed report lies in the years the application works with, else it is refused naming the field.</summary>
    private static void DatesInRange(ReportDocument document, Validation v)
    {
        v.Date("document.visitDate", document.VisitDate);
        for (var i = 0; i < (document.Time?.Count ?? 0); i++)
        {
            if (document.Time![i] is { } entry)
            {
                v.Date($"document.time[{i}].start", entry.Start);
                v.Date($"document.time[{i}].end", entry.End);
            }
        }

        if (document.Signature is { } signature)
        {
            v.Date("document.signature.signedAt", signature.SignedAt);
        }
    }

    /// <summary>
    /// Adds a checked, hash-verified signed report to the context (not saved): completes its work order,
    /// prices it, lets the straight-through rules decide and audits the decision. The one arrival path.
    /// </summary>
    public static async Task<InterventionReport> ReceiveAsync(ReportDocument document, string hash, WorkOrder order, AppDb db, DateTime now, CancellationToken ct) =>
        await ReceiveAsync(document, hash, order, await FactsAsync(document, order, db, ct), db, now, ct);

    /// <summary>
    /// What a report of <paramref name="order"/> is priced and decided against, except the contract's included hours already
    /// used (read in the write transaction): customer, site, warranty, rate card, contract, the articles it names, the
    /// straight-through rules. Read before the write transaction: an office edit that commits meanwhile applies from the next
    /// report on, as if this one had arrived a moment earlier.
    /// </summary>
    public static async Task<ArrivalFacts> FactsAsync(ReportDocument document, WorkOrder order, AppDb db, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == order.CustomerId, ct);
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == order.SiteId, ct);
        var warrantyEnds = document.AssetId is { } assetId
            ? await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.WarrantyUntil).FirstOrDefaultAsync(ct)
            : null;
        // The company's clock (for the rate card) and its invoice grouping come from one read of its row.
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == db.CompanyId).Select(c => new { c.TimeZone, c.InvoiceGrouping }).FirstAsync(ct);
        var rateCard = await ReportPricing.RateCardAsync(db, Werkbon.Core.Calendar.WallClock.For(company.TimeZone), ct);
        var visit = new VisitContext(customer, site, await ReportPricing.ContractAsync(db, customer.Id, site?.Id, document.VisitDate, ct), rateCard);
        var visitReport = document.ToVisitReport(site?.DistanceKm, warrantyEnds);
        return new ArrivalFacts(order.SiteId, visit, visitReport, await ReportPricing.ArticlesAsync(db, visit, visitReport, ct), await SaveStraightThroughRules.RulesAsync(db, ct), company.InvoiceGrouping);
    }

    /// <summary>What <see cref="FactsAsync"/> read for one report, and the company's invoice grouping its draft follows.</summary>
    public sealed record ArrivalFacts(
        Guid SiteId, VisitContext Visit, Werkbon.Core.Pricing.VisitReport Report, IReadOnlyList<Catalog.Article> Articles, StraightThroughRules Rules, Invoicing.InvoiceGrouping Grouping);

    private static async Task<InterventionReport> ReceiveAsync(ReportDocument document, string hash, WorkOrder order, ArrivalFacts facts, AppDb db, DateTime now, CancellationToken ct)
    {
        var report = new InterventionReport(document, CanonicalReport.ToText(document), hash, now);
        db.Add(report);
        await OrphanFiles.MarkReferencedAsync(db, report.FileHashes, ct);
        if (order.IsOpen)
        {
            order.Complete();
        }

        await ArriveAsync(report, document, facts, db, now, ct);
        return report;
    }

    /// <summary>Prices the report against the customer's contract and lets the straight-through rules decide; the decision is audited.</summary>
    private static async Task ArriveAsync(InterventionReport report, ReportDocument document, ArrivalFacts facts, AppDb db, DateTime now, CancellationToken ct)
    {
        var customer = facts.Visit.Customer;
        var contract = facts.Visit.Contract;
        var pricing = await ReportPricing.PriceAsync(
            db,
            facts.Visit,
            facts.Report,
            facts.Articles,
            worksOnImmovableProperty: true,
            Werkbon.Core.Languages.FromCode(customer.Language),
            ct);
        var decision = StraightThrough.Decide(document, pricing, contract is not null, facts.Rules);
        report.Arrive(pricing, contract?.Id, decision, now);
        if (decision.Approve && contract is not null && pricing.IncludedUse(document.VisitDate) is { } used)
        {
            db.ContractHoursUses.Add(new ContractHoursUse { ContractId = contract.Id, VisitDate = used.VisitDate, Minutes = used.Minutes, ReportId = report.Id });
        }

        if (customer.Email.Trim().Length > 0)
        {
            // The signature's receipt: the customer's copy leaves with the arrival's commit.
            db.Add(new Delivery.OutboxMessage(Delivery.OutboxKind.ReportReceipt, report.Id, now));
        }

        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            Action = decision.Approve ? "report.approved-straight-through" : "report.needs-review",
            Entity = nameof(InterventionReport),
            EntityId = report.Id,
            Before = nameof(ReportStatus.Signed),
            After = report.Status.ToString(),
            Reason = string.Join(", ", decision.Reasons),
        });
    }

    private static async Task<IReadOnlyList<string>> MissingFiles(AppDb db, IReadOnlyList<string> hashes, CancellationToken ct)
    {
        if (hashes.Count == 0)
        {
            return [];
        }

        var present = await db.Files.Where(f => hashes.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(ct);
        return [.. hashes.Except(present, StringComparer.Ordinal)];
    }

    [LoggerMessage(LogLevel.Debug, "Report {ReportId} stored with hash {Hash}")]
    private static partial void LogStored(ILogger log, Guid reportId, string hash);

    [LoggerMessage(LogLevel.Warning, "Report {ReportId} pushed again with a different payload: stored hash {StoredHash}, pushed hash {PushedHash}")]
    private static partial void LogConflict(ILogger log, Guid reportId, string storedHash, string pushedHash);

    [LoggerMessage(LogLevel.Warning, "Report {ReportId} stored, but the live feed could not tell the open pages")]
    private static partial void LogFeedFailed(ILogger log, Exception exception, Guid reportId);

    [LoggerMessage(LogLevel.Warning, "Report {ReportId} refused: its content does not match its hash")]
    private static partial void LogHashMismatch(ILogger log, Guid reportId);
}
