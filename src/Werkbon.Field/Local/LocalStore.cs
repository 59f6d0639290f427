using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace Werkbon.Field.Local;

/// <summary>The device's IndexedDB (<c>wwwroot/js/field.js</c>): records as JSON text, files as bytes.</summary>
public sealed class LocalStore(IJSRuntime js)
{
    public const string Meta = "meta";
    public const string WorkOrders = "workOrders";
    public const string Articles = "articles";
    public const string Drafts = "drafts";
    public const string Outbox = "outbox";

    public async Task<T?> GetAsync<T>(string store, string key, JsonTypeInfo<T> type) where T : class
    {
        var json = await js.InvokeAsync<string?>("werkbon.db.get", store, key);
        return json is null ? null : JsonSerializer.Deserialize(json, type);
    }

    public async Task<List<T>> GetAllAsync<T>(string store, JsonTypeInfo<T> type)
    {
        var values = await js.InvokeAsync<string[]>("werkbon.db.getAll", store);
        return [.. values.Select(v => JsonSerializer.Deserialize(v, type)!)];
    }

    public Task PutAsync<T>(string store, string key, T value, JsonTypeInfo<T> type) =>
        CommitAsync([Write.Put(store, key, value, type)]);

    public Task DeleteAsync(string store, string key) => CommitAsync([Write.Delete(store, key)]);

    /// <summary>All the writes in one IndexedDB transaction: all of them land, or none.</summary>
    public async Task CommitAsync(IReadOnlyList<Write> writes)
    {
        if (writes.Count > 0)
        {
            // One argument: the array (params would spread it).
            await js.InvokeVoidAsync("werkbon.db.commit", [writes.Select(w => w.ToJs()).ToArray()]);
        }
    }

    /// <summary>Logout: every record and file of this device goes.</summary>
    public Task WipeAsync() => js.InvokeVoidAsync("werkbon.db.wipe").AsTask();

    public Task<byte[]?> FileAsync(string sha256) => js.InvokeAsync<byte[]?>("werkbon.files.get", sha256).AsTask();

    public Task<string?> FileTypeAsync(string sha256) => js.InvokeAsync<string?>("werkbon.files.contentType", sha256).AsTask();

    public Task RemoveFilesAsync(IEnumerable<string> hashes) => js.InvokeVoidAsync("werkbon.files.remove", [hashes.ToArray()]).AsTask();
}

/// <summary>One write of a <see cref="LocalStore.CommitAsync"/>.</summary>
public sealed record Write(string Store, string? Key, string? Value, bool Remove, bool Clear)
{
    public static Write Put<T>(string store, string key, T value, JsonTypeInfo<T> type) =>
        new(store, key, JsonSerializer.Serialize(value, type), false, false);

    public static Write Delete(string store, string key) => new(store, key, null, true, false);

    public static Write ClearAll(string store) => new(store, null, null, false, true);

    internal Dictionary<string, object?> ToJs() => new()
    {
        ["store"] = Store,
        ["key"] = Key,
        ["value"] = Value,
        ["remove"] = Remove,
        ["clear"] = Clear,
    };
}
