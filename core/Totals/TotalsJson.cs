using System.Text.Encodings.Web;
using System.Text.Json;

namespace PoIntake.Core.Totals;

/// <summary>The JSON settings of every PoIntake HTTP answer: camelCase, UTF-8 letters unescaped (å, ä, ö).</summary>
public static class TotalsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
