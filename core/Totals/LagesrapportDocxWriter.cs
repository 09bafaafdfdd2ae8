using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PoIntake.Core.Totals;

/// <summary>
/// The draft lägesrapport (<see cref="Lagesrapport"/>) as a Swedish Word document, written with the OpenXML SDK that
/// ClosedXML brings: chapters with their sentences, each table under its caption ("Tabell 1. …") with the suppression
/// note where it shows person counts and its source line ("Källa: …"), appendices last. Each block of a table is one
/// Word table whose <c>tblCaption</c> is the table's caption, so a reader (and the tests) can find it.
/// </summary>
public sealed class LagesrapportDocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A4 less 2 cm margins each side, in twentieths of a point.</summary>
    private const int TextWidth = 9638;
    private const int Margin = 1134;

    /// <summary>About how many characters of table text fit across <see cref="TextWidth"/>.</summary>
    private const double TextWidthInCharacters = 120;

    public byte[] Write(Lagesrapport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Language = "sv-SE";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Paragraph(report.Title, "Title"));
            body.Append(report.Introduction.Select(p => Paragraph(p)));
            var charts = 0;
            foreach (var chapter in report.Chapters)
            {
                body.Append(Paragraph(chapter.Heading, chapter.Level > 1 ? "Heading2" : "Heading1"));
                body.Append(chapter.Paragraphs.Select(Text));
                foreach (var table in chapter.Tables.Where(t => t.Kind != ReportTableKind.Appendix))
                {
                    if (table.Chart is { } chart)
                    {
                        body.Append(Paragraph(table.Caption, "Caption", keepWithNext: true));
                        body.Append(LagesrapportChart.Inline(main, chart, ++charts, table.Caption));
                    }

                    body.Append(Table(table, "Caption", table.Chart is null ? null : $"Uppgifterna i {ReportTable.KindLabel(table.Kind).ToLowerInvariant()} {table.Number}"));
                }
            }

            foreach (var appendix in report.Tables.Where(t => t.Kind == ReportTableKind.Appendix))
            {
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                body.Append(Table(appendix, "Heading1"));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A table under its caption; under a chart that already carries the caption, under <paramref name="heading"/>.</summary>
    private static IEnumerable<OpenXmlElement> Table(ReportTable table, string captionStyle, string? heading = null)
    {
        yield return Paragraph(heading ?? table.Caption, captionStyle, keepWithNext: true);
        foreach (var block in table.Blocks)
        {
            if (block.Caption is { } caption)
            {
                yield return Paragraph(caption, "Caption", keepWithNext: true);
            }

            yield return Block(table, block);
            yield return Paragraph(string.Empty, "Small");
        }

        if (table.HasPersonCounts)
        {
            yield return Paragraph(Suppression.Note, "Source", keepWithNext: true);
        }

        foreach (var note in table.FootNotes)
        {
            yield return Paragraph(note, "Source", keepWithNext: true);
        }

        yield return Paragraph(table.Source, "Source");
    }

    private static Table Block(ReportTable model, ReportBlock block)
    {
        var columns = model.Printed(Math.Max(block.Header.Count, block.Rows.Count == 0 ? 0 : block.Rows.Max(r => r.Cells.Count)));
        var figures = Enumerable.Range(0, columns).Select(c => block.Rows.Any(r => c < r.Cells.Count && r.Cells[c].IsFigure)).ToArray();
        var widths = Widths(model.Widths, figures);
        var border = new Func<BorderType, BorderType>(b =>
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Color = "808080";
            return b;
        });
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(
                    border(new TopBorder()), border(new BottomBorder()), border(new InsideHorizontalBorder())),
                new TableCaption { Val = model.Caption }),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));
        if (block.Header.Count > 0)
        {
            var header = new TableRow(new TableRowProperties(new TableHeader()));
            for (var c = 0; c < columns; c++)
            {
                header.Append(Cell(c < block.Header.Count ? block.Header[c] : string.Empty, widths[c], 1, bold: true, right: figures[c]));
            }

            table.Append(header);
        }

        foreach (var row in block.Rows)
        {
            var line = new TableRow(new TableRowProperties(new CantSplit()));
            var cells = Math.Min(row.Cells.Count, columns);
            for (var c = 0; c < cells; c++)
            {
                var span = c == cells - 1 ? columns - c : 1;
                var cell = row.Cells[c];
                line.Append(Cell(cell.Display, widths.Skip(c).Take(span).Sum(), span, row.Bold, cell.IsFigure));
            }

            table.Append(line);
        }

        return table;
    }

    /// <summary>
    /// Column widths on the page: the table's widths where its columns hold text (the appendix's descriptions), and where
    /// all but the label hold figures the label its width and the figures equal shares of the rest (the xlsx sheet's
    /// widths may be those of another table on the same sheet).
    /// </summary>
    private static int[] Widths(IReadOnlyList<double> model, bool[] figures)
    {
        double Width(int c) => c < model.Count ? model[c] : model.DefaultIfEmpty(12).Min();
        var weights = figures.Skip(1).All(f => f) && figures.Length > 1
            ? [Width(0), .. Enumerable.Repeat(Math.Max(12, (TextWidthInCharacters - Width(0)) / (figures.Length - 1)), figures.Length - 1)]
            : Enumerable.Range(0, figures.Length).Select(Width).ToArray();
        return [.. weights.Select(w => (int)(TextWidth * w / weights.Sum()))];
    }

    private static TableCell Cell(string text, int width, int span, bool bold, bool right)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        var paragraph = Paragraph(text, "TableText");
        if (right)
        {
            paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Right });
        }

        if (bold)
        {
            foreach (var run in paragraph.Elements<Run>())
            {
                run.PrependChild(new RunProperties(new Bold()));
            }
        }

        return new TableCell(properties, paragraph);
    }

    /// <summary>A chapter's paragraph: "[Skriv: …]" highlighted for the analyst, "– " as an indented list item.</summary>
    private static Paragraph Text(string text)
    {
        if (SwedishSentences.IsPlaceholder(text))
        {
            var paragraph = Paragraph(text, "Placeholder");
            foreach (var run in paragraph.Elements<Run>())
            {
                run.PrependChild(new RunProperties(new Highlight { Val = HighlightColorValues.Yellow }));
            }

            return paragraph;
        }

        return SwedishSentences.IsBullet(text) ? Paragraph(text, "ListItem") : Paragraph(text);
    }

    private static Paragraph Paragraph(string text, string style = "Normal", bool keepWithNext = false)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        if (keepWithNext)
        {
            properties.Append(new KeepNext());
        }

        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return paragraph;
    }

    private static string Twips(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Liberation Sans", HighAnsi = "Liberation Sans", ComplexScript = "Liberation Sans", EastAsia = "Liberation Sans" },
                new FontSize { Val = "21" },
                new Languages { Val = "sv-SE" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(Style("Normal", "Normal", isDefault: true));
        styles.Append(Style("Title", "Title", size: 36, bold: true, spacingAfter: 240));
        styles.Append(Style("Heading1", "heading 1", size: 28, bold: true, spacingBefore: 360, outline: 0));
        styles.Append(Style("Heading2", "heading 2", size: 24, bold: true, spacingBefore: 240, outline: 1));
        styles.Append(Style("Placeholder", "Att skriva", italic: true));
        styles.Append(Style("ListItem", "Listpunkt", indent: 360));
        styles.Append(Style("Caption", "caption", size: 21, bold: true, spacingBefore: 240));
        styles.Append(Style("Source", "Källa", size: 18, italic: true));
        styles.Append(Style("TableText", "Tabelltext", size: 18, spacingAfter: 0));
        styles.Append(Style("Small", "Liten", size: 8, spacingAfter: 0));
        return styles;
    }

    private static Style Style(
        string id, string name, bool isDefault = false, int? size = null, bool bold = false, bool italic = false, int? spacingBefore = null, int? spacingAfter = null, int? outline = null, int? indent = null)
    {
        var style = new Style(new StyleName { Val = name }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        if (!isDefault)
        {
            style.Append(new BasedOn { Val = "Normal" });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }

        var paragraph = new StyleParagraphProperties();
        if (spacingBefore is not null || spacingAfter is not null)
        {
            paragraph.Append(new SpacingBetweenLines
            {
                Before = spacingBefore?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                After = spacingAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        if (indent is { } left)
        {
            paragraph.Append(new Indentation { Left = left.ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "240" });
        }

        if (outline is { } level)
        {
            paragraph.Append(new KeepNext());
            paragraph.Append(new OutlineLevel { Val = level });
        }

        style.Append(paragraph);
        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold());
        }

        if (italic)
        {
            run.Append(new Italic());
        }

        if (size is { } points)
        {
            run.Append(new FontSize { Val = points.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        style.Append(run);
        return style;
    }
}
