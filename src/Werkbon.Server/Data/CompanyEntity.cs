namespace Werkbon.Server.Data;

/// <summary>A row that belongs to exactly one company. The company filter in <see cref="AppDb"/> hides every other company's rows.</summary>
public interface ICompanyOwned
{
    Guid CompanyId { get; }
}

/// <summary>An editable company row: version for optimistic concurrency, archived instead of deleted.</summary>
public abstract class CompanyEntity : ICompanyOwned
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    public Guid CompanyId { get; internal set; }

    /// <summary>Incremented on every save; a stale update is refused (409).</summary>
    public int Version { get; internal set; }

    public DateTime? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public void Archive(DateTime now) => ArchivedAt ??= now;

    public void Restore() => ArchivedAt = null;
}
