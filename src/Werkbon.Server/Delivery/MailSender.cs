using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;

namespace Werkbon.Server.Delivery;

/// <summary>What became of one attempt: accepted, or failed with the reason (for good when <see cref="Refused"/>).</summary>
public sealed record MailOutcome(bool Accepted, string Error = "", bool Refused = false)
{
    public static readonly MailOutcome Ok = new(true);
}

/// <summary>
/// Hands a message to the company's SMTP server (MailKit), or, when the company has no server configured, writes it as an
/// <c>.eml</c> file to <c>&lt;DataFolder&gt;/mail-pickup/&lt;company id&gt;/</c>. Never throws for a network or server failure.
/// </summary>
public sealed class MailSender(IConfiguration configuration, IDataProtectionProvider protection)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _pickup = Path.Combine(Path.GetFullPath(configuration["DataFolder"] ?? "data"), "mail-pickup");

    /// <summary>Where a company's mail goes when it has no SMTP server.</summary>
    public string PickupFolder(Guid companyId) => Path.Combine(_pickup, companyId.ToString("N"));

    public async Task<MailOutcome> SendAsync(Guid companyId, MailSettings? settings, MimeMessage message, CancellationToken ct)
    {
        if (settings is null || settings.Host.Length == 0)
        {
            // Named after the Message-ID: a repeated attempt of the same job writes the same file again.
            var folder = PickupFolder(companyId);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{(message.MessageId ?? "message").Replace('@', '.')}.eml");
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await message.WriteToAsync(temporary, ct);
            File.Move(temporary, path, overwrite: true);
            return MailOutcome.Ok;
        }

        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = settings.Tls switch
            {
                MailTls.Ssl => SecureSocketOptions.SslOnConnect,
                MailTls.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await smtp.ConnectAsync(settings.Host, settings.Port, security, ct);
            if (settings.UserName.Length > 0)
            {
                var password = settings.ProtectedPassword.Length == 0 ? "" : protection.CreateProtector(MailSettingsEndpoints.Purpose).Unprotect(settings.ProtectedPassword);
                await smtp.AuthenticateAsync(settings.UserName, password, ct);
            }

            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            return MailOutcome.Ok;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            return new MailOutcome(false, $"{(int)e.StatusCode} {e.Message}", Refused: true);
        }
        catch (SmtpCommandException e)
        {
            return new MailOutcome(false, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or TimeoutException or AuthenticationException
            or ServiceNotConnectedException or System.Security.Cryptography.CryptographicException or SslHandshakeException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new MailOutcome(false, e.Message);
        }
    }
}
