using PoIntake.Core.Intake;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// One kind of workbook the intake takes (a county's report, a grant register, a contacts register, …): the plug-in of
/// <see cref="IntakePipeline"/>. The pipeline owns what every kind shares — finding the kind by container, stripping the
/// container prefix, the year's intake gate, the bounded read, the size and closed-year refusals, logging and the
/// result — and asks the kind only for what differs: what its blob names mean, how it is parsed, checked and stored,
/// and under which name an upload over HTTP is kept. Register a kind with <c>services.AddWorkbookKind&lt;T&gt;()</c>.
/// </summary>
public interface IWorkbookKind
{
    /// <summary>Short English name used in logs and results: <c>report</c>, <c>grants</c>, <c>contacts</c>.</summary>
    string Name { get; }

    /// <summary>The container its originals are kept in (one kind per container; the blob trigger's container).</summary>
    string Container { get; }

    /// <summary>True when its originals live under <c>{year}/…</c> (the replay of a year reads that prefix), false for per-county registers.</summary>
    bool IsYearScoped { get; }

    /// <summary>What a blob name inside <see cref="Container"/> says: year and county, a refusal finding, or that the name is not this kind's.</summary>
    PathReading ParsePath(string name);

    /// <summary>
    /// Parse → checks → store for one read original; with <paramref name="refusal"/> set (bad path, too large, closed year)
    /// it only records the refusal (its validation report, its log). Bad input is a result (findings), never an exception;
    /// throw only for system failures, so the host retries.
    /// </summary>
    Task<KindOutcome> ProcessAsync(IntakeContext context, IReadOnlyList<Finding>? refusal, CancellationToken cancellationToken);

    /// <summary>
    /// Called when the intake of an original throws (a system failure, retried by the host): record it where the kind keeps
    /// its log. <paramref name="context"/> is null when the failure came before the original was read.
    /// </summary>
    Task RecordFailureAsync(string name, PathReading path, IntakeContext? context, Exception exception, CancellationToken cancellationToken);

    /// <summary>
    /// The names an upload over HTTP may be kept under, tried in order until one is free or already holds the same content
    /// (an original is never replaced). Each name is inside <see cref="Container"/> and must parse with <see cref="ParsePath"/>.
    /// </summary>
    IEnumerable<string> UploadNames(UploadTarget target, string sha256, DateTimeOffset at);
}

/// <summary>What a blob name says. <see cref="Ignored"/>: not this kind's name at all (logged, nothing recorded).</summary>
public sealed record PathReading(int? Year, string? CountyCode, Finding? Refusal, bool Ignored = false)
{
    public static PathReading Valid(int? year, string countyCode) => new(year, countyCode, null);

    public static PathReading Refused(Finding refusal) => new(null, null, refusal);

    public static PathReading Ignore { get; } = new(null, null, null, Ignored: true);

    public bool IsValid => Refusal is null && !Ignored;
}

/// <summary>Where an upload over HTTP goes: year (null for per-county registers), county, and what the uploader told about it.</summary>
public sealed record UploadTarget(int? Year, string CountyCode, UploadMetadata Metadata);

/// <summary>
/// What is known of one upload beyond its bytes: how it came (<see cref="Source"/>) and the client's file name. Stored as
/// blob metadata on the original (<see cref="ToBlobMetadata"/>) and read back by the pipeline (<see cref="FromBlobMetadata"/>),
/// so a drop, an HTTP upload and a replay see the same. Add a per-upload field here (and to both conversions).
/// </summary>
public sealed record UploadMetadata(string Source, string? FileName = null)
{
    /// <summary>
    /// The day the county board says it received the original (<see cref="Intake.ReceivedOn"/>, as stated, unchecked):
    /// blob metadata <c>receivedon</c>, from the upload page, <c>?receivedOn=</c> or set on a dropped blob; null when unstated.
    /// </summary>
    public string? ReceivedOn { get; init; }

    /// <summary>Dropped into the container by the county board (or a tool): no metadata of ours.</summary>
    public const string Dropped = "drop";

    /// <summary>Uploaded over HTTP (<c>POST /api/…</c>).</summary>
    public const string Uploaded = "upload";

    public static UploadMetadata Drop { get; } = new(Dropped);

    public IDictionary<string, string> ToBlobMetadata(string sha256)
    {
        var metadata = new Dictionary<string, string> { ["sha256"] = sha256, ["source"] = Source };
        if (!string.IsNullOrWhiteSpace(ReceivedOn))
        {
            // Blob metadata is ASCII: a stated text outside it is kept as "?", which the intake refuses as no date.
            var stated = ReceivedOn.Trim();
            metadata[Intake.ReceivedOn.MetadataKey] = stated.Length <= 64 && stated.All(c => c is >= ' ' and <= '~') ? stated : "?";
        }

        return metadata;
    }

    public static UploadMetadata FromBlobMetadata(IDictionary<string, string>? metadata) =>
        new(metadata is not null && metadata.TryGetValue("source", out var source) ? source : Dropped)
        {
            ReceivedOn = metadata is not null && metadata.TryGetValue(Intake.ReceivedOn.MetadataKey, out var stated) ? stated : null,
        };
}

/// <summary>
/// One original as read by the pipeline: its name inside the kind's container (and blob version, when an older version of
/// a replaced blob is read), what its path says, its bytes (at most the size limit plus one; empty when refused by size),
/// their SHA-256 (or <c>etag-…</c> when not read), when it was received and its upload metadata.
/// </summary>
public sealed record IntakeContext(
    string Name,
    string? BlobVersion,
    PathReading Path,
    ReadOnlyMemory<byte> Content,
    long Length,
    string Sha256,
    DateTimeOffset ReceivedAt,
    UploadMetadata Metadata)
{
    /// <summary>The path's year; only for a valid path of a year-scoped kind.</summary>
    public int Year => Path.Year ?? throw new InvalidOperationException("The original's path names no year.");

    /// <summary>The path's county; only for a valid path.</summary>
    public string CountyCode => Path.CountyCode ?? throw new InvalidOperationException("The original's path names no county.");
}

/// <summary>
/// What a kind did with one original. <see cref="Stored"/>: rows kept (reports 1, a register's applications or contacts).
/// <see cref="AlreadyRecorded"/>: an earlier run had recorded it (a retry or a second trigger), nothing was done again.
/// </summary>
public sealed record KindOutcome(
    IntakeOutcome Outcome,
    IReadOnlyList<Finding> Findings,
    string? Disposition = null,
    string? VersionId = null,
    string? ResultBlob = null,
    int Stored = 0,
    bool AlreadyRecorded = false,
    DateTimeOffset? ReceivedAt = null);
