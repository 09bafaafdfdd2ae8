using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace PoIntake.Core.Totals;

/// <summary>
/// A <see cref="ReportChart"/> as a native Word bar chart (DrawingML, a chart part with its values cached), so the
/// analyst can restyle it in Word and LibreOffice draws it; the values are the table's own cells, which stay below it.
/// </summary>
internal static class LagesrapportChart
{
    private const long Width = 6_120_000; // EMU: 17 cm, the text width
    private static readonly string[] Colours = ["1F5C99", "E07B39", "5B8C3A"];

    public static W.Paragraph Inline(MainDocumentPart main, ReportChart chart, int number, string title)
    {
        var part = main.AddNewPart<ChartPart>();
        part.ChartSpace = Space(chart);
        part.ChartSpace.Save();
        var id = main.GetIdOfPart(part);
        // About 7 mm a bar and room for the axis, its title and the legend, so LibreOffice and Word print every category's label.
        var height = Math.Max(2_400_000L, 250_000L * chart.Categories.Count * Math.Max(1, chart.Series.Count) + 1_000_000L);
        var inline = new Wp.Inline(
            new Wp.Extent { Cx = Width, Cy = height },
            new Wp.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Wp.DocProperties { Id = (uint)(1000 + number), Name = $"Diagram {number}", Description = title },
            new Wp.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = id }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0,
        };
        return new W.Paragraph(
            new W.ParagraphProperties(new W.KeepNext()),
            new W.Run(new W.Drawing(inline)));
    }

    private static C.ChartSpace Space(ReportChart chart)
    {
        var bar = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            bar.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(new C.Formula($"Blad1!${(char)('B' + s)}$1"), StringCache([series.Name]))),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = Colours[s % Colours.Length] })),
                new C.InvertIfNegative { Val = false },
                new C.DataLabels(
                    new C.NumberingFormat { FormatCode = "0.0", SourceLinked = false },
                    new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = true }, new C.ShowCategoryName { Val = false },
                    new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = false }, new C.ShowBubbleSize { Val = false }),
                new C.CategoryAxisData(new C.StringReference(new C.Formula($"Blad1!$A$2:$A${chart.Categories.Count + 1}"), StringCache(chart.Categories))),
                new C.Values(new C.NumberReference(new C.Formula($"Blad1!${(char)('B' + s)}$2:${(char)('B' + s)}${chart.Categories.Count + 1}"), NumberCache(series.Values)))));
        }

        bar.Append(new C.GapWidth { Val = 60 });
        bar.Append(new C.AxisId { Val = 1 });
        bar.Append(new C.AxisId { Val = 2 });
        var plot = new C.PlotArea(
            new C.Layout(),
            bar,
            new C.CategoryAxis(
                new C.AxisId { Val = 1 },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.TextProperties(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 800 }), new A.EndParagraphRunProperties { Language = "sv-SE" })),
                new C.CrossingAxis { Val = 2 },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 },
                new C.TickLabelSkip { Val = 1 },
                new C.NoMultiLevelLabels { Val = false }),
            new C.ValueAxis(
                new C.AxisId { Val = 2 },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MinAxisValue { Val = 0 }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.MajorGridlines(),
                new C.Title(Text(chart.ValueTitle), new C.Overlay { Val = false }),
                new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 1 },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between }));
        return new C.ChartSpace(
            new C.EditingLanguage { Val = "sv-SE" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                plot,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
    }

    private static C.ChartText Text(string text) =>
        new(new C.RichText(
            new A.BodyProperties(),
            new A.ListStyle(),
            new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 900, Bold = false }), new A.Run(new A.RunProperties { Language = "sv-SE", FontSize = 900 }, new A.Text(text)))));

    private static C.StringCache StringCache(IReadOnlyList<string> values)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
        {
            cache.Append(new C.StringPoint(new C.NumericValue(values[i])) { Index = (uint)i });
        }

        return cache;
    }

    private static C.NumberingCache NumberCache(IReadOnlyList<decimal?> values)
    {
        var cache = new C.NumberingCache(new C.FormatCode("0.0"), new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                cache.Append(new C.NumericPoint(new C.NumericValue(value.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        return cache;
    }
}
