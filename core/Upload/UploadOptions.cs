using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Upload;

/// <summary>
/// Request-body limits of the upload and findings endpoints (section <c>Upload</c>), enforced on the stream so a chunked
/// or lying body is cut off at the limit. <see cref="MaxBodyBytes"/> is deliberately not <c>Screening:MaxFileBytes</c>:
/// the upload body is the raw workbook (no multipart overhead), and a body between the two limits is still checked and
/// answered 422 with the screener's <c>FILE_TOO_LARGE</c> finding, exactly as the blob intake answers it; this limit only
/// bounds what the function buffers. Keep it at or above <c>Screening:MaxFileBytes</c>.
/// </summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Largest upload body buffered (default 25 MB); a bigger one is answered 413.</summary>
    [Range(1, int.MaxValue)]
    public long MaxBodyBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Largest findings body (the upload answer as JSON) turned into a workbook (default 2 MB); a bigger one is answered 413.</summary>
    [Range(1, int.MaxValue)]
    public long MaxFindingsBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Most findings laid out in one findings workbook (default 5000).</summary>
    [Range(1, 1_000_000)]
    public int MaxFindings { get; set; } = 5000;
}

/// <summary>A Swedish refusal of an upload-related request, before any check runs: the problem's title and detail.</summary>
public sealed record UploadRefusal(string Title, string Detail);
