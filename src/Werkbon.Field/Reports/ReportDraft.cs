using Werkbon.Core.Pricing;

namespace Werkbon.Field.Reports;

public enum TimerState
{
    Idle,
    Travelling,
    Working,
    Paused,
    Finished,
}

/// <summary>
/// The werkbon while the technician fills it in: saved to IndexedDB on every change, so a closed app,
/// a flat battery or a reload loses nothing. Its id is made on the device (UUID v7) when the report is
/// started and is the id the server stores it under. Once signed it becomes a <see cref="Core.Reports.ReportDocument"/>
/// in the outbox and the draft is gone.
/// </summary>
public sealed class ReportDraft
{
    public Guid ReportId { get; set; }

    public Guid WorkOrderId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public TimerState Timer { get; set; }

    public List<DraftTime> Time { get; set; } = [];

    public decimal? DistanceKm { get; set; }

    public List<DraftMaterial> Materials { get; set; } = [];

    public string WorkDone { get; set; } = "";

    public string Remarks { get; set; } = "";

    public Dictionary<string, string> Checklist { get; set; } = [];

    public List<DraftPhoto> Photos { get; set; } = [];

    public bool WarrantyRepair { get; set; }

    public Guid? AssetId { get; set; }

    /// <summary>The time entry the running timer writes to, if any.</summary>
    public DraftTime? Running => Time.LastOrDefault(t => t.End is null);
}

/// <summary>A period of travel or work; <see cref="End"/> is null while its timer runs. Whole seconds only.</summary>
public sealed class DraftTime
{
    public Guid Id { get; set; }

    public TimeEntryKind Kind { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public bool IsExtra { get; set; }

    public string? Note { get; set; }
}

/// <summary>A catalog article (<see cref="ArticleCode"/>) or a free-text item the office will price.</summary>
public sealed class DraftMaterial
{
    public Guid Id { get; set; }

    public string? ArticleCode { get; set; }

    public string Description { get; set; } = "";

    public decimal Quantity { get; set; }

    public string UnitCode { get; set; } = "C62";

    public bool IsExtra { get; set; }

    public decimal? PriceOverride { get; set; }

    public bool IsFreeText { get; set; }
}

/// <summary>A photo already downscaled and stored on the device under its SHA-256.</summary>
public sealed class DraftPhoto
{
    public string Sha256 { get; set; } = "";

    public string Caption { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public long Length { get; set; }
}

/// <summary>What the device answers after downscaling and storing picked photos (<c>werkbon.photos.take</c>).</summary>
public sealed record TakenPhotos(IReadOnlyList<TakenPhoto> Photos, IReadOnlyList<string> Failed);

public sealed record TakenPhoto(string Sha256, int Width, int Height, long Length);

/// <summary>The stored signature image (<c>werkbon.signature.save</c>).</summary>
public sealed record SavedImage(string Sha256, long Length);
