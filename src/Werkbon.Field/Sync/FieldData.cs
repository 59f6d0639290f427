using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Field.Local;

namespace Werkbon.Field.Sync;

/// <summary>Where the last pull left off, how the last sync went, and the company's time zone it brought.</summary>
public sealed record SyncMeta(string? ChangeToken, DateTimeOffset? LastPullAt, DateTimeOffset? LastSyncAt, string? LastError, string? TimeZoneId = null);

/// <summary>
/// The technician's pulled snapshot — work orders, catalog, pricing data — in memory and in IndexedDB
/// with the change token that produced it, so the app lists and prices the day's work offline.
/// </summary>
public sealed class FieldData(LocalStore store)
{
    private const string PricingKey = "pricing";
    private const string MetaKey = "sync";

    private List<FieldWorkOrder> workOrders = [];
    private List<FieldArticle> articles = [];
    private ArticleCatalog? catalog;

    public IReadOnlyList<FieldWorkOrder> WorkOrders => workOrders;

    public IReadOnlyList<FieldArticle> Articles => articles;

    public FieldPricing? Pricing { get; private set; }

    public SyncMeta Meta { get; private set; } = new(null, null, null, null);

    /// <summary>
    /// The company's clock, from the zone the last pull brought (kept with the sync state, so the very first
    /// screen has it): every time on the device is shown on it and the pricing reads its bands on it.
    /// </summary>
    public WallClock Clock
    {
        get
        {
            var zoneId = Meta.TimeZoneId ?? Pricing?.TimeZoneId;
            if (clock is null || clockZoneId != zoneId)
            {
                (clock, clockZoneId) = (WallClock.For(zoneId), zoneId);
            }

            return clock;
        }
    }

    private WallClock? clock;
    private string? clockZoneId;

    /// <summary>The catalog as the pricing engine reads it.</summary>
    public ArticleCatalog Catalog => catalog ??= new ArticleCatalog(articles.Select(a => a.ToArticle()));

    public event Action? Changed;

    /// <summary>What the work-order list needs: the work orders and the sync state.</summary>
    public async Task LoadAsync()
    {
        workOrders = InListOrder(await store.GetAllAsync(LocalStore.WorkOrders, FieldJson.Default.FieldWorkOrder));
        Meta = await store.GetAsync(LocalStore.Meta, MetaKey, FieldJson.Default.SyncMeta) ?? new(null, null, null, null);
        articles = [];
        Pricing = null;
        catalog = null;
        catalogLoading = null;
    }

    private Task? catalogLoading;

    /// <summary>The catalog and pricing data, loaded after the first screen; the report pages wait for it.</summary>
    public Task LoadCatalogAsync() => catalogLoading ??= LoadCatalogOnceAsync();

    private async Task LoadCatalogOnceAsync()
    {
        articles = [.. (await store.GetAllAsync(LocalStore.Articles, FieldJson.Default.FieldArticle)).OrderBy(a => a.Code, StringComparer.Ordinal)];
        Pricing = await store.GetAsync(LocalStore.Meta, PricingKey, FieldJson.Default.FieldPricing);
        catalog = null;
        Changed?.Invoke();
    }

    /// <summary>
    /// The list's one order, the same whether it comes from the device's store or from a pull: by start, then
    /// by number. A card never trades places with another between two renders of the same data.
    /// </summary>
    private static List<FieldWorkOrder> InListOrder(IEnumerable<FieldWorkOrder> orders) =>
        [.. orders.OrderBy(w => w.ScheduledStartUtc).ThenBy(w => w.Number, StringComparer.Ordinal).ThenBy(w => w.Id)];

    public FieldWorkOrder? Find(Guid id) => workOrders.Find(w => w.Id == id);

    public FieldArticle? FindArticle(string code) => articles.Find(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    public FieldArticle? FindByEan(string ean) => articles.Find(a => a.Ean == ean);

    /// <summary>
    /// Stores a pull's answer. An answer with nothing in it (the token still matched) keeps everything.
    /// A delta (<see cref="PullResponse.IsDelta"/>) is merged: removed work orders and articles go, changed ones
    /// are upserted, the pricing data is replaced when sent. Otherwise the answer is the server's complete
    /// current set for this technician and replaces the old one. Either way the work orders in
    /// <paramref name="keep"/> (a draft or an unsent report on this device) stay until their report is sent,
    /// whatever the office did meanwhile.
    /// </summary>
    public async Task ApplyAsync(PullResponse pull, IReadOnlySet<Guid> keep, DateTimeOffset now)
    {
        await LoadCatalogAsync();
        var writes = new List<Write>();
        var empty = pull.WorkOrders.Count == 0 && pull.RemovedWorkOrderIds.Count == 0 && pull.Articles.Count == 0
            && pull.RemovedArticleCodes.Count == 0 && pull.Pricing is null;
        var orders = workOrders;
        var catalogArticles = articles;
        var pricing = Pricing;
        if (!empty && pull.IsDelta)
        {
            var fresh = pull.WorkOrders.Select(w => w.Id).ToHashSet();
            var gone = pull.RemovedWorkOrderIds.Where(id => !keep.Contains(id) && !fresh.Contains(id)).ToHashSet();
            orders = InListOrder(pull.WorkOrders.Concat(workOrders.Where(w => !fresh.Contains(w.Id) && !gone.Contains(w.Id))));
            var changedCodes = pull.Articles.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
            var goneCodes = pull.RemovedArticleCodes.Where(c => !changedCodes.Contains(c)).ToHashSet(StringComparer.Ordinal);
            catalogArticles = [.. articles.Where(a => !changedCodes.Contains(a.Code) && !goneCodes.Contains(a.Code)).Concat(pull.Articles).OrderBy(a => a.Code, StringComparer.Ordinal)];
            writes.AddRange(gone.Select(id => Write.Delete(LocalStore.WorkOrders, id.ToString())));
            writes.AddRange(pull.WorkOrders.Select(w => Write.Put(LocalStore.WorkOrders, w.Id.ToString(), w, FieldJson.Default.FieldWorkOrder)));
            writes.AddRange(goneCodes.Select(code => Write.Delete(LocalStore.Articles, code)));
            writes.AddRange(pull.Articles.Select(a => Write.Put(LocalStore.Articles, a.Code, a, FieldJson.Default.FieldArticle)));
            if (pull.Pricing is not null)
            {
                pricing = pull.Pricing.Keeping(Pricing, orders.Where(w => keep.Contains(w.Id)));
                writes.Add(Write.Put(LocalStore.Meta, PricingKey, pricing, FieldJson.Default.FieldPricing));
            }
        }
        else if (!empty)
        {
            var fresh = pull.WorkOrders.Select(w => w.Id).ToHashSet();
            orders = InListOrder(pull.WorkOrders.Concat(workOrders.Where(w => keep.Contains(w.Id) && !fresh.Contains(w.Id))));
            catalogArticles = [.. pull.Articles.OrderBy(a => a.Code, StringComparer.Ordinal)];
            writes.Add(Write.ClearAll(LocalStore.WorkOrders));
            writes.AddRange(orders.Select(w => Write.Put(LocalStore.WorkOrders, w.Id.ToString(), w, FieldJson.Default.FieldWorkOrder)));
            writes.Add(Write.ClearAll(LocalStore.Articles));
            writes.AddRange(catalogArticles.Select(a => Write.Put(LocalStore.Articles, a.Code, a, FieldJson.Default.FieldArticle)));
            if (pull.Pricing is not null)
            {
                pricing = pull.Pricing.Keeping(Pricing, orders.Where(w => !fresh.Contains(w.Id)));
                writes.Add(Write.Put(LocalStore.Meta, PricingKey, pricing, FieldJson.Default.FieldPricing));
            }
        }

        var meta = Meta with { ChangeToken = pull.ChangeToken, LastPullAt = now, TimeZoneId = pull.Pricing?.TimeZoneId ?? Meta.TimeZoneId };
        writes.Add(Write.Put(LocalStore.Meta, MetaKey, meta, FieldJson.Default.SyncMeta));
        await store.CommitAsync(writes);

        workOrders = orders;
        articles = catalogArticles;
        Pricing = pricing;
        Meta = meta;
        catalog = null;
        Changed?.Invoke();
    }

    public async Task SaveMetaAsync(SyncMeta meta)
    {
        await store.PutAsync(LocalStore.Meta, MetaKey, meta, FieldJson.Default.SyncMeta);
        Meta = meta;
        Changed?.Invoke();
    }
}
