using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PoIntake.Core.Upload;
using PoIntake.Functions.Http;

namespace PoIntake.Functions.Web;

/// <summary>
/// <c>POST /api/web/findings</c> (body: the upload answer's JSON, or just its findings array): the findings as an .xlsx
/// laid out by <see cref="FindingsWorkbook"/>. Stateless: it only lays out what it is sent. The body limit
/// (<see cref="UploadOptions.MaxFindingsBodyBytes"/>) is enforced on the stream, also for chunked bodies (413).
/// </summary>
public sealed class FindingsWorkbookFunction(IOptions<UploadOptions> options)
{
    [Function("FindingsWorkbook")]
    [Public]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "web/findings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (await HttpResults.ReadBodyAsync(request, limits.MaxFindingsBodyBytes, cancellationToken) is not { } body)
        {
            return HttpResults.Problem(StatusCodes.Status413PayloadTooLarge, FindingsWorkbook.TooLarge(limits.MaxFindingsBodyBytes));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return HttpResults.Problem(StatusCodes.Status400BadRequest, FindingsWorkbook.BadBody(limits.MaxFindings));
        }

        var findings = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
            : default;
        if (findings.ValueKind != JsonValueKind.Array || findings.GetArrayLength() > limits.MaxFindings)
        {
            return HttpResults.Problem(StatusCodes.Status400BadRequest, FindingsWorkbook.BadBody(limits.MaxFindings));
        }

        var rows = findings.EnumerateArray()
            .Where(f => f.ValueKind == JsonValueKind.Object)
            .Select(f => new FindingsWorkbookRow(
                Text(f, "severity"), Text(f, "sheet"), Text(f, "cell"), Text(f, "field"), Text(f, "code"), Text(f, "message"), Text(f, "fix")));
        var blobName = root.ValueKind == JsonValueKind.Object ? Text(root, "blobName") : null;
        return new FileContentResult(FindingsWorkbook.Write(rows), FindingsWorkbook.ContentType)
        {
            FileDownloadName = FindingsWorkbook.FileName(blobName),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
