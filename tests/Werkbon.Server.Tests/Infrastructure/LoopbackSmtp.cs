using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>How the loopback SMTP server answers a message.</summary>
public enum SmtpMode
{
    /// <summary>Accepts and keeps it.</summary>
    Accept,

    /// <summary>A passing problem: 451, try again later.</summary>
    Outage,

    /// <summary>Refused for good: 554.</summary>
    Refuse,
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, in process, keeping what it accepts; it can be
/// switched to a passing outage or to refusing for good.
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    private LoopbackSmtp(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public SmtpMode Mode
    {
        get => _store.Mode;
        set => _store.Mode = value;
    }

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _store.Messages];

    /// <summary>How many messages were offered (accepted or not).</summary>
    public int Offered => _store.Offered;

    public static LoopbackSmtp Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LoopbackSmtp(port);
    }

    /// <summary>The app's mail settings that point at this server (no TLS, no login).</summary>
    public object Settings(string senderAddress = "facturen@alpha.test", int version = 0) => new
    {
        host = "127.0.0.1",
        port = Port,
        tls = "None",
        senderName = "Alpha Facturatie",
        senderAddress,
        replyTo = "boekhouding@alpha.test",
        version,
    };

    /// <summary>Waits (up to a generous bound) until at least <paramref name="count"/> messages were accepted.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < 300 && _store.Messages.Count < count; i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.True(_store.Messages.Count >= count, $"Expected {count} messages, the server accepted {_store.Messages.Count}.");
        return Messages;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were offered.</summary>
    public async Task WaitForOffersAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < 300 && _store.Offered < count; i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.True(_store.Offered >= count, $"Expected {count} messages offered, the server saw {_store.Offered}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private int _offered;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public volatile SmtpMode Mode;

        public int Offered => Volatile.Read(ref _offered);

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _offered);
            switch (Mode)
            {
                case SmtpMode.Outage:
                    return new SmtpResponse(SmtpReplyCode.Aborted, "Local problem, try again later");
                case SmtpMode.Refuse:
                    return SmtpResponse.TransactionFailed;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
