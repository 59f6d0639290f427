using System.Globalization;
using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Invoicing;

public sealed record MonthEndInput(string? Period);

/// <summary>A month-end run as the API and the page show it.</summary>
public sealed record MonthEndRunView(
    Guid Id, string Period, MonthEndState State, int Total, int Done, int Errors, DateTime StartedAt, DateTime? FinishedAt, string? LastError)
{
    public static MonthEndRunView Of(MonthEndRun run) =>
        new(run.Id, run.Period, run.State, run.Total, run.Done, run.Errors, run.StartedAt, run.FinishedAt, run.LastError);
}

/// <summary>
/// Starting and reading month-end runs (<c>/api/invoices/month-end-runs</c>). A company has at most one unfinished run; asking
/// again for the same month while it runs answers that run, asking for another month waits for it (409).
/// </summary>
public static class MonthEndRuns
{
    public static async Task<Results<Accepted<MonthEndRunView>, ValidationProblem, Conflict<ProblemDetails>>> Start(
        MonthEndInput input, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, MonthEndSignal signal, CancellationToken ct)
    {
        if (!TryMonth(input.Period, out var month))
        {
            return new Validation(texts).Add("period", "MonthEnd.BadPeriod").Problem();
        }

        var outcome = await StartAsync(db, month, Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var by) ? by : null, clock, ct);
        if (outcome is null)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = texts["MonthEnd.OtherRunning"],
            });
        }

        signal.Wake();
        return TypedResults.Accepted($"/api/invoices/month-end-runs/{outcome.Id}", outcome);
    }

    /// <summary>Starts a run for the month of <paramref name="month"/>, or gives the unfinished one of that month; null while another month runs.</summary>
    public static async Task<MonthEndRunView?> StartAsync(AppDb db, DateOnly month, Guid? by, TimeProvider clock, CancellationToken ct)
    {
        var start = new DateOnly(month.Year, month.Month, 1);
        return await SerialWrites.InTransactionAsync(
            db,
            async ct =>
            {
                // The company's exclusive drafting lock on PostgreSQL: two starts of one company take turns.
                await SerialWrites.LockDraftsAsync(db, null, ct);
                if (await db.MonthEndRuns.AsNoTracking().FirstOrDefaultAsync(r => r.State == MonthEndState.Running, ct) is { } running)
                {
                    return running.PeriodStart == start ? MonthEndRunView.Of(running) : null;
                }

                var run = new MonthEndRun(start, by, clock.GetUtcNow().UtcDateTime);
                db.MonthEndRuns.Add(run);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return MonthEndRunView.Of(run);
            },
            ct);
    }

    public static async Task<Results<Ok<MonthEndRunView>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.MonthEndRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } run
            ? TypedResults.Ok(MonthEndRunView.Of(run))
            : Rows.Missing("month-end run");

    public static async Task<Ok<IReadOnlyList<MonthEndRunView>>> List(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(await RecentAsync(db, 20, ct));

    public static async Task<IReadOnlyList<MonthEndRunView>> RecentAsync(AppDb db, int count, CancellationToken ct) =>
        [.. (await db.MonthEndRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(count).ToListAsync(ct)).Select(MonthEndRunView.Of)];

    /// <summary>"2026-03": a calendar month within the years dates are accepted in.</summary>
    public static bool TryMonth(string? period, out DateOnly month)
    {
        month = default;
        if (period is null || !DateOnly.TryParseExact(period.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        month = parsed;
        return Validation.IsSaneDate(parsed);
    }
}

/// <summary>Wakes the month-end worker when a run starts, and tells the pages following a run that it moved on.</summary>
public sealed class MonthEndSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raised on the worker's thread after each stored step of a run (company, run).</summary>
    public event Action<Guid, Guid>? Changed;

    public void Wake() => _wake.Writer.TryWrite(true);

    internal void Notify(Guid companyId, Guid runId) => Changed?.Invoke(companyId, runId);

    internal async Task WaitAsync(TimeSpan poll, TimeProvider clock, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(poll, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval ran out: look again for runs (another node's, or one this process missed).
        }
    }
}

/// <summary>
/// Runs the unfinished month-end runs of every company, one after the other, and takes them up again after a restart.
/// A run first gathers the month's approved reports into drafts (a few hundred customers per transaction), then issues the
/// month's drafts <c>MonthEnd:BatchSize</c> at a time (default 100), each batch in its own transaction through
/// <see cref="IssueInvoice.IssueBatchAsync"/>, with a fresh <see cref="AppDb"/> per batch so nothing piles up in memory.
/// A crash rolls back the batch in flight only; the numbers it held go to the next issue and the next start finds its drafts
/// still drafts. Progress is read back from the invoices themselves, never counted up, so it survives a crash exactly.
/// </summary>
public sealed partial class MonthEndWorker(
    IServiceScopeFactory scopes, MonthEndSignal signal, IConfiguration configuration, TimeProvider clock, ILogger<MonthEndWorker> log) : BackgroundService
{
    private const int CustomersPerGathering = 200;

    /// <summary>Drafts issued per transaction: large enough that the steps between batches (progress, the next batch's rows) cost little next to rendering.</summary>
    private const int DefaultBatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("MonthEnd:PollSeconds", 5)));
        var batchSize = Math.Clamp(configuration.GetValue("MonthEnd:BatchSize", DefaultBatchSize), 1, IssueInvoice.BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (companyId, runId) in await UnfinishedAsync(stoppingToken))
                {
                    await RunAsync(companyId, runId, batchSize, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(log, e);
            }

            try
            {
                await signal.WaitAsync(poll, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<(Guid CompanyId, Guid RunId)>> UnfinishedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return [.. (await db.MonthEndRuns.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.State == MonthEndState.Running)
                .OrderBy(r => r.StartedAt)
                .Select(r => new { r.CompanyId, r.Id })
                .ToListAsync(ct))
            .Select(r => (r.CompanyId, r.Id))];
    }

    private async Task RunAsync(Guid companyId, Guid runId, int batchSize, CancellationToken ct)
    {
        var run = await ReadAsync(companyId, runId, ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await GatherAsync(companyId, run, ct);
        var gathering = watch.Elapsed;
        var skipped = new List<Guid>();
        var errors = new List<string>();
        await ProgressAsync(companyId, runId, skipped, errors, finish: false, ct);
        while (true)
        {
            var batch = await NextBatchAsync(companyId, run, skipped, batchSize, ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var empty in batch.Where(b => b.Lines == 0))
            {
                skipped.Add(empty.Id);
                errors.Add($"{empty.Id}: an invoice without lines cannot be issued.");
            }

            var ids = batch.Where(b => b.Lines > 0).Select(b => b.Id).ToList();
            if (ids.Count > 0 && !await IssueAsync(companyId, run.StartedBy, ids, ct))
            {
                // A document of the batch broke a rule: issue them one by one, so the others still go and the culprit stays a draft.
                foreach (var id in ids)
                {
                    try
                    {
                        await IssueAsync(companyId, run.StartedBy, [id], ct, rethrow: true);
                    }
                    catch (DomainException e)
                    {
                        skipped.Add(id);
                        errors.Add($"{id}: {e.Message}");
                    }
                }
            }

            await ProgressAsync(companyId, runId, skipped, errors, finish: false, ct);
        }

        await ProgressAsync(companyId, runId, skipped, errors, finish: true, ct);
        LogFinished(log, companyId, run.Period, gathering.TotalSeconds, (watch.Elapsed - gathering).TotalSeconds);
    }

    private async Task<MonthEndRun> ReadAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        await using var scope = In(companyId, out var db);
        return await db.MonthEndRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
    }

    /// <summary>The month's approved reports on no draft yet go onto their drafts, a few hundred customers per transaction.</summary>
    private async Task GatherAsync(Guid companyId, MonthEndRun run, CancellationToken ct)
    {
        List<Guid> customers;
        await using (var scope = In(companyId, out var db))
        {
            customers = await (from r in db.Reports
                               join w in db.WorkOrders on r.WorkOrderId equals w.Id
                               where r.Status == ReportStatus.Approved && r.VisitDate >= run.PeriodStart && r.VisitDate <= run.PeriodEnd
                                   && !db.InvoiceSources.Any(s => s.ReportId == r.Id)
                               select w.CustomerId).Distinct().ToListAsync(ct);
        }

        foreach (var chunk in customers.Order().Chunk(CustomersPerGathering))
        {
            await using var scope = In(companyId, out var db);
            await SerialWrites.InTransactionAsync(
                db,
                async ct =>
                {
                    await SerialWrites.LockDraftsAsync(db, chunk, ct);
                    return await DraftInvoices.GatherInAsync(db, clock, chunk, ct);
                },
                ct);
        }
    }

    private sealed record Draft(Guid Id, int Lines);

    private async Task<List<Draft>> NextBatchAsync(Guid companyId, MonthEndRun run, List<Guid> skipped, int batchSize, CancellationToken ct)
    {
        await using var scope = In(companyId, out var db);
        return [.. (await Drafts(db, run)
                .Where(i => !skipped.Contains(i.Id))
                .OrderBy(i => i.PeriodStart).ThenBy(i => i.Id)
                .Take(batchSize)
                .Select(i => new { i.Id, i.Lines })
                .ToListAsync(ct))
            .Select(d => new Draft(d.Id, d.Lines.Count))];
    }

    /// <summary>Issues one batch in its own transaction; false when a document of it broke a rule (nothing of it stays).</summary>
    private async Task<bool> IssueAsync(Guid companyId, Guid? by, IReadOnlyList<Guid> ids, CancellationToken ct, bool rethrow = false)
    {
        await using var scope = In(companyId, out var db);
        var services = scope.ServiceProvider;
        try
        {
            await IssueInvoice.IssueBatchAsync(
                ids, by, db, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<InvoiceIssueHooks>(), services.GetRequiredService<InvoiceRendering>(), ct);
            return true;
        }
        catch (DomainException) when (!rethrow)
        {
            return false;
        }
    }

    /// <summary>Stores where the run stands, read from the invoices: issued since it started, and drafts still to go.</summary>
    private async Task ProgressAsync(Guid companyId, Guid runId, List<Guid> skipped, List<string> errors, bool finish, CancellationToken ct)
    {
        await using (var scope = In(companyId, out var db))
        {
            await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
            var run = await db.MonthEndRuns.FirstAsync(r => r.Id == runId, ct);
            // Issued since the run started: no earlier than the day before in any time zone, which the issue-date index finds
            // without reading the company's whole invoice history after every batch.
            var since = DateOnly.FromDateTime(run.StartedAt).AddDays(-1);
            var done = await db.Invoices.CountAsync(
                i => i.Kind == InvoiceKind.Invoice && i.IssueDate >= since && i.Status != InvoiceStatus.Draft && i.IssuedAt >= run.StartedAt
                    && i.PeriodStart >= run.PeriodStart && i.PeriodEnd <= run.PeriodEnd,
                ct);
            var remaining = await Drafts(db, run).CountAsync(i => !skipped.Contains(i.Id), ct);
            run.Progress(done, remaining, errors.Count, errors.LastOrDefault());
            if (finish)
            {
                run.Finish(clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        signal.Notify(companyId, runId);
    }

    private static IQueryable<Invoice> Drafts(AppDb db, MonthEndRun run) => db.Invoices.Where(i =>
        i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && i.PeriodStart >= run.PeriodStart && i.PeriodEnd <= run.PeriodEnd);

    private AsyncServiceScope In(Guid companyId, out AppDb db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
        db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return scope;
    }

    [LoggerMessage(LogLevel.Error, "A month-end run failed; it is taken up again at the next poll")]
    private static partial void LogFailed(ILogger log, Exception e);

    [LoggerMessage(LogLevel.Information, "The month-end run of company {CompanyId} for {Period} is finished: gathering took {GatherSeconds:0.0} s, issuing {IssueSeconds:0.0} s")]
    private static partial void LogFinished(ILogger log, Guid companyId, string period, double gatherSeconds, double issueSeconds);
}
