using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>JSON of findings and validation reports: camelCase, enums as names, Swedish letters unescaped.</summary>
public static class IntakeJson
{
    /// <summary>IntakeLog.FindingsJson holds at most this many characters (whole findings only; the results blob has all).</summary>
    public const int MaxFindingsJsonLength = 30_000;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The findings as a JSON array, dropping findings from the end until it fits <see cref="MaxFindingsJsonLength"/>.</summary>
    public static string SerializeFindings(IReadOnlyList<Finding> findings)
    {
        var builder = new System.Text.StringBuilder("[");
        foreach (var finding in findings)
        {
            var item = JsonSerializer.Serialize(finding, Options);
            if (builder.Length + item.Length + 2 > MaxFindingsJsonLength)
            {
                break;
            }

            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(item);
        }

        return builder.Append(']').ToString();
    }

    public static IReadOnlyList<Finding> DeserializeFindings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Finding[]>(json, Options) ?? [];
}
