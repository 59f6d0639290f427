using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Portal;

/// <summary>
/// A customer's objection to one line of an issued invoice, made in the portal, with the customer's comment. It stays
/// open until the office marks it resolved; while one is open, reminders for the invoice wait (<see cref="InvoiceDisputes.IsDisputedAsync"/>).
/// </summary>
public sealed class InvoiceDispute : CompanyEntity
{
    private InvoiceDispute()
    {
    }

    public InvoiceDispute(Guid invoiceId, Guid customerId, int lineIndex, string lineDescription, string comment, DateTime at, Guid linkId)
    {
        InvoiceId = invoiceId;
        CustomerId = customerId;
        LineIndex = lineIndex;
        LineDescription = lineDescription;
        Comment = comment;
        At = at;
        LinkId = linkId;
    }

    public Guid InvoiceId { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>The disputed line's place on the issued invoice (0-based), and its description as the customer read it.</summary>
    public int LineIndex { get; private set; }

    public string LineDescription { get; private set; } = "";

    public string Comment { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>The portal link the customer used.</summary>
    public Guid LinkId { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public Guid? ResolvedBy { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public void Resolve(Guid userId, DateTime now)
    {
        if (ResolvedAt is not null)
        {
            return;
        }

        ResolvedAt = now;
        ResolvedBy = userId;
    }
}

/// <summary>A dispute as the office reads it.</summary>
public sealed record DisputeView(
    Guid Id, Guid InvoiceId, string? InvoiceNumber, Guid CustomerId, string CustomerName, int LineIndex, string LineDescription, string Comment,
    DateTime At, DateTime? ResolvedAt, string? ResolvedByName);

/// <summary>The customer's answers to an invoice in the portal (approve, dispute a line) and the office's side of disputes.</summary>
public static class InvoiceDisputes
{
    public const int MaxCommentLength = 2000;

    public const string ApprovedAction = "invoice.customer-approved";

    public const string DisputedAction = "invoice.customer-disputed";

    public const string ResolvedAction = "invoice.dispute-resolved";

    /// <summary>True while the invoice has a dispute the office has not resolved: reminders wait for it.</summary>
    public static Task<bool> IsDisputedAsync(AppDb db, Guid invoiceId, CancellationToken ct) =>
        db.Set<InvoiceDispute>().AnyAsync(d => d.InvoiceId == invoiceId && d.ResolvedAt == null, ct);

    /// <summary>The invoices among <paramref name="invoiceIds"/> that have an open dispute.</summary>
    public static async Task<HashSet<Guid>> DisputedAsync(AppDb db, IReadOnlyCollection<Guid> invoiceIds, CancellationToken ct) =>
        [.. await db.Set<InvoiceDispute>().Where(d => invoiceIds.Contains(d.InvoiceId) && d.ResolvedAt == null).Select(d => d.InvoiceId).Distinct().ToListAsync(ct)];

    /// <summary>
    /// The customer disputes a line of one of their issued invoices. The caller has set the company from the link;
    /// the invoice must be the visitor's, issued. Audited on the invoice and pushed to the office's open pages.
    /// </summary>
    public static async Task<Dictionary<string, string[]>?> DisputeAsync(
        PortalVisitor visitor, Guid invoiceId, int lineIndex, string? comment, AppDb db, TimeProvider clock, Texts texts, IReportFeed feed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == invoiceId && i.CustomerId == visitor.CustomerId && i.Status == InvoiceStatus.Issued)
            .Select(i => new { i.Id, i.Lines })
            .FirstOrDefaultAsync(ct);
        var validation = new Validation(texts);
        if (invoice is null || lineIndex < 0 || lineIndex >= invoice.Lines.Count)
        {
            validation.Add("line", "Portal.Error.Line");
        }

        validation.Required("comment", comment, Fields.Note);
        if (!validation.IsValid)
        {
            return validation.Errors;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var text = comment!.Trim();
        var line = invoice!.Lines[lineIndex];
        var description = line.Description.Length > Fields.Line.MaxLength ? line.Description[..Fields.Line.MaxLength] : line.Description;
        var dispute = new InvoiceDispute(invoice.Id, visitor.CustomerId, lineIndex, description, text, now, visitor.LinkId);
        db.Add(dispute);
        db.AuditEvents.Add(new AuditEvent
        {
            At = now, Action = DisputedAction, Entity = nameof(Invoice), EntityId = invoice.Id,
            Before = "", After = $"{lineIndex + 1}: {line.Description}", Reason = text,
        });
        await db.SaveChangesAsync(ct);
        await feed.PublishAsync(new ReportChanged(visitor.CompanyId, dispute.Id, FeedTopic.Dispute), CancellationToken.None);
        return null;
    }

    /// <summary>The customer approves one of their issued invoices; a second approval records nothing new.</summary>
    public static async Task<bool> ApproveAsync(PortalVisitor visitor, Guid invoiceId, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var exists = await db.Invoices.AsNoTracking()
            .AnyAsync(i => i.Id == invoiceId && i.CustomerId == visitor.CustomerId && i.Status == InvoiceStatus.Issued, ct);
        if (!exists)
        {
            return false;
        }

        if (await ApprovedAtAsync(db, invoiceId, ct) is null)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                At = clock.GetUtcNow().UtcDateTime, Action = ApprovedAction, Entity = nameof(Invoice), EntityId = invoiceId,
                Before = "", After = "approved", Reason = "portal",
            });
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    /// <summary>When the customer approved the invoice in the portal, if they did.</summary>
    public static Task<DateTime?> ApprovedAtAsync(AppDb db, Guid invoiceId, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking()
            .Where(a => a.Entity == nameof(Invoice) && a.EntityId == invoiceId && a.Action == ApprovedAction)
            .OrderBy(a => a.At).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(ct);

    /// <summary>Disputes of the current company: of one invoice, or every open one (the inbox), newest first.</summary>
    public static async Task<IReadOnlyList<DisputeView>> ListAsync(AppDb db, Guid? invoiceId, bool openOnly, CancellationToken ct)
    {
        var query = db.Set<InvoiceDispute>().AsNoTracking();
        if (invoiceId is { } id)
        {
            query = query.Where(d => d.InvoiceId == id);
        }

        if (openOnly)
        {
            query = query.Where(d => d.ResolvedAt == null);
        }

        var rows = await (from d in query
                          join i in db.Invoices on d.InvoiceId equals i.Id
                          join c in db.Customers on d.CustomerId equals c.Id
                          orderby d.At descending
                          select new { d, i.Number, c.Name }).Take(200).ToListAsync(ct);
        var people = rows.Select(r => r.d.ResolvedBy).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => u.CompanyId == db.CompanyId && people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. rows.Select(r => new DisputeView(
            r.d.Id, r.d.InvoiceId, r.Number, r.d.CustomerId, r.Name, r.d.LineIndex, r.d.LineDescription, r.d.Comment, r.d.At, r.d.ResolvedAt,
            r.d.ResolvedBy is { } by ? names.GetValueOrDefault(by) : null))];
    }

    /// <summary>
    /// The office marks a dispute resolved (audited on the invoice); false when the company has no such dispute. The caller
    /// tells the open pages (<see cref="IReportFeed"/>) once its write is over, as they read through the same context.
    /// </summary>
    public static async Task<bool> ResolveAsync(AppDb db, Guid disputeId, Guid userId, TimeProvider clock, CancellationToken ct)
    {
        var dispute = await db.Set<InvoiceDispute>().FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null)
        {
            return false;
        }

        if (dispute.IsOpen)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            dispute.Resolve(userId, now);
            db.AuditEvents.Add(new AuditEvent
            {
                At = now, UserId = userId, Action = ResolvedAction, Entity = nameof(Invoice), EntityId = dispute.InvoiceId,
                Before = "open", After = "resolved", Reason = $"{dispute.LineIndex + 1}: {dispute.LineDescription}",
            });
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<InvoiceDispute>(e =>
        {
            e.Property(d => d.LineDescription).HasMaxLength(Fields.Line.MaxLength);
            e.Property(d => d.Comment).HasMaxLength(Fields.Note.MaxLength);
            e.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(d => new { d.CompanyId, d.InvoiceId });
            e.HasIndex(d => new { d.CompanyId, d.ResolvedAt });
        });
}
