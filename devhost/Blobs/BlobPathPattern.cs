using System.Text;
using System.Text.RegularExpressions;

namespace PoIntake.DevHost.Blobs;

/// <summary>A blob trigger path such as <c>reports/{year}/{countyCode}/{name}.xlsx</c>: its container and a matcher for blob names in it.</summary>
internal sealed class BlobPathPattern
{
    private readonly Regex matcher;

    private BlobPathPattern(string container, Regex matcher)
    {
        Container = container;
        this.matcher = matcher;
    }

    public string Container { get; }

    public static BlobPathPattern Parse(string blobPath)
    {
        var slash = blobPath.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"Blob trigger path '{blobPath}' names no container.");
        }

        var pattern = new StringBuilder("^");
        var rest = blobPath[(slash + 1)..];
        var position = 0;
        foreach (Match parameter in Regex.Matches(rest, @"\{(\w+)\}"))
        {
            pattern.Append(Regex.Escape(rest[position..parameter.Index]));
            // A parameter never spans folders, except the last one when nothing follows it ({name} in "c/{name}").
            var last = parameter.Index + parameter.Length == rest.Length;
            pattern.Append(last ? $"(?<{parameter.Groups[1].Value}>.+)" : $"(?<{parameter.Groups[1].Value}>[^/]+?)");
            position = parameter.Index + parameter.Length;
        }

        pattern.Append(Regex.Escape(rest[position..])).Append('$');
        return new BlobPathPattern(blobPath[..slash], new Regex(pattern.ToString(), RegexOptions.CultureInvariant));
    }

    /// <summary>The values of the path's parameters for a blob name within the container, or null when it does not match.</summary>
    public IReadOnlyDictionary<string, string>? Match(string blobName)
    {
        var match = matcher.Match(blobName);
        if (!match.Success)
        {
            return null;
        }

        return matcher.GetGroupNames()
            .Where(name => !int.TryParse(name, out _))
            .ToDictionary(name => name, name => match.Groups[name].Value, StringComparer.OrdinalIgnoreCase);
    }
}
