namespace Werkbon.Server.Hosting;

/// <summary>
/// A hosted job that runs one sweep at start-up and then every <c>minutes</c> on <see cref="TimeProvider"/> (0 or less =
/// off, for tests that sweep by hand). A failed sweep is logged and the next one tries again.
/// </summary>
public abstract class PeriodicSweep(IServiceScopeFactory scopes, int minutes, TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>One sweep.</summary>
    protected abstract Task SweepAsync(IServiceScopeFactory scopes, CancellationToken ct);

    /// <summary>The log line of a failed sweep.</summary>
    protected abstract void LogFailed(ILogger log, Exception e);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (minutes <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(scopes, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(minutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
