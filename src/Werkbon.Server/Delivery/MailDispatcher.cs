using System.Threading.Channels;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Delivery;

/// <summary>
/// Sends the outbox's mail. Wakes when a transaction that wrote outbox rows commits (<see cref="OutboxSignal"/>) and
/// polls every few seconds; takes one due job at a time and holds it for <see cref="Hold"/> (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same job; on SQLite behind the write gate), sends it,
/// then records the outcome on the job and on the invoice (or report) in one save. A failure is retried with backoff
/// (<see cref="OutboxMessage.Backoff"/>) and given up after a day.
/// <para>
/// Duplicates: a job is marked done in the same save that records the delivery, so after a restart a done job is never
/// sent again. The one window is a crash (or a lost database) between the SMTP server accepting the mail and that save:
/// the job's hold then runs out and the mail is sent again, with the same Message-ID, which lets the receiving side
/// recognise the repeat.
/// </para>
/// </summary>
public sealed partial class MailDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MailDispatcher> log) : BackgroundService
{
    /// <summary>How often the outbox is looked at without a signal (another node's rows, retries that became due).</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    /// <summary>How long a taken job is not due for anyone else; a node that crashed mid-send lets it go after this.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OutboxSignal.Written += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Drained before the run: a commit during the run signals again and the loop runs once more.
                while (_signal.Reader.TryRead(out _))
                {
                }

                await RunDueAsync(stoppingToken);
                try
                {
                    await Task.WhenAny(Task.Delay(Poll, clock, stoppingToken), _signal.Reader.WaitToReadAsync(stoppingToken).AsTask()).WaitAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            OutboxSignal.Written -= Wake;
        }
    }

    /// <summary>Sends every job due now; returns how many were attempted.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var attempted = 0;
        try
        {
            while (!ct.IsCancellationRequested && await TakeAsync(ct) is { } job)
            {
                attempted++;
                await RunAsync(job.Id, job.CompanyId, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The jobs stay in the outbox: the next poll tries again.
            LogFailed(log, e);
        }

        return attempted;
    }

    private sealed record Taken(Guid Id, Guid CompanyId);

    /// <summary>Takes the next due job of any company and holds it, committed at once; null when none is due.</summary>
    private async Task<Taken?> TakeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
        var jobs = db.Set<OutboxMessage>().IgnoreQueryFilters();
        Guid? id = db.Database.IsNpgsql()
            ? (await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "OutboxMessages" WHERE "State" = 'Pending' AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).Cast<Guid?>().FirstOrDefault()
            : await jobs.Where(j => j.State == OutboxState.Pending && j.NextAttemptAt <= now).OrderBy(j => j.NextAttemptAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return null;
        }

        var job = await jobs.FirstAsync(j => j.Id == id, ct);
        job.Take(now + Hold);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Taken(job.Id, job.CompanyId);
    }

    private async Task RunAsync(Guid jobId, Guid companyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var mail = scope.ServiceProvider.GetRequiredService<DeliveryMail>();
        var sender = scope.ServiceProvider.GetRequiredService<MailSender>();
        var job = await db.Set<OutboxMessage>().FirstAsync(j => j.Id == jobId, ct);
        if (job.Kind == OutboxKind.InvoicePeppol)
        {
            try
            {
                await PeppolRouting.RunAsync(scope.ServiceProvider, db, job, clock.GetUtcNow().UtcDateTime, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLostHold(log, job.Id);
            }

            return;
        }

        var settings = await db.Set<MailSettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        var delivery = job.Kind == OutboxKind.InvoiceEmail ? await db.Set<InvoiceDelivery>().FirstOrDefaultAsync(d => d.Id == job.TargetId, ct) : null;

        ComposedMail? composed;
        MailOutcome outcome;
        try
        {
            composed = job.Kind switch
            {
                OutboxKind.InvoiceEmail when delivery is not null => await mail.InvoiceAsync(db, job, delivery, settings, ct),
                OutboxKind.ReportReceipt => await mail.ReportAsync(db, job, ct),
                OutboxKind.Reminder => await mail.ReminderAsync(db, job, settings, ct),
                _ => null,
            };
            outcome = composed is null ? MailOutcome.Ok : await sender.SendAsync(companyId, settings, composed.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogComposeFailed(log, e, job.Id);
            composed = null;
            outcome = new MailOutcome(false, "The mail could not be written: " + e.Message);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entity = job.Kind == OutboxKind.ReportReceipt ? nameof(InterventionReport) : nameof(Invoice);
        var reminderOf = job.Kind == OutboxKind.Reminder
            ? await db.Set<Payments.SentReminder>().AsNoTracking().Where(r => r.Id == job.TargetId).Select(r => (Guid?)r.InvoiceId).FirstOrDefaultAsync(ct)
            : null;
        var entityId = delivery?.InvoiceId ?? reminderOf ?? job.TargetId;
        var prefix = job.Kind switch { OutboxKind.InvoiceEmail => "invoice.mail.", OutboxKind.Reminder => "reminder.mail.", _ => "report.mail." };
        if (outcome.Accepted && composed is null)
        {
            job.Drop(now, OutboxMessage.NoAddress);
            delivery?.NoAddress(now);
            Audit(db, now, entity, entityId, prefix + "no-address", "", "");
        }
        else if (outcome.Accepted)
        {
            job.Succeed(now);
            delivery?.Accepted(composed!.Recipient, now);
            Audit(db, now, entity, entityId, prefix + "sent", composed!.Recipient, $"attempt {job.Attempts}");
            LogSent(log, job.Id, job.Attempts);
        }
        else
        {
            // Nothing of a failed attempt but its record: a portal link made for the mail stays unmade.
            foreach (var added in db.ChangeTracker.Entries<Portal.PortalLink>().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            var givenUp = job.Fail(now, outcome.Error, outcome.Refused);
            delivery?.Attempted(outcome.Error, now, givenUp, outcome.Refused);
            Audit(db, now, entity, entityId, prefix + (givenUp ? "failed" : "retry"),
                composed?.Recipient ?? "", $"attempt {job.Attempts}: {job.LastError}");
            LogAttemptFailed(log, job.Id, job.Attempts, givenUp);
        }

        try
        {
            await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Held too long: another node took the job meanwhile, and its record stands.
            LogLostHold(log, job.Id);
        }
    }

    private static void Audit(AppDb db, DateTime now, string entity, Guid entityId, string action, string recipient, string reason) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            After = recipient,
            Reason = reason.Length > 500 ? reason[..500] : reason,
        });

    [LoggerMessage(LogLevel.Information, "Outbox job {JobId} sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger log, Guid jobId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Outbox job {JobId} failed on attempt {Attempt}; given up: {GivenUp}")]
    private static partial void LogAttemptFailed(ILogger log, Guid jobId, int attempt, bool givenUp);

    [LoggerMessage(LogLevel.Error, "Outbox job {JobId}: the mail could not be written")]
    private static partial void LogComposeFailed(ILogger log, Exception e, Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Outbox job {JobId} was taken by another node before its outcome was saved")]
    private static partial void LogLostHold(ILogger log, Guid jobId);

    [LoggerMessage(LogLevel.Error, "The outbox could not be read; the next poll tries again")]
    private static partial void LogFailed(ILogger log, Exception e);
}
