using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/reports/{year}/{countyCode}</c> (body: the .xlsx; optional <c>?name=</c> or a Content-Disposition file
/// name; header <c>x-pointake-county-key</c>: the county board's own upload key): 200 accepted and stored for intake,
/// 422 rejected with the findings, 400 for a bad year or county, 403 without the county's key.
/// </summary>
public sealed partial class UploadReportFunction(
    ReportUploadService uploads,
    MunicipalityRegistry registry,
    CountyUploadKeys countyKeys,
    ILogger<UploadReportFunction> logger)
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

        // Before the body is read: a caller without the county's key gets nothing buffered and nothing checked.
        var presentedKey = request.Headers[CountyUploadKeys.HeaderName].ToString();
        var verdict = countyKeys.Check(county.Code, presentedKey);
        if (verdict != CountyKeyVerdict.Allowed)
        {
            LogKeyRefused(logger, county.Code, verdict, countyKeys.CountyOwning(presentedKey) ?? "none");
            return KeyRefused(verdict, county);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        return await HttpResults.GuardAsync(logger, "UploadReport", () => StoreAsync(request, reportingYear, county, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> StoreAsync(HttpRequest request, int reportingYear, County county, CancellationToken cancellationToken)
    {
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

    private static ContentResult KeyRefused(CountyKeyVerdict verdict, County county)
    {
        var name = county.OfficialName();
        var (title, detail) = verdict switch
        {
            CountyKeyVerdict.Missing => (
                "Länets uppladdningsnyckel saknas",
                $"Uppladdning för {name} kräver länsstyrelsens egen uppladdningsnyckel i huvudet {CountyUploadKeys.HeaderName}. Nyckeln får ni av förvaltningen av tjänsten."),
            CountyKeyVerdict.WrongKey => (
                "Nyckeln gäller inte för länet",
                $"Uppladdningsnyckeln gäller inte för {name}. Varje länsstyrelse kan bara lämna redovisningar för sitt eget län; kontrollera att rätt län är valt och att nyckeln är er egen."),
            _ => (
                "Uppladdning är inte öppnad för länet",
                $"Ingen uppladdningsnyckel är registrerad för {name}, så ingen kan lämna redovisningar för länet här. Kontakta förvaltningen av tjänsten."),
        };
        return HttpResults.Problem(
            StatusCodes.Status403Forbidden,
            title,
            detail,
            new Dictionary<string, object?> { ["reason"] = Reason(verdict) });
    }

    private static string Reason(CountyKeyVerdict verdict) => verdict switch
    {
        CountyKeyVerdict.Missing => "countyKeyMissing",
        CountyKeyVerdict.WrongKey => "countyKeyWrong",
        _ => "countyNotEnabled",
    };

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Upload for county {CountyCode} refused: {Verdict}; the key presented belongs to county {KeyCounty}")]
    private static partial void LogKeyRefused(ILogger logger, string countyCode, CountyKeyVerdict verdict, string keyCounty);

    private static ContentResult TooLarge() => HttpResults.Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Filen är för stor",
        $"Arbetsboken får vara högst {MaxBodyBytes / (1024 * 1024)} MB.");
}
