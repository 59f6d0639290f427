using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Banking;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Payments;

/// <summary>A company's reminder schedule and the legal interest rate its final reminder mentions; the defaults apply until an admin saves its own.</summary>
public sealed class ReminderSettings : CompanyEntity
{
    /// <summary>
    /// The Belgian legal rate for late payment in commercial transactions (law of 2 August 2002): the ECB's main
    /// refinancing rate + 8 points, published by the FPS Finance each semester. Second semester of 2025: 2.15 + 8.
    /// </summary>
    public const decimal DefaultLegalInterestRate = 10.15m;

    public int FriendlyAfterDays { get; set; } = ReminderSchedule.Default.FriendlyAfterDays;

    public int FirmAfterDays { get; set; } = ReminderSchedule.Default.FirmAfterDays;

    public int FinalAfterDays { get; set; } = ReminderSchedule.Default.FinalAfterDays;

    /// <summary>Annual rate in percent, set by an admin when the semester's rate is published.</summary>
    public decimal LegalInterestRate { get; set; } = DefaultLegalInterestRate;

    public ReminderSchedule Schedule => new(FriendlyAfterDays, FirmAfterDays, FinalAfterDays);
}

/// <summary>A reminder that went out for an invoice: each step once.</summary>
public sealed class SentReminder : CompanyEntity
{
    private SentReminder()
    {
    }

    public SentReminder(Guid invoiceId, ReminderStep step, DateTime at)
    {
        InvoiceId = invoiceId;
        Step = step;
        At = at;
    }

    public Guid InvoiceId { get; private set; }

    public ReminderStep Step { get; private set; }

    public DateTime At { get; private set; }
}

/// <summary>An office user's hold on an invoice's reminders (beside the invoice, which never changes once issued).</summary>
public sealed class ReminderHold : CompanyEntity
{
    private ReminderHold()
    {
    }

    public ReminderHold(Guid invoiceId) => InvoiceId = invoiceId;

    public Guid InvoiceId { get; private set; }

    public bool Held { get; private set; }

    public DateTime ChangedAt { get; private set; }

    public Guid? ChangedBy { get; private set; }

    public void Set(bool held, Guid? by, DateTime now)
    {
        Held = held;
        ChangedBy = by;
        ChangedAt = now;
    }
}

public sealed record ReminderSettingsInput(int FriendlyAfterDays, int FirmAfterDays, int FinalAfterDays, decimal LegalInterestRate, int? Version);

public sealed record ReminderSettingsDetails(int FriendlyAfterDays, int FirmAfterDays, int FinalAfterDays, decimal LegalInterestRate, decimal FixedCompensation, int Version);

/// <summary>A reminder that went out; <paramref name="NotSendable"/> when its mail found no e-mail address.</summary>
public sealed record SentReminderItem(ReminderStep Step, DateTime At, bool NotSendable = false);

/// <summary>An invoice's reminders: held or not, what went out, and the step due today if any.</summary>
public sealed record InvoiceReminders(Guid InvoiceId, bool Held, IReadOnlyList<SentReminderItem> Sent, ReminderStep? DueToday);

/// <summary>
/// A reminder to send today. The final step of a business customer carries the legal interest to date and the fixed
/// compensation (Belgian B2B law, 2 August 2002); a private customer's does not.
/// </summary>
public sealed record DueReminder(
    Guid InvoiceId,
    string Number,
    string StructuredCommunication,
    Guid CustomerId,
    string CustomerName,
    string Language,
    string Email,
    ReminderStep Step,
    DateOnly DueDate,
    int DaysLate,
    decimal Outstanding,
    decimal? LegalInterest,
    decimal? FixedCompensation);

/// <summary>
/// Payment reminders: the company's schedule (<c>GET/PUT /api/reminders/settings</c>), what is due today
/// (<see cref="DueAsync"/>, <c>GET /api/reminders/due</c>), an office hold on an invoice
/// (<c>POST /api/invoices/{id}/reminders/hold|resume</c>) and the record of what went out (<see cref="RecordSentAsync"/>).
/// The decision is the Core rule <see cref="ReminderSchedule.Due"/>: each step once, never once paid, paused while held
/// or disputed.
/// </summary>
public static class Reminders
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ReminderSettings>(e =>
        {
            e.Property(s => s.LegalInterestRate).HasPrecision(6, 3);
            e.HasIndex(s => s.CompanyId).IsUnique();
        });

        builder.Entity<SentReminder>(e =>
        {
            e.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.CompanyId, r.InvoiceId, r.Step }).IsUnique();
            e.HasIndex(r => r.InvoiceId);
        });

        builder.Entity<ReminderHold>(e =>
        {
            e.HasOne<Invoice>().WithMany().HasForeignKey(h => h.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(h => h.InvoiceId).IsUnique();
            e.HasIndex(h => new { h.CompanyId, h.Held });
        });
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        var reminders = app.MapGroup("/api/reminders").WithTags("Reminders");
        reminders.MapGet("/settings", GetSettings).RequireAuthorization(Policies.Office);
        reminders.MapPut("/settings", SaveSettings).RequireAuthorization(Policies.Admin);
        reminders.MapGet("/due", ListDue).RequireAuthorization(Policies.Office);

        var invoices = app.MapGroup("/api/invoices").WithTags("Reminders").RequireAuthorization(Policies.Office);
        invoices.MapGet("/{id:guid}/reminders", Show);
        invoices.MapPost("/{id:guid}/reminders/hold", (Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct) => SetHoldAsync(id, true, user, db, clock, ct));
        invoices.MapPost("/{id:guid}/reminders/resume", (Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct) => SetHoldAsync(id, false, user, db, clock, ct));
        return app;
    }

    public static async Task<ReminderSettings> SettingsAsync(AppDb db, CancellationToken ct) =>
        await db.Set<ReminderSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new ReminderSettings();

    public static async Task<Ok<ReminderSettingsDetails>> GetSettings(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(Details(await SettingsAsync(db, ct)));

    public static async Task<Results<Ok<ReminderSettingsDetails>, ValidationProblem, Conflict<ProblemDetails>>> SaveSettings(
        ReminderSettingsInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var settings = await db.Set<ReminderSettings>().FirstOrDefaultAsync(ct);
        if (settings is not null && !db.IsCurrent(settings, input.Version))
        {
            return Conflicts.Stale();
        }

        var v = new Validation(texts)
            .Range("friendlyAfterDays", input.FriendlyAfterDays, 1, ReminderSchedule.MaxDays)
            .Range("firmAfterDays", input.FirmAfterDays, 1, ReminderSchedule.MaxDays)
            .Range("finalAfterDays", input.FinalAfterDays, 1, ReminderSchedule.MaxDays)
            .Range("legalInterestRate", input.LegalInterestRate, 0m, 100m);
        if (v.IsValid && !new ReminderSchedule(input.FriendlyAfterDays, input.FirmAfterDays, input.FinalAfterDays).IsValid)
        {
            v.Add("firmAfterDays", "Reminders.StepsInOrder");
        }

        if (Math.Round(input.LegalInterestRate, 3) != input.LegalInterestRate)
        {
            v.Add("legalInterestRate", "Reminders.RateDecimals");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        if (settings is null)
        {
            settings = new ReminderSettings();
            db.Add(settings);
        }

        settings.FriendlyAfterDays = input.FriendlyAfterDays;
        settings.FirmAfterDays = input.FirmAfterDays;
        settings.FinalAfterDays = input.FinalAfterDays;
        settings.LegalInterestRate = input.LegalInterestRate;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Details(settings));
    }

    private static ReminderSettingsDetails Details(ReminderSettings s) =>
        new(s.FriendlyAfterDays, s.FirmAfterDays, s.FinalAfterDays, s.LegalInterestRate, ReminderSchedule.FixedCompensation, s.Version);

    public static async Task<Ok<IReadOnlyList<DueReminder>>> ListDue(AppDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DueAsync(db, await IssueInvoice.TodayAsync(db, clock, ct), ct));

    /// <summary>
    /// The reminders to send on <paramref name="today"/> (the company's local date), oldest due date first: issued
    /// invoices still owing, not held, whose schedule has a step due that has not gone out.
    /// </summary>
    public static async Task<IReadOnlyList<DueReminder>> DueAsync(AppDb db, DateOnly today, CancellationToken ct)
    {
        var settings = await SettingsAsync(db, ct);
        var schedule = settings.Schedule;
        var firstDay = today.AddDays(-schedule.FriendlyAfterDays);
        var rows = await (
            from i in db.Invoices.AsNoTracking()
            where i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued && i.DueDate <= firstDay
                  && !db.InvoiceBalances.Any(b => b.InvoiceId == i.Id && (b.State == PaymentState.Paid || b.State == PaymentState.Overpaid))
            join c in db.Customers on i.CustomerId equals c.Id
            select new
            {
                i.Id, i.Number, i.StructuredCommunication, i.CustomerId, c.Name, c.Language, c.Email, c.Kind, DueDate = i.DueDate!.Value, i.Total,
                Outstanding = db.InvoiceBalances.Where(b => b.InvoiceId == i.Id).Select(b => (decimal?)b.Outstanding).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var credited = (await db.Invoices.AsNoTracking()
                .Where(n => n.Status == InvoiceStatus.Issued && n.CorrectsInvoiceId != null && ids.Contains(n.CorrectsInvoiceId.Value))
                .Select(n => new { Of = n.CorrectsInvoiceId!.Value, n.Total })
                .ToListAsync(ct))
            .GroupBy(n => n.Of).ToDictionary(g => g.Key, g => g.Sum(n => n.Total));
        var sent = (await db.Set<SentReminder>().AsNoTracking().Where(s => ids.Contains(s.InvoiceId)).Select(s => new { s.InvoiceId, s.Step }).ToListAsync(ct))
            .ToLookup(s => s.InvoiceId, s => s.Step);
        var held = (await db.Set<ReminderHold>().AsNoTracking().Where(h => h.Held && ids.Contains(h.InvoiceId)).Select(h => h.InvoiceId).ToListAsync(ct)).ToHashSet();
        var disputed = await Portal.InvoiceDisputes.DisputedAsync(db, ids, ct);

        var due = new List<DueReminder>();
        foreach (var r in rows)
        {
            var outstanding = r.Outstanding ?? (r.Total - credited.GetValueOrDefault(r.Id));
            if (schedule.Due(new ReminderCase(r.DueDate, outstanding, [.. sent[r.Id]], held.Contains(r.Id), disputed.Contains(r.Id)), today) is not { } step)
            {
                continue;
            }

            var legal = step == ReminderStep.Final && r.Kind == CustomerKind.Business;
            due.Add(new DueReminder(
                r.Id, r.Number ?? "", r.StructuredCommunication ?? "", r.CustomerId, r.Name, r.Language, r.Email, step, r.DueDate,
                today.DayNumber - r.DueDate.DayNumber, outstanding,
                legal ? ReminderSchedule.LegalInterest(outstanding, settings.LegalInterestRate, r.DueDate, today) : null,
                legal ? ReminderSchedule.FixedCompensation : null));
        }

        return [.. due.OrderBy(d => d.DueDate).ThenBy(d => d.Number, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Records that a reminder went out (the caller saves). <see cref="ReminderRun"/> calls it in the transaction that
    /// queues the reminder's mail in the outbox, so a step is never sent twice.
    /// </summary>
    public static async Task<SentReminder> RecordSentAsync(AppDb db, Guid invoiceId, ReminderStep step, Guid? by, DateTime now, CancellationToken ct)
    {
        if (await db.Set<SentReminder>().AnyAsync(s => s.InvoiceId == invoiceId && s.Step == step, ct))
        {
            throw new DomainException("This reminder was already sent.", nameof(step), StatusCodes.Status409Conflict);
        }

        var sent = new SentReminder(invoiceId, step, now);
        db.Add(sent);
        RecordPayment.Audit(db, "reminder.sent", invoiceId, by, step.ToString(), now);
        return sent;
    }

    public static async Task<Results<Ok<InvoiceReminders>, NotFound<ProblemDetails>>> Show(Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
        await IsRemindableAsync(db, id, ct) ? TypedResults.Ok(await ReadAsync(db, id, clock, ct)) : Rows.Missing("invoice");

    /// <summary>Holds or resumes an issued invoice's reminders; audited on the invoice.</summary>
    public static async Task<Results<Ok<InvoiceReminders>, NotFound<ProblemDetails>>> SetHoldAsync(
        Guid id, bool held, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await IsRemindableAsync(db, id, ct))
        {
            return Rows.Missing("invoice");
        }

        var hold = await db.Set<ReminderHold>().FirstOrDefaultAsync(h => h.InvoiceId == id, ct);
        if (hold is null)
        {
            hold = new ReminderHold(id);
            db.Add(hold);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (hold.Held != held || hold.ChangedAt == default)
        {
            var by = RecordPayment.UserId(user);
            hold.Set(held, by, now);
            RecordPayment.Audit(db, held ? "reminders.held" : "reminders.resumed", id, by, "", now);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(await ReadAsync(db, id, clock, ct));
    }

    private static Task<bool> IsRemindableAsync(AppDb db, Guid id, CancellationToken ct) =>
        db.Invoices.AsNoTracking().AnyAsync(i => i.Id == id && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued, ct);

    public static async Task<InvoiceReminders> ReadAsync(AppDb db, Guid id, TimeProvider clock, CancellationToken ct)
    {
        var held = await db.Set<ReminderHold>().AsNoTracking().AnyAsync(h => h.InvoiceId == id && h.Held, ct);
        var sent = await db.Set<SentReminder>().AsNoTracking().Where(s => s.InvoiceId == id).OrderBy(s => s.Step)
            .Select(s => new SentReminderItem(s.Step, s.At, db.Set<Delivery.OutboxMessage>().Any(m =>
                m.Kind == Delivery.OutboxKind.Reminder && m.TargetId == s.Id && m.State == Delivery.OutboxState.Done && m.LastError == Delivery.OutboxMessage.NoAddress)))
            .ToListAsync(ct);
        var today = await IssueInvoice.TodayAsync(db, clock, ct);
        var due = (await DueAsync(db, today, ct)).FirstOrDefault(d => d.InvoiceId == id)?.Step;
        return new InvoiceReminders(id, held, sent, due);
    }

    /// <summary>The customer overview's reminders source: each reminder sent, and a hold that is on.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(AppDb db, Guid customerId, CancellationToken ct)
    {
        var sent = await (
            from s in db.Set<SentReminder>().AsNoTracking()
            join i in db.Invoices on s.InvoiceId equals i.Id
            where i.CustomerId == customerId
            orderby s.At descending
            select new { s.Id, s.At, s.Step, InvoiceId = i.Id, i.Number })
            .Take(CustomerOverview.MaxTimeline).ToListAsync(ct);
        var holds = await (
            from h in db.Set<ReminderHold>().AsNoTracking()
            join i in db.Invoices on h.InvoiceId equals i.Id
            where i.CustomerId == customerId && h.Held
            select new { h.Id, h.ChangedAt, InvoiceId = i.Id, i.Number })
            .Take(CustomerOverview.MaxTimeline).ToListAsync(ct);
        return
        [
            .. sent.Select(s => new TimelineEntry(s.At, TimelineKind.Reminder, s.Id, s.Number ?? "", s.Number ?? "", $"ReminderStep.{s.Step}", null, 0, $"/invoices/{s.InvoiceId}")),
            .. holds.Select(h => new TimelineEntry(h.ChangedAt, TimelineKind.Reminder, h.Id, h.Number ?? "", h.Number ?? "", "Reminders.Held", null, 0, $"/invoices/{h.InvoiceId}")),
        ];
    }
}
