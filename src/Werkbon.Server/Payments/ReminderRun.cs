using Werkbon.Server.Delivery;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Payments;

/// <summary>
/// Sends the payment reminders: every <c>Reminders:SweepMinutes</c> (default 60, 0 = off) on <see cref="TimeProvider"/>,
/// for each company, takes what <see cref="Reminders.DueAsync"/> says is due on the company's local date and, in one
/// transaction per invoice, records the <see cref="SentReminder"/> and queues an <see cref="OutboxKind.Reminder"/> job for
/// <see cref="MailDispatcher"/>. A step that went out is never due again, so a sweep later the same day, another node or a
/// restart finds nothing more to do: each step is queued exactly once (the unique step per invoice guards the race).
/// </summary>
public sealed partial class ReminderRun(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ReminderRun> log)
    : PeriodicSweep(scopes, configuration.GetValue("Reminders:SweepMinutes", 60), clock, log)
{
    protected override Task SweepAsync(IServiceScopeFactory scopes, CancellationToken ct) => RunAsync(scopes, ct);

    protected override void LogFailed(ILogger log, Exception e) => LogSweepFailed(log, e);

    /// <summary>One sweep over every company; returns how many reminders were queued.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await RunAsync(services.GetRequiredService<IServiceScopeFactory>(), ct);

    private static async Task<int> RunAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        List<Guid> companies;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            companies = await db.Companies.IgnoreQueryFilters().AsNoTracking().Select(c => c.Id).ToListAsync(ct);
        }

        var queued = 0;
        foreach (var companyId in companies)
        {
            // One node at a time sweeps a company: another node's sweep of it now finds the same steps due.
            await using var holder = scopes.CreateAsyncScope();
            await using var hold = await SerialWrites.TryHoldAsync(holder.ServiceProvider.GetRequiredService<AppDb>(), SerialWrites.Job.ReminderSweep, companyId, ct);
            if (hold is null)
            {
                continue;
            }

            IReadOnlyList<DueReminder> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                due = await Reminders.DueAsync(db, await IssueInvoice.TodayAsync(db, clock, ct), ct);
            }

            foreach (var reminder in due)
            {
                if (await QueueAsync(scopes, companyId, reminder, ct))
                {
                    queued++;
                }
            }
        }

        return queued;
    }

    /// <summary>Records the step and queues its mail in one transaction; false when it was recorded already (another sweep).</summary>
    private static async Task<bool> QueueAsync(IServiceScopeFactory scopes, Guid companyId, DueReminder reminder, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
            var sent = await Reminders.RecordSentAsync(db, reminder.InvoiceId, reminder.Step, null, now, ct);
            db.Add(new OutboxMessage(OutboxKind.Reminder, sent.Id, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DomainException or DbUpdateException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Error, "The reminder sweep failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger log, Exception e);
}
