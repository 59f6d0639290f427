using Npgsql;

namespace Werkbon.Server.Reports;

/// <summary>What a change on the feed is about: a report (its id in <see cref="ReportChanged.ReportId"/>) or a customer's dispute of an invoice line (the dispute's id).</summary>
public enum FeedTopic
{
    Report,
    Dispute,
}

/// <summary>
/// A report reached the server (or changed state) for a company; with <see cref="FeedTopic.Dispute"/>, a dispute was
/// raised or resolved. Pages listen to their own topic only: a burst of pushed reports does not reload the disputes.
/// </summary>
public sealed record ReportChanged(Guid CompanyId, Guid ReportId, FeedTopic Topic = FeedTopic.Report);

/// <summary>
/// Live pushes of report changes to every open back-office page of the company, on every app node.
/// In one process on SQLite it is an in-memory event; on PostgreSQL, LISTEN/NOTIFY carries it to all nodes.
/// </summary>
public interface IReportFeed
{
    Task PublishAsync(ReportChanged change, CancellationToken ct);

    IDisposable Subscribe(Guid companyId, Func<ReportChanged, Task> handler);
}

/// <summary>The in-process feed; also the local fan-out of <see cref="PostgresReportFeed"/>.</summary>
public class InProcessReportFeed : IReportFeed
{
    private readonly Lock _gate = new();
    private readonly List<(Guid CompanyId, Func<ReportChanged, Task> Handler)> _subscribers = [];

    public virtual Task PublishAsync(ReportChanged change, CancellationToken ct) => DeliverAsync(change);

    public IDisposable Subscribe(Guid companyId, Func<ReportChanged, Task> handler)
    {
        var entry = (companyId, handler);
        lock (_gate)
        {
            _subscribers.Add(entry);
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(entry);
            }
        });
    }

    protected async Task DeliverAsync(ReportChanged change)
    {
        List<Func<ReportChanged, Task>> handlers;
        lock (_gate)
        {
            handlers = [.. _subscribers.Where(s => s.CompanyId == change.CompanyId).Select(s => s.Handler)];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(change);
            }
            catch (Exception)
            {
                // One closed page must not stop the others from hearing about the report.
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>
/// Publishes with <c>NOTIFY</c> and listens with <c>LISTEN</c> on one dedicated connection, so a report
/// stored by any node reaches the pages open on every node.
/// </summary>
public sealed partial class PostgresReportFeed(string connectionString, ILogger<PostgresReportFeed> log) : InProcessReportFeed, IHostedService, IAsyncDisposable
{
    public const string Channel = "werkbon_reports";
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;

    public override async Task PublishAsync(ReportChanged change, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("payload", $"{change.CompanyId:N}:{change.ReportId:N}:{(int)change.Topic}");
        await notify.ExecuteNonQueryAsync(ct);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            await _listening.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    var parts = e.Payload.Split(':');
                    if (parts.Length == 3 && Guid.TryParse(parts[0], out var company) && Guid.TryParse(parts[1], out var report)
                        && Enum.TryParse<FeedTopic>(parts[2], out var topic) && Enum.IsDefined(topic))
                    {
                        _ = DeliverAsync(new ReportChanged(company, report, topic));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                LogListenFailed(log, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // The token source holds no timer, so it is cancelled but not disposed: the host may stop the feed after disposing it.
    public async ValueTask DisposeAsync() => await _stop.CancelAsync();

    [LoggerMessage(LogLevel.Warning, "Listening for report changes failed; retrying")]
    private static partial void LogListenFailed(ILogger log, Exception exception);
}
