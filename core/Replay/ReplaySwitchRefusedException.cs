namespace PoIntake.Core.Replay;

/// <summary>Why a switch or a clean-up was refused.</summary>
public enum ReplaySwitchRefusal
{
    /// <summary>No replay of that id and year in ReplayLog (HTTP 404).</summary>
    NotFound,

    /// <summary>The replay is still running or failed.</summary>
    NotCompleted,

    /// <summary>The replay was already switched.</summary>
    AlreadySwitched,

    /// <summary>The replay was cleaned up: its tables are gone.</summary>
    CleanedUp,

    /// <summary>The live tables hold an upload of the year that the replay does not: switching would lose it.</summary>
    NewerUpload,

    /// <summary>A switch of this year (this replay or another) started and has not finished.</summary>
    SwitchInProgress,

    /// <summary>Another replay, switch or clean-up of the year holds the year's lock.</summary>
    YearLocked,

    /// <summary>Intakes of the year that began before the switch did not finish within <c>YearLock:SwitchWaitSeconds</c>.</summary>
    IntakeInProgress,

    /// <summary>The year is closed: its figures stay as published.</summary>
    YearClosed,
}

/// <summary>
/// A switch or clean-up the replay's state does not allow. The message is Swedish and says what to do;
/// <see cref="IsNotFound"/> maps to HTTP 404, every other reason to 409.
/// </summary>
public sealed class ReplaySwitchRefusedException(ReplaySwitchRefusal reason, string message) : InvalidOperationException(message)
{
    public ReplaySwitchRefusal Reason { get; } = reason;

    public bool IsNotFound => Reason == ReplaySwitchRefusal.NotFound;
}
