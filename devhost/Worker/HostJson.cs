using System.Text.Json;

namespace PoIntake.DevHost.Worker;

/// <summary>
/// The host.json settings devhost honours (the rest of host.json is the real host's alone): the blob trigger's retries
/// (<c>extensions.blobs.poisonBlobThreshold</c>: tries before a blob is poisoned) and parallelism
/// (<c>extensions.blobs.maxDegreeOfParallelism</c>), and <c>functionTimeout</c>.
/// </summary>
internal sealed record HostJson(int PoisonBlobThreshold, int BlobParallelism, TimeSpan FunctionTimeout)
{
    /// <summary>The host's defaults where host.json says nothing (blobs: 5 tries; parallelism 8 per core; 30 minutes on Flex Consumption).</summary>
    public static readonly HostJson Defaults = new(5, 8 * Environment.ProcessorCount, TimeSpan.FromMinutes(30));

    public static HostJson Read(string functionAppDirectory)
    {
        var path = Path.Combine(functionAppDirectory, "host.json");
        if (!File.Exists(path))
        {
            return Defaults;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var blobs = root.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("blobs", out var b) ? b : default;
        return new HostJson(
            Int(blobs, "poisonBlobThreshold") ?? Defaults.PoisonBlobThreshold,
            Int(blobs, "maxDegreeOfParallelism") ?? Defaults.BlobParallelism,
            root.TryGetProperty("functionTimeout", out var timeout) && TimeSpan.TryParse(timeout.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : Defaults.FunctionTimeout);
    }

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
}
