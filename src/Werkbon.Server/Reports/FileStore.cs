namespace Werkbon.Server.Reports;

/// <summary>Where photos, signatures and documents are kept: a local folder by default, an object store when several nodes run.</summary>
public interface IFileStore
{
    Task<bool> ExistsAsync(Guid companyId, string name, CancellationToken ct);

    /// <summary>Writes the file atomically (a half-written file is never visible under its name).</summary>
    Task WriteAsync(Guid companyId, string name, ReadOnlyMemory<byte> content, CancellationToken ct);

    Task<byte[]?> ReadAsync(Guid companyId, string name, CancellationToken ct);

    /// <summary>Removes the file if it is there.</summary>
    Task DeleteAsync(Guid companyId, string name, CancellationToken ct);
}

public sealed class LocalFileStore(IConfiguration configuration) : IFileStore
{
    private readonly string _root = Path.Combine(Path.GetFullPath(configuration["DataFolder"] ?? "data"), "files");

    public Task<bool> ExistsAsync(Guid companyId, string name, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(companyId, name)));

    public async Task WriteAsync(Guid companyId, string name, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(companyId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(Guid companyId, string name, CancellationToken ct)
    {
        var path = PathOf(companyId, name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    public Task DeleteAsync(Guid companyId, string name, CancellationToken ct)
    {
        File.Delete(PathOf(companyId, name));
        return Task.CompletedTask;
    }

    private string PathOf(Guid companyId, string name)
    {
        if (name.Length < 3 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-')))
        {
            throw new ArgumentException("Not a storable file name.", nameof(name));
        }

        return Path.Combine(_root, companyId.ToString("N"), name[..2], name);
    }
}
