using Werkbon.Server.Components.Shared;

namespace Werkbon.Server.Tests.Components;

/// <summary>A live page under a burst of feed signals: the sender never waits, the page reloads a few times, never misses the last change.</summary>
public sealed class LiveRefreshTests
{
    [Fact]
    public async Task A_burst_during_a_reload_costs_one_more_reload_and_the_sender_never_waits()
    {
        var reloads = 0;
        var first = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var refresh = new LiveRefresh(async () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                first.SetResult();
                await release.Task;
            }
        });

        Assert.True(refresh.Signal().IsCompleted);
        await first.Task.WaitAsync(TestContext.Current.CancellationToken);

        // A hundred signals while the first reload is still running: each returns at once.
        for (var i = 0; i < 100; i++)
        {
            Assert.True(refresh.Signal().IsCompleted);
        }

        Assert.Equal(1, Volatile.Read(ref reloads));
        release.SetResult();
        await WaitUntilAsync(() => Volatile.Read(ref reloads) == 2);

        // Nothing more follows on its own; the next signal reloads again.
        await Task.Delay(LiveRefresh.Spacing * 3, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref reloads));
        await refresh.Signal();
        await WaitUntilAsync(() => Volatile.Read(ref reloads) == 3);
    }

    [Fact]
    public async Task A_failed_reload_does_not_stop_the_next_signal_from_reloading()
    {
        var reloads = 0;
        var refresh = new LiveRefresh(() => Interlocked.Increment(ref reloads) == 1
            ? Task.FromException(new ObjectDisposedException("circuit"))
            : Task.CompletedTask);

        await refresh.Signal();
        await WaitUntilAsync(() => Volatile.Read(ref reloads) == 1);
        await WaitUntilAsync(() =>
        {
            refresh.Signal();
            return Volatile.Read(ref reloads) >= 2;
        });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            Assert.True(i < 500, "The page did not reload.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
