using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Catalog;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Reports;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Data;

/// <summary>
/// The change sequence behind delta pulls. Every row a device holds a copy of carries a <c>ChangeSeq</c>
/// column that the database itself sets on every insert and update (triggers, so no write path — EF,
/// bulk <c>ExecuteUpdate</c>, raw SQL — can forget it), and a work order that loses a technician leaves a
/// <see cref="SyncRemoval"/> for that technician.
/// <para>
/// The number must let a reader say "I have everything below N" without missing a change committed later
/// with a lower number:
/// SQLite has one writer at a time, so the triggers take the next value of a one-row counter
/// (<c>SyncClock</c>) inside the write transaction, and numbers commit in order; the horizon is the
/// counter + 1. PostgreSQL numbers each row with the writing transaction's 64-bit id
/// (<c>pg_current_xact_id()</c>, no lock, no contention between writers), and the horizon is the
/// oldest transaction still running when the reader starts (<c>pg_snapshot_xmin</c>): every id below it
/// has finished, every change the reader does not see has an id at or above it. A long transaction only
/// makes later pulls send some rows again, never miss one.
/// </para>
/// </summary>
public static class ChangeSequence
{
    public const string Column = "ChangeSeq";

    /// <summary>The tables whose rows feed a device's snapshot.</summary>
    private static readonly string[] Tables = ["WorkOrders", "Customers", "Sites", "Assets", "Articles", "Contracts", "ContractHoursUses", "RateCards", "Reports"];

    public static void Configure(ModelBuilder builder, bool postgres)
    {
        foreach (var type in new[] { typeof(WorkOrder), typeof(Customer), typeof(Site), typeof(Asset), typeof(Article), typeof(ServiceContract), typeof(ContractHoursUse), typeof(RateCardSettings), typeof(InterventionReport) })
        {
            // The database owns the number: EF never writes it (and a schema before this column still takes inserts).
            var property = builder.Entity(type).Property<long>(Column).Metadata;
            property.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            property.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        }

        builder.Entity<Article>().HasIndex(nameof(Article.CompanyId), Column);
        builder.Entity<InterventionReport>().HasIndex(nameof(InterventionReport.CompanyId), Column);
        builder.Entity<SyncRemoval>(e =>
        {
            e.Property(r => r.ArticleCode).HasMaxLength(Hosting.Fields.Code.MaxLength);

            // The triggers name only their own columns: the database stamps the row with its clock.
            e.Property(r => r.CreatedAt).HasDefaultValueSql(postgres ? "floor(extract(epoch FROM now()))::bigint" : "unixepoch()");
            e.HasIndex(r => new { r.CompanyId, r.ChangeSeq });
        });
    }

    /// <summary>
    /// The first sequence number a reader that starts now may not have seen: every change numbered below it is
    /// committed and visible to the queries that follow.
    /// </summary>
    public static Task<long> HorizonAsync(AppDb db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<long>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(ct)
            : db.Database.SqlQueryRaw<long>("SELECT \"Value\" + 1 AS \"Value\" FROM \"SyncClock\"").SingleAsync(ct);

    public static string SqliteUp()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE "SyncClock" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);
            INSERT INTO "SyncClock" ("Id", "Value") VALUES (1, 0);

            """);
        foreach (var table in Tables)
        {
            sql.Append($"""
                CREATE TRIGGER "{table}_ChangeSeq_Insert" AFTER INSERT ON "{table}" BEGIN
                    UPDATE "SyncClock" SET "Value" = "Value" + 1;
                    UPDATE "{table}" SET "ChangeSeq" = (SELECT "Value" FROM "SyncClock") WHERE "Id" = NEW."Id";
                END;
                CREATE TRIGGER "{table}_ChangeSeq_Update" AFTER UPDATE ON "{table}" WHEN NEW."ChangeSeq" = OLD."ChangeSeq" BEGIN
                    UPDATE "SyncClock" SET "Value" = "Value" + 1;
                    UPDATE "{table}" SET "ChangeSeq" = (SELECT "Value" FROM "SyncClock") WHERE "Id" = NEW."Id";
                END;

                """);
        }

        foreach (var link in new[] { "WorkOrderTechnicians", "WorkOrderAssets" })
        {
            foreach (var (verb, row) in new[] { ("INSERT", "NEW"), ("DELETE", "OLD") })
            {
                sql.Append($"""
                    CREATE TRIGGER "{link}_ChangeSeq_{verb}" AFTER {verb} ON "{link}" BEGIN
                        UPDATE "SyncClock" SET "Value" = "Value" + 1;
                        UPDATE "WorkOrders" SET "ChangeSeq" = (SELECT "Value" FROM "SyncClock") WHERE "Id" = {row}."WorkOrderId";
                    END;

                    """);
            }
        }

        sql.Append("""
            CREATE TRIGGER "WorkOrderTechnicians_Removal" AFTER DELETE ON "WorkOrderTechnicians" BEGIN
                UPDATE "SyncClock" SET "Value" = "Value" + 1;
                INSERT INTO "SyncRemovals" ("CompanyId", "ChangeSeq", "TechnicianId", "WorkOrderId")
                SELECT "CompanyId", (SELECT "Value" FROM "SyncClock"), OLD."UserId", OLD."WorkOrderId" FROM "WorkOrders" WHERE "Id" = OLD."WorkOrderId";
            END;
            CREATE TRIGGER "Articles_Removal" AFTER UPDATE OF "Code" ON "Articles" WHEN NEW."Code" <> OLD."Code" BEGIN
                UPDATE "SyncClock" SET "Value" = "Value" + 1;
                INSERT INTO "SyncRemovals" ("CompanyId", "ChangeSeq", "ArticleCode") VALUES (OLD."CompanyId", (SELECT "Value" FROM "SyncClock"), OLD."Code");
            END;
            """);
        return sql.ToString();
    }

    /// <summary>
    /// <c>SyncRemovals.CreatedAt</c> on SQLite, which cannot add a column whose default is an expression: the table is
    /// built again with it (rows kept, stamped with the migration's time). The rename runs in legacy mode, so SQLite
    /// neither checks nor rewrites the triggers that insert into the table while it is briefly missing.
    /// </summary>
    public static string SqliteRemovalAgeUp() => """
        CREATE TABLE "ef_temp_SyncRemovals" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_SyncRemovals" PRIMARY KEY AUTOINCREMENT,
            "CompanyId" TEXT NOT NULL,
            "ChangeSeq" INTEGER NOT NULL,
            "TechnicianId" TEXT NULL,
            "WorkOrderId" TEXT NULL,
            "ArticleCode" TEXT NULL,
            "CreatedAt" INTEGER NOT NULL DEFAULT (unixepoch()));
        INSERT INTO "ef_temp_SyncRemovals" ("Id", "CompanyId", "ChangeSeq", "TechnicianId", "WorkOrderId", "ArticleCode")
        SELECT "Id", "CompanyId", "ChangeSeq", "TechnicianId", "WorkOrderId", "ArticleCode" FROM "SyncRemovals";
        DROP TABLE "SyncRemovals";
        PRAGMA legacy_alter_table = ON;
        ALTER TABLE "ef_temp_SyncRemovals" RENAME TO "SyncRemovals";
        PRAGMA legacy_alter_table = OFF;
        CREATE INDEX "IX_SyncRemovals_CompanyId_ChangeSeq" ON "SyncRemovals" ("CompanyId", "ChangeSeq");
        """;

    public static string SqliteRemovalAgeDown() => """ALTER TABLE "SyncRemovals" DROP COLUMN "CreatedAt";""";

    public static string SqliteDown()
    {
        var sql = new System.Text.StringBuilder("""DROP TABLE "SyncClock";""");
        foreach (var table in Tables)
        {
            sql.Append($"""DROP TRIGGER "{table}_ChangeSeq_Insert"; DROP TRIGGER "{table}_ChangeSeq_Update";""");
        }

        sql.Append("""
            DROP TRIGGER "WorkOrderTechnicians_ChangeSeq_INSERT"; DROP TRIGGER "WorkOrderTechnicians_ChangeSeq_DELETE";
            DROP TRIGGER "WorkOrderAssets_ChangeSeq_INSERT"; DROP TRIGGER "WorkOrderAssets_ChangeSeq_DELETE";
            DROP TRIGGER "WorkOrderTechnicians_Removal"; DROP TRIGGER "Articles_Removal";
            """);
        return sql.ToString();
    }

    public static string PostgresUp()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE FUNCTION werkbon_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW."ChangeSeq" := pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END $$;
            CREATE FUNCTION werkbon_work_order_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    UPDATE "WorkOrders" SET "ChangeSeq" = 0 WHERE "Id" = OLD."WorkOrderId";
                    IF TG_TABLE_NAME = 'WorkOrderTechnicians' THEN
                        INSERT INTO "SyncRemovals" ("CompanyId", "ChangeSeq", "TechnicianId", "WorkOrderId")
                        SELECT "CompanyId", pg_current_xact_id()::text::bigint, OLD."UserId", OLD."WorkOrderId" FROM "WorkOrders" WHERE "Id" = OLD."WorkOrderId";
                    END IF;
                ELSE
                    UPDATE "WorkOrders" SET "ChangeSeq" = 0 WHERE "Id" = NEW."WorkOrderId";
                END IF;
                RETURN NULL;
            END $$;
            CREATE FUNCTION werkbon_article_code_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW."Code" <> OLD."Code" THEN
                    INSERT INTO "SyncRemovals" ("CompanyId", "ChangeSeq", "ArticleCode") VALUES (OLD."CompanyId", pg_current_xact_id()::text::bigint, OLD."Code");
                END IF;
                RETURN NULL;
            END $$;

            """);
        foreach (var table in Tables)
        {
            sql.Append($"""
                CREATE TRIGGER "{table}_ChangeSeq" BEFORE INSERT OR UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION werkbon_change_seq();

                """);
        }

        sql.Append("""
            CREATE TRIGGER "WorkOrderTechnicians_ChangeSeq" AFTER INSERT OR DELETE ON "WorkOrderTechnicians" FOR EACH ROW EXECUTE FUNCTION werkbon_work_order_link_changed();
            CREATE TRIGGER "WorkOrderAssets_ChangeSeq" AFTER INSERT OR DELETE ON "WorkOrderAssets" FOR EACH ROW EXECUTE FUNCTION werkbon_work_order_link_changed();
            CREATE TRIGGER "Articles_Removal" AFTER UPDATE OF "Code" ON "Articles" FOR EACH ROW EXECUTE FUNCTION werkbon_article_code_changed();
            """);
        return sql.ToString();
    }

    public static string PostgresDown()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var table in Tables)
        {
            sql.Append($"""DROP TRIGGER "{table}_ChangeSeq" ON "{table}";""");
        }

        sql.Append("""
            DROP TRIGGER "WorkOrderTechnicians_ChangeSeq" ON "WorkOrderTechnicians";
            DROP TRIGGER "WorkOrderAssets_ChangeSeq" ON "WorkOrderAssets";
            DROP TRIGGER "Articles_Removal" ON "Articles";
            DROP FUNCTION werkbon_change_seq(); DROP FUNCTION werkbon_work_order_link_changed(); DROP FUNCTION werkbon_article_code_changed();
            """);
        return sql.ToString();
    }
}
