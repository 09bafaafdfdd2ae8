using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/reports/{year}/{countyCode}</c> (body: the .xlsx; optional <c>?name=</c> or a Content-Disposition file
/// name): 200 accepted and stored for intake, 422 rejected with the findings, 400 for a bad year or county.
/// </summary>
public sealed class UploadReportFunction(ReportUploadService uploads, MunicipalityRegistry registry)
{
    // Above any workbook the screener accepts; bigger bodies are refused before they are buffered.
    internal const long MaxBodyBytes = 25 * 1024 * 1024;

    [Function("UploadReport")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reports/{year}/{countyCode}")] HttpRequest request,
        string year,
        string countyCode,
        CancellationToken cancellationToken)
    {
        if (!HttpResults.TryParseYear(year, out var reportingYear))
        {
            return HttpResults.BadYear(year);
        }

        if (HttpResults.ParseCounty(registry, countyCode) is not { } county)
        {
            return HttpResults.BadCounty(countyCode);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (buffer.Length == 0)
        {
            return HttpResults.Problem(StatusCodes.Status400BadRequest, "Ingen fil", "Skicka arbetsboken (.xlsx) som begärans innehåll.");
        }

        var result = await uploads.UploadAsync(reportingYear, county.Code, FileName(request), buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        var body = new
        {
            outcome = result.Outcome.ToString(),
            year = reportingYear,
            countyCode = county.Code,
            blobName = result.BlobName,
            errorCount = result.ErrorCount,
            warningCount = result.WarningCount,
            findings = result.Findings.Select(f => new
            {
                f.Code,
                Severity = f.Severity.ToString(),
                f.Sheet,
                f.Cell,
                f.Field,
                f.Message,
                f.Fix,
            }),
        };
        return HttpResults.Json(body, result.Outcome == IntakeOutcome.Accepted ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static string? FileName(HttpRequest request)
    {
        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            return name;
        }

        return ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"')
            : null;
    }

    private static ContentResult TooLarge() => HttpResults.Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Filen är för stor",
        $"Arbetsboken får vara högst {MaxBodyBytes / (1024 * 1024)} MB.");
}
