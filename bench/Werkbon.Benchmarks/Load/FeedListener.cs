using System.Collections.Concurrent;
using Npgsql;
using Werkbon.Server.Reports;

namespace Werkbon.Benchmarks.Load;

/// <summary>
/// Listens on the report feed's PostgreSQL channel like a node does, and notes when each report's notification arrives,
/// so the inbox latency splits into the part up to the notification and the part from it to the row on screen.
/// </summary>
internal sealed class FeedListener : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, long> _heard = new();
    private Task _listening = Task.CompletedTask;

    private FeedListener(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Unix milliseconds at which each report's first notification arrived.</summary>
    public IReadOnlyDictionary<Guid, long> Heard => _heard;

    public static async Task<FeedListener> StartAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var listener = new FeedListener(connection);
        connection.Notification += (_, e) =>
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var parts = e.Payload.Split(':');
            if (parts.Length >= 2 && Guid.TryParse(parts[1], out var report))
            {
                listener._heard.TryAdd(report, at);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresReportFeed.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        listener._listening = Task.Run(async () =>
        {
            while (!listener._stop.IsCancellationRequested)
            {
                await connection.WaitAsync(listener._stop.Token);
            }
        });
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
