using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_whole_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public void The_postgres_migrations_cover_the_whole_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_app_migrates_an_empty_database_at_start_up(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var applied = await app.InCompany(Guid.Empty, async (db, _) => (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Count());
        var known = await app.InCompany(Guid.Empty, (db, _) => Task.FromResult(db.Database.GetMigrations().Count()));
        Assert.True(applied > 0);
        Assert.Equal(known, applied);
    }
}
