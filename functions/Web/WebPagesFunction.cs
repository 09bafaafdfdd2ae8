using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Access;
using PoIntake.Core.Totals;
using PoIntake.Functions.Http;

namespace PoIntake.Functions.Web;

/// <summary>
/// <c>GET /api/web/{*path}</c>: the Swedish pages (uppladdning, oversikt) and their assets, embedded in this assembly
/// so the function app and devhost serve the same files with no CDN. Anonymous: static files, the county list
/// (<c>lan.json</c>) and the contract's labels (<c>labels.json</c>) only;
/// the pages' data calls go to the Function-level API routes.
/// </summary>
public sealed class WebPagesFunction(MunicipalityRegistry registry, AccessKeys accessKeys)
{
    internal const string ResourcePrefix = "PoIntake.Functions.Web.wwwroot.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Friendly page names map to files; everything else must name an embedded asset exactly.
    private static readonly FrozenDictionary<string, string> Pages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [""] = "index.html",
        ["uppladdning"] = "uppladdning.html",
        ["oversikt"] = "oversikt.html",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // The contract's dimensions with their values' API ids and Swedish labels, so the pages name a figure as the export does.
    // Then the labels of the figures the pages draw besides the dimensions, as the draft lägesrapport's tables name them.
    private static readonly IReadOnlyDictionary<string, object[]> ContractLabels = Dimensions.All
        .Select(d => (d.Name, Values: d.Values.Select(v => (object)new { id = v.Id, label = v.Label }).ToArray()))
        .Append((FigureLabelsName, [
            new { id = "completeManagementGroups", label = LagesrapportBuilder.CompleteManagementGroups },
            new { id = "withDeficiencyRoutine", label = WorkbookLabels.Management.DeficiencyRoutine },
        ]))
        .ToDictionary(d => d.Name, d => d.Values, StringComparer.Ordinal);

    /// <summary>The key in <c>labels.json</c> of the figures' own labels (not a dimension of the contract).</summary>
    internal const string FigureLabelsName = "figure";

    [Function("WebPages")]
    [Public]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "web/{*path}")] HttpRequest request,
        string? path)
    {
        var name = (path ?? string.Empty).Trim('/');
        if (name.Equals("lan.json", StringComparison.OrdinalIgnoreCase))
        {
            return WithHeaders(request, HttpResults.Json(new
            {
                // Tells the pages whether to ask for the county board's or Socialstyrelsen's key (Azure: yes; devhost: no).
                roleKeysRequired = accessKeys.Required,
                counties = registry.Counties.Select(c => new
                {
                    c.Code,
                    c.Name,
                    municipalities = registry.InCounty(c.Code).Select(m => new { m.Code, m.Name }),
                }),
            }));
        }

        if (name.Equals("labels.json", StringComparison.OrdinalIgnoreCase))
        {
            return WithHeaders(request, HttpResults.Json(ContractLabels));
        }

        var file = Pages.GetValueOrDefault(name) ?? name;
        if (!TryRead(file, out var content, out var contentType))
        {
            return HttpResults.Problem(StatusCodes.Status404NotFound, "Sidan finns inte", "Sidorna heter uppladdning och oversikt.");
        }

        return WithHeaders(request, new FileContentResult(content, contentType));
    }

    internal static bool TryRead(string file, out byte[] content, out string contentType)
    {
        content = [];
        contentType = string.Empty;
        var extension = Path.GetExtension(file);
        if (file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal)
            || !ContentTypes.TryGetValue(extension, out var type))
        {
            return false;
        }

        using var stream = typeof(WebPagesFunction).Assembly.GetManifestResourceStream(ResourcePrefix + file);
        if (stream is null)
        {
            return false;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        content = buffer.ToArray();
        contentType = type;
        return true;
    }

    internal static IEnumerable<string> AssetNames() =>
        typeof(WebPagesFunction).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);

    private static T WithHeaders<T>(HttpRequest request, T result)
    {
        // Same-origin scripts and styles only; no inline script, so injected markup could not run.
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return result;
    }
}
