namespace Werkbon.Server.Components.Shared;

/// <summary>
/// Reloads a live page when the feed says something changed, without making the sender wait and without piling up: a
/// signal starts a reload when none runs, a signal during a reload asks for one more after it, and any number of signals
/// during a reload make only that one more, started no sooner than <see cref="Spacing"/> after the one before. A burst of
/// pushes thus costs the page a few reloads a second at most (on the server and in the browser), the first change after a
/// quiet moment shows at once, and the request that published returns at once instead of waiting for every open page's query.
/// </summary>
public sealed class LiveRefresh(Func<Task> reload)
{
    /// <summary>The least time between the starts of two reloads.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(250);

    private int _wanted;
    private int _running;

    /// <summary>Asks for a reload; never waits for it.</summary>
    public Task Signal()
    {
        Interlocked.Exchange(ref _wanted, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = RunAsync();
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        do
        {
            try
            {
                while (Interlocked.Exchange(ref _wanted, 0) == 1)
                {
                    var spacing = Task.Delay(Spacing);
                    await reload();
                    if (Volatile.Read(ref _wanted) == 1)
                    {
                        await spacing;
                    }
                }
            }
            catch (Exception)
            {
                // A page that closed or failed to read shows its own error on its next action; the feed goes on.
                Volatile.Write(ref _wanted, 0);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
        while (Volatile.Read(ref _wanted) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
    }
}
