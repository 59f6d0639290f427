using Werkbon.Server.Data;

namespace Werkbon.Server.Reports;

/// <summary>
/// Something a device may hold that left its snapshot without a row of its own changing for that device:
/// a work order a technician was taken off (<see cref="TechnicianId"/>, <see cref="WorkOrderId"/>), or an
/// article's old code after a rename (<see cref="ArticleCode"/>). Written only by the database's triggers
/// (<see cref="ChangeSequence"/>), read by <see cref="PullChanges"/>, deleted by <see cref="SyncRemovalPruning"/> once no
/// accepted token can need them.
/// </summary>
public sealed class SyncRemoval : ICompanyOwned
{
    public long Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public long ChangeSeq { get; private set; }

    public Guid? TechnicianId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    public string? ArticleCode { get; private set; }

    /// <summary>When the database wrote the row, in Unix seconds (UTC), by its own clock (a column default).</summary>
    public long CreatedAt { get; private set; }
}
