using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Payments;

/// <summary>Where an import queued from the back office stands.</summary>
public enum ImportStage
{
    /// <summary>In the queue behind other imports.</summary>
    Waiting,

    /// <summary>The file is being read and checked.</summary>
    Reading,

    /// <summary>Movements read; matching them against the open invoices.</summary>
    Matching,

    /// <summary>Matched; storing the movements and payments.</summary>
    Saving,

    /// <summary>Stored: the counts are final.</summary>
    Done,

    /// <summary>Refused (damaged, another account, already imported): nothing stored.</summary>
    Refused,

    /// <summary>Stopped by an unexpected error: nothing stored.</summary>
    Failed,
}

/// <summary>An import as the bank statements page follows it.</summary>
public sealed record ImportJob(
    Guid Id, Guid CompanyId, string FileName, ImportStage Stage, ImportCounts Counts, ProblemDetails? Refusal, DateTime QueuedAt)
{
    public bool IsFinished => Stage is ImportStage.Done or ImportStage.Refused or ImportStage.Failed;
}

/// <summary>
/// The queue of statement files uploaded on the bank statements page, and their progress. Imports run one
/// at a time in <see cref="StatementImportWorker"/>, beside the circuit, so a large statement never holds
/// the screen; the page listens to <see cref="Changed"/>. Progress lives in this process, as the circuit that
/// follows it does; what is stored is the import itself (<see cref="ImportStatement"/>).
/// </summary>
public sealed class StatementImports(TimeProvider clock)
{
    public const int QueueLength = 50;

    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueLength) { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    /// <summary>Raised on the worker's thread each time a job moves on.</summary>
    public event Action<ImportJob>? Changed;

    internal sealed record Work(Guid JobId, Guid CompanyId, Guid? By, string FileName, byte[] File, CultureInfo Culture);

    internal ChannelReader<Work> Reader => _queue.Reader;

    /// <summary>Queues a file for the current company; null when the queue is full.</summary>
    public ImportJob? Enqueue(Guid companyId, Guid? by, string fileName, byte[] file)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in _jobs.Values.Where(j => j.IsFinished && now - j.QueuedAt > Kept))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        var job = new ImportJob(Guid.CreateVersion7(), companyId, fileName, ImportStage.Waiting, new ImportCounts(0, 0, 0, 0), null, now);
        _jobs[job.Id] = job;
        if (!_queue.Writer.TryWrite(new Work(job.Id, companyId, by, fileName, file, CultureInfo.CurrentUICulture)))
        {
            _jobs.TryRemove(job.Id, out _);
            return null;
        }

        return job;
    }

    /// <summary>A job of this company; another company's job is not found.</summary>
    public ImportJob? Find(Guid companyId, Guid id) => _jobs.TryGetValue(id, out var job) && job.CompanyId == companyId ? job : null;

    internal void Update(ImportJob job)
    {
        _jobs[job.Id] = job;
        Changed?.Invoke(job);
    }

    internal ImportJob Get(Guid id) => _jobs[id];
}

/// <summary>Runs the queued imports one after the other, each in its company and in the uploader's language.</summary>
public sealed partial class StatementImportWorker(StatementImports imports, IServiceScopeFactory scopes, ILogger<StatementImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in imports.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is queued is lost with the process, as the pages that wait for it.
        }
    }

    private async Task RunAsync(StatementImports.Work work, CancellationToken ct)
    {
        var job = imports.Get(work.JobId) with { Stage = ImportStage.Reading };
        imports.Update(job);
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = work.Culture;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(work.CompanyId);
            var services = scope.ServiceProvider;
            var outcome = await ImportStatement.ImportAsync(
                services.GetRequiredService<AppDb>(), services.GetRequiredService<Texts>(), work.File, work.FileName, work.By,
                services.GetRequiredService<TimeProvider>(), ct,
                counts =>
                {
                    job = job with { Stage = job.Stage == ImportStage.Reading ? ImportStage.Matching : ImportStage.Saving, Counts = counts };
                    imports.Update(job);
                });
            job = outcome.Match(
                result => job with { Stage = ImportStage.Done },
                refusal => job with { Stage = ImportStage.Refused, Refusal = refusal, Counts = new ImportCounts(0, 0, 0, 0) });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e, work.CompanyId);
            job = job with { Stage = ImportStage.Failed, Counts = new ImportCounts(0, 0, 0, 0) };
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }

        imports.Update(job);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A bank statement import for company {CompanyId} failed; nothing was stored.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid companyId);
}
