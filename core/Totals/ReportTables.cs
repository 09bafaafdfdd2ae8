using System.Globalization;

namespace PoIntake.Core.Totals;

/// <summary>How a numbered table of the lägesrapport is captioned: "Tabell 1", "Figur 1", "Bilaga 1".</summary>
public enum ReportTableKind
{
    Table,
    Figure,
    Appendix,
}

/// <summary>How a number is written (xlsx number format and the Swedish text of the docx).</summary>
public enum CellFormat
{
    /// <summary>As it is: "245", "12,5".</summary>
    General,

    /// <summary>A change with its sign: "+1", "-2", "0" (as Tabell 1 of the reports).</summary>
    Change,

    /// <summary>Kronor with thousands separated: "129 595 231".</summary>
    Money,

    /// <summary>One decimal: "318,0".</summary>
    OneDecimal,
}

/// <summary>
/// One cell: a <see cref="Number"/> shown exactly, or a <see cref="Text"/> (a label, or a figure shown as "&lt;4", "Ca N",
/// "–"). <see cref="Kind"/> is what a figure counts (person counts are the ones <see cref="Suppression"/> hides);
/// null for a label.
/// </summary>
public sealed record ReportCell(decimal? Number, string? Text, CellFormat Format = CellFormat.General, FigureKind? Kind = null, bool Wrap = false)
{
    public const string Missing = "–";

    private static readonly NumberFormatInfo Swedish = new()
    {
        NumberGroupSeparator = " ",
        NumberGroupSizes = [3],
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>A figure (a number or a figure shown as text): right-aligned.</summary>
    public bool IsFigure => Kind is not null;

    public static ReportCell Label(string text, bool wrap = false) => new(null, text, Wrap: wrap);

    /// <summary>A figure as <see cref="Suppression"/> shows it.</summary>
    public static ReportCell Shown(ShownFigure figure, FigureKind kind) => new(figure.Exact, figure.Text, Kind: kind);

    /// <summary>A count of kommuner, verksamheter or deficiencies: never hidden.</summary>
    public static ReportCell Units(int value) => Shown(Suppression.Show(FigureKind.Units, value), FigureKind.Units);

    /// <summary>A count of persons outside a table of its parts.</summary>
    public static ReportCell Persons(int value) => Shown(Suppression.Show(FigureKind.Persons, value), FigureKind.Persons);

    public static ReportCell Money(decimal value) => new(value, null, CellFormat.Money, FigureKind.Money);

    /// <summary>A measure that is not a count (days, årsarbetare): exact, "–" when there is none.</summary>
    public static ReportCell Measure(decimal? value, CellFormat format = CellFormat.General) =>
        value is { } v ? new(v, null, format, FigureKind.Units) : new(null, Missing, Kind: FigureKind.Units);

    public static ReportCell Change(int? value) =>
        value is { } v ? new(v, null, CellFormat.Change, FigureKind.Units) : new(null, Missing, Kind: FigureKind.Units);

    /// <summary>The cell as Swedish text, as the docx shows it.</summary>
    public string Display => Number is { } n ? FormatNumber(n, Format) : Text ?? string.Empty;

    public static string FormatNumber(decimal value, CellFormat format = CellFormat.General) => format switch
    {
        CellFormat.Change => value.ToString("+#,0;-#,0;0", Swedish),
        CellFormat.Money => value.ToString("#,0", Swedish),
        CellFormat.OneDecimal => value.ToString("#,0.0", Swedish),
        _ => value.ToString("#,0.##", Swedish),
    };
}

/// <summary>A row; <see cref="Bold"/> for a total row ("Riket", "Totalt").</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, bool Bold = false)
{
    public ReportRow(string label, params IEnumerable<ReportCell> figures)
        : this([ReportCell.Label(label), .. figures])
    {
    }
}

/// <summary>
/// A part of a table under its own header (Tabell 3 has the clients by gender and age, then new and ended, then those with
/// children at home). <see cref="Caption"/> is a line above the header; <see cref="Header"/> may be empty.
/// </summary>
public sealed record ReportBlock(IReadOnlyList<string> Header, IReadOnlyList<ReportRow> Rows, string? Caption = null);

/// <summary>
/// One numbered table or figure of the lägesrapport, as both the xlsx (<see cref="TotalsXlsxExporter"/>, on the sheet
/// <see cref="Sheet"/>) and the docx (<see cref="LagesrapportDocxWriter"/>) show it. <see cref="Number"/> is given by
/// <see cref="LagesrapportBuilder"/> in the order the tables appear; <see cref="Widths"/> are column widths in characters.
/// </summary>
public sealed record ReportTable(
    ReportTableKind Kind,
    int Number,
    string Title,
    string Source,
    string Sheet,
    IReadOnlyList<ReportBlock> Blocks,
    IReadOnlyList<double> Widths,
    IReadOnlyList<string>? Notes = null,
    int? PrintedColumns = null,
    ReportChart? Chart = null)
{
    /// <summary>"Tabell 1. Kommuner och verksamheter …".</summary>
    public string Caption => $"{KindLabel(Kind)} {Number}. {Title}";

    /// <summary>The columns the docx prints (the first ones); the xlsx shows every column (Bilaga 1 keeps there who reported a brist).</summary>
    public int Printed(int columns) => Math.Min(columns, PrintedColumns ?? columns);

    /// <summary>Whether a person count is shown: then <see cref="Suppression.Note"/> goes with the table.</summary>
    public bool HasPersonCounts => Blocks.SelectMany(b => b.Rows).SelectMany(r => r.Cells).Any(c => c.Kind == FigureKind.Persons);

    public IReadOnlyList<string> FootNotes => Notes ?? [];

    public static string KindLabel(ReportTableKind kind) => kind switch
    {
        ReportTableKind.Figure => "Figur",
        ReportTableKind.Appendix => "Bilaga",
        _ => "Tabell",
    };
}

/// <summary>
/// A bar chart drawn from a table's own cells (the docx draws it above the table, which stays for screen readers and
/// for the figures): one bar per category and series; a null value is not drawn.
/// </summary>
public sealed record ReportChart(string ValueTitle, IReadOnlyList<string> Categories, IReadOnlyList<ReportChartSeries> Series);

public sealed record ReportChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>The chapters of the lägesrapport, in the order of the 2021 report (docs/lagesrapport.md).</summary>
public enum ReportChapterKind
{
    Other,
    Assignment,
    Reporting,
    Municipalities,
    Ombud,
    Clients,
    ClientGroupChanges,
    ClientsWithChildren,
    ContactReasons,
    Theme,
    Waiting,
    Priority,
    Providers,
    ManagementGroups,
    Deficiencies,
    Measures,
    CountyBoards,
    SocialstyrelsenWork,
    Economy,
    Comments,
}

/// <summary>
/// A chapter of the draft: a heading, the generated sentences (a "[Skriv: …]" paragraph is the analyst's to write, a
/// "– " paragraph a list item), then its tables. <see cref="Level"/> 2 for a section under the chapter before.
/// </summary>
public sealed record ReportChapter(
    string Heading,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<ReportTable> Tables,
    ReportChapterKind Kind = ReportChapterKind.Other,
    int Level = 1);

/// <summary>The draft lägesrapport of a year: chapters in the published order, every table numbered once.</summary>
public sealed record Lagesrapport(int Year, string Title, IReadOnlyList<string> Introduction, IReadOnlyList<ReportChapter> Chapters)
{
    /// <summary>Every table in the order the document shows them (appendices last).</summary>
    public IEnumerable<ReportTable> Tables =>
        Chapters.SelectMany(c => c.Tables).OrderBy(t => t.Kind == ReportTableKind.Appendix ? 1 : 0);
}
