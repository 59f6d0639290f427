using Werkbon.Field.Sync;

namespace Werkbon.Field.Components;

/// <summary>Where a job stands on this device, as the work-order list shows it in colour, icon and words.</summary>
public enum JobState
{
    /// <summary>No report started yet.</summary>
    ToDo,

    /// <summary>A report is being filled in (a draft on the device).</summary>
    InProgress,

    /// <summary>Signed, waiting for a network.</summary>
    SignedWaiting,

    /// <summary>Signed, refused by the server: the technician must look.</summary>
    NeedsAttention,

    /// <summary>Signed and held by the server.</summary>
    Sent,
}

/// <summary>
/// The one mapping from a job's device records to its state and how the state looks. The app shell
/// (<c>js/shell.js</c>) draws the same states from the same records before the app is up.
/// </summary>
public static class JobStates
{
    public static JobState Of(OutboxItem? report, bool hasDraft) => report switch
    {
        { State: OutboxState.Sent } => JobState.Sent,
        { State: OutboxState.NeedsAttention } => JobState.NeedsAttention,
        not null => JobState.SignedWaiting,
        null when hasDraft => JobState.InProgress,
        _ => JobState.ToDo,
    };

    /// <summary>The state's name in the page (CSS class <c>state-…</c> and <c>data-state</c>).</summary>
    public static string Code(JobState state) => state switch
    {
        JobState.ToDo => "todo",
        JobState.InProgress => "progress",
        JobState.SignedWaiting => "waiting",
        JobState.NeedsAttention => "attention",
        _ => "sent",
    };

    public static string Icon(JobState state) => state switch
    {
        JobState.ToDo => "circle",
        JobState.InProgress => "timer",
        JobState.SignedWaiting => "hourglass",
        JobState.NeedsAttention => "triangle-alert",
        _ => "check",
    };

    /// <summary>The key of the state's words in <see cref="Words.Texts"/>.</summary>
    public static string TextKey(JobState state) => state switch
    {
        JobState.ToDo => "ToDo",
        JobState.InProgress => "InProgress",
        JobState.SignedWaiting => "SignedWaiting",
        JobState.NeedsAttention => "NeedsAttention",
        _ => "Sent",
    };
}
