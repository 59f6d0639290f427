namespace Werkbon.Server.Components.Shared;

/// <summary>Reads the use cases' field keys of list rows, e.g. <c>card.timeBands[2].key</c>, to name them in an error summary.</summary>
internal static class FieldKeys
{
    /// <summary>Reads <c>prefix[3].field</c> (with prefix <c>"prefix["</c>) into (3, "field"); null for any other key.</summary>
    public static (int Index, string Field)? Indexed(string key, string prefix)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = key.IndexOf(']', prefix.Length);
        return end > prefix.Length && int.TryParse(key.AsSpan(prefix.Length, end - prefix.Length), out var index)
            ? (index, end + 2 <= key.Length ? key[(end + 2)..] : "")
            : null;
    }
}
