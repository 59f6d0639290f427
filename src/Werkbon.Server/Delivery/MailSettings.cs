using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Delivery;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum MailTls
{
    /// <summary>Plain text (a relay on the local network).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}

/// <summary>
/// A company's outgoing mail server. Without a host, mail is written as <c>.eml</c> files to the pickup folder. The
/// password is kept only as ASP.NET Core Data Protection ciphertext and is never read back out through the API.
/// </summary>
public sealed class MailSettings : CompanyEntity
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public MailTls Tls { get; set; } = MailTls.StartTls;

    public string UserName { get; set; } = "";

    /// <summary>The password, protected with Data Protection (<see cref="MailSettingsEndpoints.Purpose"/>).</summary>
    public string ProtectedPassword { get; set; } = "";

    public string SenderName { get; set; } = "";

    public string SenderAddress { get; set; } = "";

    public string ReplyTo { get; set; } = "";
}

/// <summary>What an admin sends: a null or empty password keeps the one stored; <see cref="ClearPassword"/> removes it.</summary>
public sealed record MailSettingsInput(
    string? Host, string? UserName, string? Password, string? SenderName, string? SenderAddress, string? ReplyTo, int? Version,
    int Port = 587, MailTls Tls = MailTls.StartTls, bool ClearPassword = false);

/// <summary>What is read back: never the password, only whether one is stored.</summary>
public sealed record MailSettingsDetails(
    string Host, int Port, MailTls Tls, string UserName, bool HasPassword, string SenderName, string SenderAddress, string ReplyTo, bool UsesPickupFolder, int Version);

/// <summary><c>GET/PUT /api/mail/settings</c>: admins only (the settings hold a credential).</summary>
public static class MailSettingsEndpoints
{
    public const string Purpose = "Werkbon.Delivery.MailSettings.Password";

    public static IServiceCollection AddDelivery(this IServiceCollection services) => services
        .AddSingleton<MailSender>()
        .AddSingleton<DeliveryMail>()
        .AddSingleton<MailDispatcher>()
        .AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());

    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app)
    {
        var mail = app.MapGroup("/api/mail").WithTags("Mail").RequireAuthorization(Policies.Admin);
        mail.MapGet("/settings", Get);
        mail.MapPut("/settings", Save);
        return app;
    }

    public static async Task<Ok<MailSettingsDetails>> Get(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(Details(await db.Set<MailSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new MailSettings()));

    public static async Task<Results<Ok<MailSettingsDetails>, ValidationProblem, Conflict<ProblemDetails>>> Save(
        MailSettingsInput input, AppDb db, Texts texts, IDataProtectionProvider protection, CancellationToken ct)
    {
        var settings = await db.Set<MailSettings>().FirstOrDefaultAsync(ct);
        if (settings is not null && !db.IsCurrent(settings, input.Version))
        {
            return Conflicts.Stale();
        }

        var v = new Validation(texts);
        v.Field("host", input.Host, Fields.Label);
        if (!string.IsNullOrWhiteSpace(input.Host) && Uri.CheckHostName(input.Host.Trim()) == UriHostNameType.Unknown)
        {
            v.Add("host", "Mail.BadHost");
        }

        v.Range("port", input.Port, 1, 65535);
        if (!Enum.IsDefined(input.Tls))
        {
            v.Add("tls", "Validation.Invalid");
        }

        v.Field("userName", input.UserName, Fields.Label);
        v.Field("password", input.Password, Fields.Label);
        v.Field("senderName", input.SenderName, Fields.Name);
        v.Email("senderAddress", input.SenderAddress, required: !string.IsNullOrWhiteSpace(input.Host));
        v.Email("replyTo", input.ReplyTo);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        if (settings is null)
        {
            settings = new MailSettings();
            db.Add(settings);
        }

        settings.Host = input.Host?.Trim() ?? "";
        settings.Port = input.Port;
        settings.Tls = input.Tls;
        settings.UserName = input.UserName?.Trim() ?? "";
        if (input.ClearPassword)
        {
            settings.ProtectedPassword = "";
        }
        else if (!string.IsNullOrEmpty(input.Password))
        {
            settings.ProtectedPassword = protection.CreateProtector(Purpose).Protect(input.Password);
        }

        settings.SenderName = input.SenderName?.Trim() ?? "";
        settings.SenderAddress = input.SenderAddress?.Trim() ?? "";
        settings.ReplyTo = input.ReplyTo?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Details(settings));
    }

    private static MailSettingsDetails Details(MailSettings s) =>
        new(s.Host, s.Port, s.Tls, s.UserName, s.ProtectedPassword.Length > 0, s.SenderName, s.SenderAddress, s.ReplyTo, s.Host.Length == 0, s.Version);
}

/// <summary>How the delivery rows are stored.</summary>
public static class DeliveryModel
{
    public static void Configure(ModelBuilder builder)
    {
        OutboxMessage.Configure(builder);
        builder.Entity<OutboxMessage>().ToTable("OutboxMessages");
        builder.Entity<InvoiceDelivery>(e =>
        {
            e.ToTable("InvoiceDeliveries");
            e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(10);
            e.Property(d => d.Recipient).HasMaxLength(Fields.Email.MaxLength);
            e.Property(d => d.LastError).HasMaxLength(500);
            e.HasIndex(d => new { d.CompanyId, d.InvoiceId, d.Channel }).IsUnique();
            e.HasIndex(d => new { d.CompanyId, d.State });
            e.HasOne<Invoicing.Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<MailSettings>(e =>
        {
            e.ToTable("MailSettings");
            e.Property(s => s.Tls).HasConversion<string>().HasMaxLength(10);
            e.Property(s => s.Host).HasMaxLength(Fields.Label.MaxLength);
            e.Property(s => s.UserName).HasMaxLength(Fields.Label.MaxLength);
            e.Property(s => s.ProtectedPassword).HasMaxLength(1000);
            e.Property(s => s.SenderAddress).HasMaxLength(Fields.Email.MaxLength);
            e.Property(s => s.ReplyTo).HasMaxLength(Fields.Email.MaxLength);
            e.HasIndex(s => s.CompanyId).IsUnique();
        });
    }
}
