namespace Werkbon.Server.Components.Shared;

/// <summary>
/// Reloads a live page when the feed says something changed, without making the sender wait and without piling up: a
/// signal starts a reload when none runs, a signal during a reload asks for one more after it, and any number of signals
/// during a reload make only that one more. A burst of pushes thus costs the page one or two reloads, and the request that
/// published returns at once instead of waiting for every open page's query.
/// </summary>
public sealed class LiveRefresh(Func<Task> reload)
{
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
                    await reload();
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
