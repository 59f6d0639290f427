using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Werkbon.Server.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the database from configuration: <c>Database:Provider</c> and <c>Database:ConnectionString</c>.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddWerkbonData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration["Database:ConnectionString"];
        services.AddScoped<CurrentCompany>();

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
            }

            services.AddDbContext<AppDb, PostgresAppDb>(o => o.UseNpgsql(connectionString));
            services.AddSingleton(sp => new Reports.PostgresReportFeed(connectionString, sp.GetRequiredService<ILogger<Reports.PostgresReportFeed>>()));
            services.AddSingleton<Reports.IReportFeed>(sp => sp.GetRequiredService<Reports.PostgresReportFeed>());
            services.AddHostedService(sp => sp.GetRequiredService<Reports.PostgresReportFeed>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.GetFullPath(configuration["DataFolder"] ?? "data");
                Directory.CreateDirectory(folder);
                connectionString = $"Data Source={Path.Combine(folder, "werkbon.db")}";
            }

            services.AddDbContext<AppDb, SqliteAppDb>(o => o.UseSqlite(connectionString));
            services.AddSingleton<Reports.IReportFeed, Reports.InProcessReportFeed>();
        }

        return services;
    }

    /// <summary>Brings the schema up to date; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(AppDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite migrations without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=design.db").Options, new CurrentCompany());
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL migrations without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=werkbon_design").Options, new CurrentCompany());
}
