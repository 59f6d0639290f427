using System.Threading.Channels;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Review;
using Werkbon.Server.Companies;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Invoicing;

/// <summary>
/// Invoicing straight through: a company that opts in gets the drafts holding only reports approved on arrival
/// issued without a click, up to its amount limit, as soon as the grouping's period has ended (at once for one
/// invoice per report or per work order). Issuing is the same <see cref="IssueInvoice.IssueBatchAsync"/> the office
/// uses, so the documents, numbers and delivery are the same.
/// <para>
/// The work to do is read from the drafts themselves, never from a queue alone: an arrival or a change of the rules
/// only wakes the worker early, and the worker also looks on start-up and every few minutes (for periods that end).
/// A crash or a second app node therefore loses nothing and issues nothing twice (issuing a draft that is no longer
/// one is refused inside the chain's lock).
/// </para>
/// </summary>
public sealed partial class StraightThroughIssuing(
    IServiceScopeFactory scopes, TimeProvider clock, ILogger<StraightThroughIssuing> log) : BackgroundService
{
    /// <summary>How often every company is looked at for periods that ended (and anything an earlier run left).</summary>
    public static readonly TimeSpan Sweep = TimeSpan.FromMinutes(5);

    private readonly Channel<Guid> _arrivals = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>A report of <paramref name="companyId"/> was approved on arrival, or its rules changed: look at its drafts now.</summary>
    public void Wake(Guid companyId) => _arrivals.Writer.TryWrite(companyId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = Task.CompletedTask; // the first pass looks at every company
        var wake = _arrivals.Reader.WaitToReadAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (sweep.IsCompleted)
            {
                await RunAsync(null, stoppingToken);
                sweep = Task.Delay(Sweep, clock, stoppingToken);
            }

            if (wake.IsCompleted)
            {
                if (!await wake)
                {
                    return;
                }

                var companies = new HashSet<Guid>();
                while (_arrivals.Reader.TryRead(out var company))
                {
                    companies.Add(company);
                }

                foreach (var company in companies)
                {
                    await RunAsync(company, stoppingToken);
                }

                wake = _arrivals.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }

            try
            {
                await Task.WhenAny(sweep, wake).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(Guid? only, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var companies = only is { } one ? [one] : await CompaniesOptedInAsync(db, ct);
            foreach (var companyId in companies)
            {
                await using var companyScope = scopes.CreateAsyncScope();
                companyScope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
                var issued = await IssueDueAsync(companyScope.ServiceProvider, ct);
                if (issued > 0)
                {
                    LogIssued(log, issued, companyId);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The drafts stay drafts: the next arrival or sweep tries again, and the office can always issue them.
            LogFailed(log, e);
        }
    }

    private static async Task<List<Guid>> CompaniesOptedInAsync(AppDb db, CancellationToken ct)
    {
        var settings = await db.Set<StraightThroughSettings>().IgnoreQueryFilters().AsNoTracking()
            .Select(s => new { s.CompanyId, s.Rules }).ToListAsync(ct);
        return [.. settings.Where(s => s.Rules.Enabled && s.Rules.IssueAutomatically).Select(s => s.CompanyId)];
    }

    /// <summary>Issues the current company's drafts that go out without a click now; returns how many.</summary>
    public static async Task<int> IssueDueAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDb>();
        var rules = await SaveStraightThroughRules.RulesAsync(db, ct);
        if (!rules.Enabled || !rules.IssueAutomatically)
        {
            return 0;
        }

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct);
        var today = IssueInvoice.Today(company, services.GetRequiredService<TimeProvider>().GetUtcNow());
        var drafts = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && !i.EditedByHand && i.SubscriptionKey == null)
            .Select(i => new { i.Id, i.Total, i.PeriodStart, i.CreatedAt, i.Lines })
            .ToListAsync(ct);
        var due = drafts
            .Where(d => d.Lines.Count > 0 && rules.IssuesWithoutClick(d.Total)
                && (d.PeriodStart is not { } start || DraftInvoices.PeriodEnds(company.InvoiceGrouping, start) is not { } end || today > end))
            .OrderBy(d => d.CreatedAt)
            .Select(d => d.Id)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        // Only drafts whose every report was approved on arrival (nobody approved them by hand).
        var byHand = await db.InvoiceSources.AsNoTracking()
            .Where(s => due.Contains(s.InvoiceId))
            .Join(db.Reports, s => s.ReportId, r => r.Id, (s, r) => new { s.InvoiceId, r.ApprovedBy })
            .Where(x => x.ApprovedBy != null)
            .Select(x => x.InvoiceId)
            .Distinct()
            .ToListAsync(ct);
        due.RemoveAll(byHand.Contains);
        var issued = 0;
        foreach (var batch in due.Chunk(IssueInvoice.BatchSize))
        {
            try
            {
                issued += (await IssueInvoice.IssueBatchAsync(batch, null, db, services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<InvoiceIssueHooks>(), services.GetRequiredService<InvoiceRendering>(), ct)).Count;
            }
            catch (DomainException) when (batch.Length > 1)
            {
                // One of them changed meanwhile (issued, edited or removed by the office): the others go one by one.
                foreach (var id in batch)
                {
                    issued += await IssueOneAsync(id, db, services, ct);
                }
            }
            catch (DomainException)
            {
                // Issued or changed by someone else in the meantime: nothing to do.
            }
        }

        return issued;
    }

    private static async Task<int> IssueOneAsync(Guid id, AppDb db, IServiceProvider services, CancellationToken ct)
    {
        try
        {
            await IssueInvoice.IssueAsync(id, null, db, services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<InvoiceIssueHooks>(), services.GetRequiredService<InvoiceRendering>(), ct);
            return 1;
        }
        catch (DomainException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued {Count} invoices straight through for company {CompanyId}.")]
    private static partial void LogIssued(ILogger log, int count, Guid companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Straight-through issuing failed; the drafts wait for the next try.")]
    private static partial void LogFailed(ILogger log, Exception e);
}
