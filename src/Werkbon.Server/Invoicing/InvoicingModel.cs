using Microsoft.EntityFrameworkCore.ChangeTracking;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing;

/// <summary>A signed report on an invoice: one row per report, so a report is never invoiced twice (unique).</summary>
public sealed class InvoiceSource : CompanyEntity
{
    private InvoiceSource()
    {
    }

    public InvoiceSource(Guid invoiceId, Guid reportId)
    {
        InvoiceId = invoiceId;
        ReportId = reportId;
    }

    public Guid InvoiceId { get; private set; }

    public Guid ReportId { get; private set; }
}

/// <summary>How invoicing is stored, and the last line of defence for issued documents.</summary>
public static class InvoicingModel
{
    public static void ConfigureInvoicing(this ModelBuilder builder)
    {
        builder.Entity<Invoice>(e =>
        {
            e.Property(i => i.Lines).HasJsonListConversion().Metadata.SetMaxLength(null);
            e.Property(i => i.LegalTexts).HasJsonListConversion().Metadata.SetMaxLength(null);
            e.Property(i => i.ReportIds).HasJsonListConversion().Metadata.SetMaxLength(null);
            e.Property(i => i.Snapshot).Metadata.SetMaxLength(null);
            e.Property(i => i.CreditReason).HasMaxLength(Hosting.Fields.Note.MaxLength);
            e.Property(i => i.Number).HasMaxLength(60);
            e.Property(i => i.PreviousHash).HasMaxLength(64);
            e.Property(i => i.ChainHash).HasMaxLength(64);
            e.Property(i => i.PdfSha256).HasMaxLength(64);
            e.Property(i => i.UblSha256).HasMaxLength(64);
            e.HasOne<Customers.Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.CompanyId, i.Status, i.GroupKey });
            e.HasIndex(i => new { i.CompanyId, i.CustomerId });
            e.HasIndex(i => new { i.CompanyId, i.IssueDate });

            // Backstops of the numbering: one document per number and per chain position, one invoice per subscription period.
            e.HasIndex(i => new { i.CompanyId, i.SeriesId, i.Sequence }).IsUnique();
            e.HasIndex(i => new { i.CompanyId, i.ChainPosition }).IsUnique();
            e.HasIndex(i => new { i.CompanyId, i.SubscriptionKey }).IsUnique();
        });

        builder.Entity<InvoiceSeries>(e =>
        {
            e.Property(s => s.Format).HasMaxLength(40);
            e.HasIndex(s => new { s.CompanyId, s.Kind }).IsUnique();
        });

        builder.Entity<InvoiceLedger>(e =>
        {
            e.Property(l => l.LastHash).HasMaxLength(64);
            e.HasIndex(l => l.CompanyId).IsUnique();
        });

        builder.Entity<InvoiceFile>(e =>
        {
            e.Property(f => f.Kind).HasMaxLength(10);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasOne<Invoice>().WithMany().HasForeignKey(f => f.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => new { f.CompanyId, f.InvoiceId, f.Kind }).IsUnique();
        });

        builder.Entity<InvoiceSource>(e =>
        {
            e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.CompanyId, s.ReportId }).IsUnique();
            e.HasIndex(s => s.InvoiceId);
        });
    }

    /// <summary>No code path may change or delete an issued document or its stored files, even by mistake.</summary>
    public static void RefuseChangesToIssued(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<Invoice>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Property(i => i.Status).OriginalValue == InvoiceStatus.Issued)
            {
                throw new DomainException("An issued invoice never changes; correct it with a credit note.", nameof(Invoice.Status), StatusCodes.Status409Conflict);
            }
        }

        if (tracker.Entries<InvoiceFile>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new DomainException("The documents of an issued invoice never change.", nameof(InvoiceFile), StatusCodes.Status409Conflict);
        }
    }

    public static string KindName(InvoiceKind kind) => kind == InvoiceKind.CreditNote ? "credit note" : "invoice";
}
