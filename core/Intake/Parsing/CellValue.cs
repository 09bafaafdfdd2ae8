using System.Globalization;

namespace PoIntake.Core.Intake.Parsing;

internal enum CellKind
{
    Empty,
    Number,
    Text,
    Boolean,
    Date,
    Error,
    FormulaFailed,
    FormulaNotEvaluated,
}

/// <summary>What one cell holds once read: for a formula its cached (or else evaluated) value.</summary>
internal sealed record CellValue(CellKind Kind, double Number, string Text)
{
    private static readonly HashSet<string> ErrorLiterals = new(StringComparer.OrdinalIgnoreCase)
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
        "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!", "#ERROR!",
    };

    public static CellValue Empty { get; } = new(CellKind.Empty, 0, string.Empty);

    public bool IsEmpty => Kind == CellKind.Empty;

    public static CellValue FromNumber(double number) => new(CellKind.Number, number, string.Empty);

    public static CellValue FromBoolean(bool value) => new(CellKind.Boolean, value ? 1 : 0, value ? "SANT" : "FALSKT");

    public static CellValue FromDate(string text) => new(CellKind.Date, 0, text);

    public static CellValue FromError(string code) => new(CellKind.Error, 0, code.Trim());

    public static CellValue FromFailedFormula(string reason) => new(CellKind.FormulaFailed, 0, reason);

    /// <summary>A formula without a saved value that was too large (or not boundable) to evaluate.</summary>
    public static CellValue FromFormulaNotEvaluated(string reason) => new(CellKind.FormulaNotEvaluated, 0, reason);

    /// <summary>An error value or a formula without a usable value: never a figure.</summary>
    public bool IsUnusable => Kind is CellKind.Error or CellKind.FormulaFailed or CellKind.FormulaNotEvaluated;

    /// <summary>Text as typed; blank text is empty and an error literal ("#REF!") is an error value.</summary>
    public static CellValue FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.All(LabelText.IsSpace))
        {
            return Empty;
        }

        return IsErrorLiteral(text) ? FromError(text) : new CellValue(CellKind.Text, 0, text);
    }

    public static bool IsErrorLiteral(string text)
    {
        var trimmed = text.Trim();
        return ErrorLiterals.Contains(trimmed) ||
               (trimmed.StartsWith("Err:", StringComparison.OrdinalIgnoreCase) && trimmed.Length > 4 && trimmed[4..].All(char.IsAsciiDigit));
    }

    /// <summary>How the value is quoted in a Swedish message.</summary>
    public string Display => Kind switch
    {
        CellKind.Empty => "en tom cell",
        CellKind.Number => "talet " + Number.ToString("0.############", CultureInfo.GetCultureInfo("sv-SE")),
        CellKind.Boolean => "sanningsvärdet " + Text,
        CellKind.Date => "datumet " + Text,
        CellKind.Error => "felvärdet " + Text,
        CellKind.FormulaFailed => "en formel som inte kan beräknas (" + Text + ")",
        CellKind.FormulaNotEvaluated => "en formel utan sparat värde som inte beräknas (" + Text + ")",
        _ => "texten \"" + Shorten(Text) + "\"",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
