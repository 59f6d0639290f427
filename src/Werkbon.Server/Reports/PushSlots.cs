namespace Werkbon.Server.Reports;

/// <summary>
/// How many pushes of this node read and write the database at once (<c>Sync:PushesAtOnce</c>, default twice the cores;
/// 0 = no limit). The rest wait here, in memory, instead of in the database: a burst of pushes then cannot crowd out the
/// office's reads (the live inbox among them), and the database works on as many statements as it has cores for.
/// </summary>
public sealed class PushSlots
{
    private readonly SemaphoreSlim? _slots;

    public PushSlots(IConfiguration configuration)
    {
        var limit = configuration.GetValue("Sync:PushesAtOnce", 2 * Environment.ProcessorCount);
        if (limit > 0)
        {
            Limit = limit;
            _slots = new SemaphoreSlim(limit, limit);
        }
    }

    /// <summary>How many pushes work at once; null when there is no limit.</summary>
    public int? Limit { get; }

    /// <summary>Runs <paramref name="work"/> in a slot, waiting for one first.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (_slots is null)
        {
            return await work();
        }

        await _slots.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }
}
