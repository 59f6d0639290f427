using Microsoft.Extensions.Configuration;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Tests.Reports;

/// <summary>The node's limit on pushes working in the database at once.</summary>
public class PushSlotsTests
{
    private static PushSlots Slots(int? setting) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(setting is { } n ? [new("Sync:PushesAtOnce", n.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [])
        .Build());

    /// <summary>Starts <paramref name="count"/> pieces of work that hold until released; answers how many ran at once at most.</summary>
    private static async Task<(int Peak, int Done)> BurstAsync(PushSlots slots, int count)
    {
        var running = 0;
        var peak = 0;
        var done = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Enumerable.Range(0, count).Select(_ => Task.Run(() => slots.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return Interlocked.Increment(ref done);
        }, TestContext.Current.CancellationToken))).ToList();

        // Wait until every slot that can be taken is taken, then let them all go.
        for (var i = 0; i < 500 && Volatile.Read(ref running) < Math.Min(count, MaxOf(slots, count)); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        release.SetResult();
        await Task.WhenAll(work);
        return (peak, done);
    }

    private static int MaxOf(PushSlots slots, int count) => slots.Limit ?? count;

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task A_burst_of_pushes_works_at_most_the_configured_number_at_once_and_every_one_finishes()
    {
        var (peak, done) = await BurstAsync(Slots(3), 20);

        Assert.Equal(3, peak);
        Assert.Equal(20, done);
    }

    [Fact]
    public async Task Without_a_setting_a_node_works_twice_as_many_pushes_at_once_as_it_has_cores()
    {
        var slots = Slots(null);
        var (peak, done) = await BurstAsync(slots, 4 * Environment.ProcessorCount);

        Assert.Equal(2 * Environment.ProcessorCount, slots.Limit);
        Assert.Equal(2 * Environment.ProcessorCount, peak);
        Assert.Equal(4 * Environment.ProcessorCount, done);
    }

    [Fact]
    public async Task Zero_means_no_limit()
    {
        var slots = Slots(0);
        var (peak, done) = await BurstAsync(slots, 12);

        Assert.Null(slots.Limit);
        Assert.Equal(12, peak);
        Assert.Equal(12, done);
    }

    [Fact]
    public async Task A_push_given_up_while_waiting_for_a_slot_takes_none()
    {
        var slots = Slots(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = slots.RunAsync(async () => { await release.Task; return 1; }, TestContext.Current.CancellationToken);
        using var giveUp = new CancellationTokenSource();
        var waiting = slots.RunAsync(() => Task.FromResult(2), giveUp.Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult();
        Assert.Equal(1, await holder);

        // The slot the holder gave back is free: the next push runs at once.
        Assert.Equal(3, await slots.RunAsync(() => Task.FromResult(3), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }
}
