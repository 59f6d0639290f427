using Microsoft.Extensions.Options;

namespace Werkbon.Server.Delivery;

/// <summary>
/// Every <see cref="PeppolOptions.PollSeconds"/>, moves each company's open Peppol deliveries one step with
/// <see cref="PeppolDelivery.RefreshAsync"/>: a passing failure is tried again, a sent document is asked for its
/// status, until it is delivered or refused. The work is read from the rows, so a restart or a second node loses
/// nothing; a document is never handed over twice (<see cref="PeppolDelivery.SendAsync"/> claims it first, and one node at a
/// time polls a company: <see cref="SerialWrites.TryHoldAsync"/>, since a document being handed over still looks queued).
/// </summary>
public sealed partial class PeppolPolling(IServiceScopeFactory scopes, IOptions<PeppolOptions> options, TimeProvider clock, ILogger<PeppolPolling> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0)
        {
            return;
        }

        var every = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunAsync(stoppingToken);
        }
    }

    /// <summary>One pass over every company with an open delivery.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            List<Guid> companies;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                companies = await db.Set<PeppolTransmission>().IgnoreQueryFilters().AsNoTracking()
                    .Where(t => t.State == DeliveryState.Queued || t.State == DeliveryState.Sent)
                    .Select(t => t.CompanyId).Distinct().ToListAsync(ct);
            }

            foreach (var companyId in companies)
            {
                await using var companyScope = scopes.CreateAsyncScope();
                companyScope.ServiceProvider.GetRequiredService<CurrentCompany>().Set(companyId);
                var db = companyScope.ServiceProvider.GetRequiredService<AppDb>();
                try
                {
                    // One node at a time per company: a document another node is handing over still looks queued.
                    await using var hold = await SerialWrites.TryHoldAsync(db, SerialWrites.Job.PeppolPolling, companyId, ct);
                    if (hold is not null)
                    {
                        await companyScope.ServiceProvider.GetRequiredService<PeppolDelivery>().RefreshAsync(db, ct);
                    }
                }
                catch (Exception e) when (e is DbUpdateException or DomainException)
                {
                    // Another node moved the same row, or the account went away: the next pass looks again.
                    LogCompanyFailed(log, companyId, e);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!ct.IsCancellationRequested)
            {
                LogFailed(log, e); // while stopping, a pass cut short is expected
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peppol polling of company {CompanyId} failed; the next pass tries again")]
    private static partial void LogCompanyFailed(ILogger logger, Guid companyId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Peppol polling failed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
