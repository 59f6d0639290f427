using Werkbon.Server.Hosting;

namespace Werkbon.Server.Reports;

/// <summary>
/// Deletes the <see cref="SyncRemoval"/> rows no device can still need: every <c>Sync:RemovalPruneMinutes</c> (default 60,
/// 0 = off) on <see cref="TimeProvider"/>, those written more than <see cref="KeepFor"/> ago. <see cref="PullChanges"/>
/// accepts a token only on the company day it was cut, so a delta reads removals written at most a day (and the time a
/// transaction stayed open) before it; any older token gets the full snapshot, which needs no removals. One statement over
/// every company; another node doing the same at the same time deletes the same rows.
/// </summary>
public sealed partial class SyncRemovalPruning(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SyncRemovalPruning> log)
    : PeriodicSweep(scopes, configuration.GetValue("Sync:RemovalPruneMinutes", 60), clock, log)
{
    /// <summary>How long a removal stays: a day of token validity in any time zone, and a day to spare.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);

    protected override Task SweepAsync(IServiceScopeFactory scopes, CancellationToken ct) => RunAsync(scopes, ct);

    protected override void LogFailed(ILogger log, Exception e) => LogPruneFailed(log, e);

    /// <summary>One pass; returns how many removals were deleted.</summary>
    public static Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        RunAsync(services.GetRequiredService<IServiceScopeFactory>(), ct);

    private static async Task<int> RunAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var before = (scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() - KeepFor).ToUnixTimeSeconds();
        await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
        var deleted = await db.SyncRemovals.IgnoreQueryFilters().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }

    [LoggerMessage(LogLevel.Error, "Pruning the sync removals failed; the next pass tries again")]
    private static partial void LogPruneFailed(ILogger log, Exception e);
}
