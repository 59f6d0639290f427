using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Werkbon.Core.Review;
using Werkbon.Server.Catalog;
using Werkbon.Server.Companies;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Payments;
using Werkbon.Server.People;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Data;

/// <summary>
/// The one database context. Each provider has a subclass that owns its migrations
/// (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>); everything else talks to AppDb.
/// </summary>
public abstract class AppDb(DbContextOptions options, CurrentCompany company)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Read by the company filters at query time (EF parameterises it per context).</summary>
    public Guid? CompanyId => company.Id;

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<RateCardSettings> RateCards => Set<RateCardSettings>();

    public DbSet<ServiceContract> Contracts => Set<ServiceContract>();

    public DbSet<ContractHoursUse> ContractHoursUses => Set<ContractHoursUse>();

    public DbSet<InterventionReport> Reports => Set<InterventionReport>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<ReportRevision> ReportRevisions => Set<ReportRevision>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceSeries> InvoiceSeries => Set<InvoiceSeries>();

    public DbSet<InvoiceLedger> InvoiceLedgers => Set<InvoiceLedger>();

    public DbSet<InvoiceFile> InvoiceFiles => Set<InvoiceFile>();

    public DbSet<InvoiceSource> InvoiceSources => Set<InvoiceSource>();

    public DbSet<MonthEndRun> MonthEndRuns => Set<MonthEndRun>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<InvoiceBalance> InvoiceBalances => Set<InvoiceBalance>();

    public DbSet<BankStatementImport> BankStatementImports => Set<BankStatementImport>();

    public DbSet<BankLine> BankLines => Set<BankLine>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Portal.PortalLink> PortalLinks => Set<Portal.PortalLink>();

    public DbSet<SyncRemoval> SyncRemovals => Set<SyncRemoval>();

    /// <summary>Set when a save wrote outbox rows; the commit (or the save itself outside a transaction) wakes the dispatcher.</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>The SQLite write gate a save outside a transaction holds until it ends (<see cref="SqliteSaveGate"/>).</summary>
    internal SemaphoreSlim? HeldSaveGate { get; set; }

    public override void Dispose()
    {
        ReleaseSaveGate();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ReleaseSaveGate();
        return base.DisposeAsync();
    }

    /// <summary>Lets go of a gate a failed save could not hand back, so one broken context never stops every writer.</summary>
    internal void ReleaseSaveGate()
    {
        if (HeldSaveGate is { } gate)
        {
            HeldSaveGate = null;
            gate.Release();
        }
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(Delivery.OutboxSignal.Instance, SqliteSaveGate.Instance);
    public DbSet<Portal.InvoiceDispute> InvoiceDisputes => Set<Portal.InvoiceDispute>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC; SQLite gives them back unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<string>().HaveMaxLength(Hosting.Fields.Line.MaxLength);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.HasIndex(u => u.CompanyId);
            user.ComplexProperty(u => u.HomeBase);
        });

        builder.Entity<UserSession>(e =>
        {
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId);
        });

        // The three roles exist in every database from the first migration on.
        builder.Entity<IdentityRole<Guid>>().HasData(People.Roles.All.Select((role, i) => new IdentityRole<Guid>
        {
            Id = new Guid($"7e1b0000-0000-7000-8000-00000000000{i + 1}"),
            Name = role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = role,
        }));

        builder.Entity<Company>(e =>
        {
            e.ComplexProperty(c => c.Address);
            e.Property(c => c.Version).IsConcurrencyToken();
        });

        builder.Entity<Customer>(e =>
        {
            e.ComplexProperty(c => c.BillingAddress);
            e.OwnsMany(c => c.Contacts, contacts => contacts.ToJson());
            e.Property(c => c.Notes).HasMaxLength(Hosting.Fields.LongNote.MaxLength);
            e.HasIndex(c => new { c.CompanyId, c.Name });
            e.HasIndex(c => new { c.CompanyId, c.VatNumber });
        });

        builder.Entity<Site>(e =>
        {
            e.ComplexProperty(s => s.Address);
            e.Property(s => s.AccessNotes).HasMaxLength(Hosting.Fields.Note.MaxLength);
            e.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.CompanyId, s.CustomerId });
        });

        builder.Entity<Asset>(e =>
        {
            e.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.CompanyId, a.SiteId });
        });

        builder.Entity<Article>(e =>
        {
            e.HasIndex(a => new { a.CompanyId, a.Code }).IsUnique();
            e.HasIndex(a => new { a.CompanyId, a.Ean });
        });

        builder.Entity<WorkOrder>(e =>
        {
            e.Property(w => w.Description).HasMaxLength(Hosting.Fields.LongNote.MaxLength);
            e.HasOne<Customer>().WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Site>().WithMany().HasForeignKey(w => w.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(w => new { w.CompanyId, w.Number }).IsUnique();
            e.HasIndex(w => new { w.CompanyId, w.ScheduledStart });
            e.OwnsMany(w => w.Technicians, t =>
            {
                t.ToTable("WorkOrderTechnicians");
                t.WithOwner().HasForeignKey("WorkOrderId");
                t.HasKey("WorkOrderId", nameof(WorkOrderTechnician.UserId));
                t.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
                t.HasIndex(x => x.UserId);
            });
            e.OwnsMany(w => w.Assets, a =>
            {
                a.ToTable("WorkOrderAssets");
                a.WithOwner().HasForeignKey("WorkOrderId");
                a.HasKey("WorkOrderId", nameof(WorkOrderAsset.AssetId));
                a.HasOne<Asset>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Restrict);
            });
        });

        builder.Entity<RateCardSettings>(e =>
        {
            e.Property(r => r.Card).HasJsonConversion();
            e.Property(r => r.CompanyHolidays).HasJsonConversion();
            e.Ignore(r => r.Clock);
            e.HasIndex(r => r.CompanyId).IsUnique();
        });

        builder.Entity<ServiceContract>(e =>
        {
            e.Property(c => c.Terms).HasJsonConversion();
            e.Property(c => c.CoveredSiteIds).HasJsonConversion();
            e.Property(c => c.CoveredAssetIds).HasJsonConversion();
            e.Property(c => c.TermsText).HasMaxLength(Hosting.Fields.Document.MaxLength);
            e.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.CompanyId, c.CustomerId });
        });

        builder.Entity<ContractHoursUse>(e =>
        {
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(u => u.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => new { u.CompanyId, u.ContractId, u.VisitDate });
        });

        builder.Entity<InterventionReport>(e =>
        {
            e.Property(r => r.CanonicalDocument).Metadata.SetMaxLength(null);
            e.Property(r => r.Hash).HasMaxLength(64);
            e.Property(r => r.FileHashes).HasJsonConversion();
            e.Property(r => r.Pricing).HasJsonConversion();
            e.Property(r => r.Reasons).HasJsonConversion();
            e.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.CompanyId, r.WorkOrderId });
            e.HasIndex(r => new { r.CompanyId, r.Status });
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.Before).Metadata.SetMaxLength(null);
            e.Property(a => a.After).Metadata.SetMaxLength(null);
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.HasIndex(a => new { a.CompanyId, a.Entity, a.EntityId });
        });

        builder.Entity<ReportRevision>(e =>
        {
            e.Property(r => r.Revised).HasJsonConversion();
            e.Property(r => r.Corrections).HasJsonConversion();
            e.Property(r => r.Reason).HasMaxLength(ReportCorrection.MaxReasonLength);
            e.HasOne<InterventionReport>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.CompanyId, r.ReportId, r.Number }).IsUnique();
        });

        builder.Entity<StraightThroughSettings>(e =>
        {
            e.Property(r => r.Rules).HasJsonConversion();
            e.HasIndex(r => r.CompanyId).IsUnique();
        });

        builder.Entity<StoredFile>(e =>
        {
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasIndex(f => new { f.CompanyId, f.Sha256 }).IsUnique();
            e.HasIndex(f => new { f.CompanyId, f.AwaitingReport, f.UploadedBy });
        });

        builder.ConfigureInvoicing();
        builder.ConfigurePayments();
        Reminders.Configure(builder);
        Portal.PortalLinks.Configure(builder);
        Delivery.DeliveryModel.Configure(builder);
        Delivery.PeppolAccount.Configure(builder);
        Portal.InvoiceDisputes.Configure(builder);
        MonthEndRun.Configure(builder);
        ChangeSequence.Configure(builder, Database.IsNpgsql());

        // Every company row: a version for optimistic concurrency and the company filter.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(CompanyEntity).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(CompanyEntity.Version)).IsConcurrencyToken();
            ApplyCompanyFilterMethod.MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    private static readonly System.Reflection.MethodInfo ApplyCompanyFilterMethod =
        typeof(AppDb).GetMethod(nameof(ApplyCompanyFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void ApplyCompanyFilter<T>(ModelBuilder builder)
        where T : CompanyEntity =>
        builder.Entity<T>().HasQueryFilter(e => e.CompanyId == CompanyId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = PrepareSave();
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (OutboxWritten && Database.CurrentTransaction is null)
            {
                OutboxWritten = false;
                Delivery.OutboxSignal.Raise();
            }

            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Detects changes once, then checks and stamps the rows with detection off: each look at the tracked
    /// rows would otherwise compare every property again (JSON columns by their text). Returns the setting to restore.
    /// </summary>
    private bool PrepareSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StampCompanyRows();
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
            throw;
        }

        return detect;
    }

    /// <summary>New rows take the current company; no row of another company is ever written; versions move on.</summary>
    private void StampCompanyRows()
    {
        InvoicingModel.RefuseChangesToIssued(ChangeTracker);
        OutboxWritten |= ChangeTracker.Entries<Delivery.OutboxMessage>().Any(e => e.State == EntityState.Added);
        foreach (var entry in ChangeTracker.Entries<CompanyEntity>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.CompanyId == Guid.Empty:
                    entry.Property(e => e.CompanyId).CurrentValue = company.RequiredId;
                    break;
                case EntityState.Modified or EntityState.Deleted when company.Id is { } current && entry.Entity.CompanyId != current:
                    throw new InvalidOperationException("A row of another company cannot be changed.");
                case EntityState.Modified:
                    entry.Property(e => e.Version).CurrentValue = entry.Entity.Version + 1;
                    break;
            }
        }

        foreach (var entry in ChangeTracker.Entries<Company>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(e => e.Version).CurrentValue = entry.Entity.Version + 1;
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>AppDb on SQLite; owns the migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options, CurrentCompany company) : AppDb(options, company);

/// <summary>AppDb on PostgreSQL; owns the migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options, CurrentCompany company) : AppDb(options, company);
