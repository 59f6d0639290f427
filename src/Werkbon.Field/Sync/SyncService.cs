using Microsoft.JSInterop;
using Werkbon.Core.Reports;
using Werkbon.Field.Local;
using Werkbon.Field.Reports;

namespace Werkbon.Field.Sync;

/// <summary>
/// Sends the outbox and pulls the day's work, exactly once per report: for each signed report (oldest
/// first) its files are uploaded by hash (idempotent), then the report is PUT to its own id (a replay
/// answers the stored result), then the files the server still misses are sent. A network failure stops
/// the round and is retried with backoff, when the network comes back, when the app starts and from the
/// button; a report the server refuses goes to "needs attention" and the ones behind it carry on.
/// </summary>
public sealed class SyncService(
    Session session, FieldApi api, FieldData data, Outbox outbox, Drafts drafts, LocalStore store, TimeProvider clock, IJSRuntime js) : IAsyncDisposable
{
    private static readonly TimeSpan PullEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private DotNetObjectReference<SyncService>? self;
    private PeriodicTimer? timer;
    private Task? current;
    private int failures;
    private DateTimeOffset notBefore;

    public bool IsRunning { get; private set; }

    public bool IsOnline { get; private set; } = true;

    public event Action? Changed;

    public async Task StartAsync()
    {
        if (self is not null)
        {
            return;
        }

        self = DotNetObjectReference.Create(this);
        await js.InvokeVoidAsync("werkbon.net.watch", self);
        IsOnline = await js.InvokeAsync<bool>("werkbon.net.isOnline");
        timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        _ = TickAsync(timer);
        _ = SyncNowAsync(manual: false);
    }

    [JSInvokable]
    public Task OnNetworkChanged(bool online)
    {
        IsOnline = online;
        Changed?.Invoke();
        if (!online)
        {
            return Task.CompletedTask;
        }

        failures = 0;
        notBefore = DateTimeOffset.MinValue;
        return SyncNowAsync(manual: false);
    }

    /// <summary>Runs a round now (or joins the running one). A manual round also retries items waiting for their backoff.</summary>
    public Task SyncNowAsync(bool manual)
    {
        if (current is { IsCompleted: false })
        {
            return current;
        }

        current = RoundAsync(manual);
        return current;
    }

    /// <summary>Puts a refused report back in the queue, for when the office has fixed the cause.</summary>
    public async Task RetryAsync(OutboxItem item)
    {
        await outbox.SaveAsync(item with { State = OutboxState.Pending, NextAttemptAt = null });
        await SyncNowAsync(manual: true);
    }

    private async Task TickAsync(PeriodicTimer ticks)
    {
        while (await ticks.WaitForNextTickAsync())
        {
            var now = clock.GetUtcNow();
            var due = session.Current is { NeedsSignIn: false }
                && now >= notBefore
                && (outbox.Items.Any(i => i.State == OutboxState.Pending && (i.NextAttemptAt ?? now) <= now)
                    || data.Meta.LastPullAt is null
                    || now - data.Meta.LastPullAt >= PullEvery);
            if (due)
            {
                try
                {
                    await SyncNowAsync(manual: false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; the outbox is untouched by a failed round.
                    Console.Error.WriteLine($"Sync round failed: {e.GetType().Name}");
                }
            }
        }
    }

    private async Task RoundAsync(bool manual)
    {
        IsRunning = true;
        Changed?.Invoke();
        string? error = null;
        var reached = false;
        try
        {
            if (session.Current is not { NeedsSignIn: false })
            {
                return;
            }

            await outbox.PurgeSentAsync(clock.GetUtcNow().AddDays(-30));
            var outcome = await PushAllAsync(manual);
            if (outcome is not (CallOutcome.Offline or CallOutcome.Unauthorized))
            {
                outcome = await PullAsync();
            }

            reached = outcome is not (CallOutcome.Offline or CallOutcome.Unauthorized);
            error = outcome switch
            {
                CallOutcome.Unauthorized => "sign-in",
                CallOutcome.Transient => "server",
                _ => null,
            };
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or System.Text.Json.JsonException)
        {
            error = e.Message;
        }
        finally
        {
            var now = clock.GetUtcNow();
            if (reached)
            {
                failures = 0;
                notBefore = DateTimeOffset.MinValue;
                IsOnline = true;
            }
            else if (session.IsSignedIn)
            {
                failures++;
                notBefore = now + Backoff(failures);
            }

            if (session.IsSignedIn)
            {
                await data.SaveMetaAsync(data.Meta with { LastSyncAt = reached ? now : data.Meta.LastSyncAt, LastError = error });
            }

            IsRunning = false;
            Changed?.Invoke();
        }
    }

    private async Task<CallOutcome> PushAllAsync(bool manual)
    {
        var worst = CallOutcome.Ok;
        foreach (var item in outbox.Items.Where(i => i.State == OutboxState.Pending).ToList())
        {
            if (!manual && item.NextAttemptAt > clock.GetUtcNow())
            {
                continue;
            }

            var outcome = await PushAsync(item);
            if (outcome is CallOutcome.Offline or CallOutcome.Unauthorized)
            {
                return outcome;
            }

            if (outcome == CallOutcome.Transient)
            {
                worst = outcome;
            }
        }

        return worst;
    }

    private async Task<CallOutcome> PushAsync(OutboxItem item)
    {
        if (!ReportHash.Verify(item.Document, item.Hash))
        {
            // Never send a report whose seal no longer matches what the device holds.
            return await FailAsync(item, new ApiResult<bool>(CallOutcome.Rejected, Message: "The report on this device no longer matches its seal."));
        }

        foreach (var hash in item.Document.FileHashes().Except(item.UploadedFiles, StringComparer.Ordinal).ToList())
        {
            var upload = await UploadAsync(hash);
            if (upload.Outcome == CallOutcome.Ok)
            {
                item = item with { UploadedFiles = [.. item.UploadedFiles, hash] };
                await outbox.SaveAsync(item);
            }
            else if (upload.Status != 0 || upload.Outcome != CallOutcome.Rejected)
            {
                return await FailAsync(item, upload);
            }

            // Not on this device (Rejected without a status): the report's answer tells whether the server has it.
        }

        for (var round = 0; ; round++)
        {
            var push = await api.PushReportAsync(item.ReportId, item.Body, CancellationToken.None);
            if (!push.IsOk)
            {
                return await FailAsync(item, push);
            }

            var missing = push.Value!.MissingPhotoHashes;
            if (missing.Count == 0)
            {
                await outbox.SaveAsync(item with
                {
                    State = OutboxState.Sent,
                    SentAt = clock.GetUtcNow(),
                    LastError = null,
                    LastStatus = push.Status,
                    UploadedFiles = item.Document.FileHashes(),
                });
                await RemoveSentFilesAsync(item);
                return CallOutcome.Ok;
            }

            if (round > 0)
            {
                return await FailAsync(item, new ApiResult<bool>(CallOutcome.Transient, Message: "The server still misses files of this report."));
            }

            foreach (var hash in missing)
            {
                var upload = await UploadAsync(hash);
                if (!upload.IsOk)
                {
                    return await FailAsync(item, upload.Status == 0 && upload.Outcome == CallOutcome.Rejected
                        ? upload with { Message = "A photo or the signature of this report is no longer on this device." }
                        : upload);
                }
            }
        }
    }

    private async Task<ApiResult<bool>> UploadAsync(string hash)
    {
        var bytes = await store.FileAsync(hash);
        if (bytes is null || PhotoHash.Compute(bytes) != hash)
        {
            return new(CallOutcome.Rejected, Message: "A photo or the signature of this report is missing or damaged on this device.");
        }

        var type = await store.FileTypeAsync(hash) ?? "image/jpeg";
        return await api.UploadFileAsync(hash, bytes, type, CancellationToken.None);
    }

    private async Task<CallOutcome> FailAsync<T>(OutboxItem item, ApiResult<T> result)
    {
        var now = clock.GetUtcNow();
        var failed = result.Outcome switch
        {
            CallOutcome.Rejected => item with { State = OutboxState.NeedsAttention, LastError = result.Message ?? $"HTTP {result.Status}", LastStatus = result.Status, Attempts = item.Attempts + 1 },
            CallOutcome.Transient => item with { Attempts = item.Attempts + 1, NextAttemptAt = now + Backoff(item.Attempts + 1), LastError = result.Message ?? $"HTTP {result.Status}", LastStatus = result.Status },
            _ => item with { Attempts = item.Attempts + 1, LastError = null },
        };
        await outbox.SaveAsync(failed);
        return result.Outcome == CallOutcome.Rejected ? CallOutcome.Ok : result.Outcome;
    }

    /// <summary>Once the server holds them, the photos leave the device (unless another unsent report or a draft still names them).</summary>
    private async Task RemoveSentFilesAsync(OutboxItem sent)
    {
        var stillNeeded = outbox.Items.Where(i => i.State != OutboxState.Sent).SelectMany(i => i.Document.FileHashes())
            .Concat(drafts.WorkOrderIds.Select(drafts.For).SelectMany(d => d!.Photos.Select(p => p.Sha256)))
            .ToHashSet(StringComparer.Ordinal);
        await store.RemoveFilesAsync(sent.Document.FileHashes().Where(h => !stillNeeded.Contains(h)));
    }

    private async Task<CallOutcome> PullAsync()
    {
        for (var round = 0; round < 10; round++)
        {
            var pull = await api.PullAsync(data.Meta.ChangeToken, CancellationToken.None);
            if (!pull.IsOk)
            {
                return pull.Outcome;
            }

            // A work order stays while its report is open, unsent, or sent less than a day ago (the office completes it on arrival).
            var recent = clock.GetUtcNow().AddDays(-1);
            var keep = drafts.WorkOrderIds
                .Concat(outbox.Items.Where(i => i.State != OutboxState.Sent || i.SentAt > recent).Select(i => i.WorkOrderId))
                .ToHashSet();
            await data.ApplyAsync(pull.Value!, keep, clock.GetUtcNow());
            if (!pull.Value!.HasMore)
            {
                break;
            }
        }

        return CallOutcome.Ok;
    }

    /// <summary>5 s, 10 s, 20 s … up to 5 minutes, with a little jitter so devices do not retry in step.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, 5 * Math.Pow(2, Math.Min(attempts - 1, 10)));
        return TimeSpan.FromSeconds(seconds * (1 + (Random.Shared.NextDouble() * 0.2)));
    }

    public ValueTask DisposeAsync()
    {
        timer?.Dispose();
        self?.Dispose();
        return ValueTask.CompletedTask;
    }
}
