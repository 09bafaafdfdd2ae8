namespace PoIntake.Core.Totals;

/// <summary>
/// The draft lägesrapport as data (<c>GET /api/report/{year}?format=json</c>): the chapters with their sentences, every
/// table's cells as the docx prints them (suppressed) and its chart's values. The Översikt page draws Figur 1 from
/// this, so the page and the docx show the same numbers.
/// </summary>
public static class LagesrapportJson
{
    public static object From(Lagesrapport report) => new
    {
        report.Year,
        report.Title,
        publication = "Utkast med röjandeskyddade tabeller (antal personer 1–3 visas som <4).",
        chapters = report.Chapters.Select(c => new
        {
            c.Heading,
            kind = c.Kind.ToString(),
            c.Paragraphs,
            tables = c.Tables.Select(t => new
            {
                t.Caption,
                t.Sheet,
                blocks = t.Blocks.Select(b => new { b.Caption, b.Header, rows = b.Rows.Select(r => r.Cells.Select(cell => cell.Display)) }),
                chart = t.Chart is { } chart
                    ? new { chart.ValueTitle, chart.Categories, series = chart.Series.Select(s => new { s.Name, s.Values }) }
                    : null,
            }),
        }),
    };
}
