using System.Text.Json;

namespace PoIntake.DevHost;

/// <summary>Reads the Values of functions/local.settings.json (when present), so devhost and `func start` share settings.</summary>
internal static class LocalSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ToString()))
            .ToList();
    }
}
