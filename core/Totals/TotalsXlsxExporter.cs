using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Template;

namespace PoIntake.Core.Totals;

/// <summary>
/// The totals as a Swedish workbook laid out like the tables of Socialstyrelsen's annual status report.
/// Person counts go through <see cref="Suppression"/> ("&lt;4", "Ca N"; only here: the JSON and csv are exact); counts
/// of kommuner, verksamheter and deficiencies and money are shown exactly, as in the published report.
/// </summary>
public sealed class TotalsXlsxExporter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public byte[] Export(TotalsResult result)
    {
        var totals = result.Totals;
        using var workbook = new XLWorkbook();
        Tabell1(workbook.Worksheets.Add("Tabell 1"), totals);
        Clients(workbook.Worksheets.Add("Klienter"), totals);
        ContactReasons(workbook.Worksheets.Add("Kontaktorsaker"), totals);
        Waiting(workbook.Worksheets.Add("Väntetid"), totals);
        Management(workbook.Worksheets.Add("Ledningsgrupper"), totals);
        Deficiencies(workbook.Worksheets.Add("Systembrister"), result);
        Economy(workbook.Worksheets.Add("Ekonomi"), totals);
        WorkbookPrintSetup.Apply(workbook, _ => 4); // the title, the suppression note and the first table's header (Title)

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Tabell1(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Tabell 1. Kommuner och verksamheter med personligt ombud per län {totals.Year}", note: false);
        Header(sheet, row++, "Län", "Antal kommuner", "Kommuner som erbjuder PO", "Förändring från föregående år", "Antal verksamheter");
        foreach (var county in totals.Counties)
        {
            sheet.Cell(row, 1).SetValue(county.Name);
            sheet.Cell(row, 2).SetValue(county.Municipalities);
            sheet.Cell(row, 3).SetValue(county.MunicipalitiesOfferingPo);
            Change(sheet.Cell(row, 4), county.ChangeFromPreviousYear);
            sheet.Cell(row, 5).SetValue(county.Operations);
            row++;
        }

        TotalRow(sheet, row, "Riket");
        sheet.Cell(row, 2).SetValue(totals.Municipalities.Total);
        sheet.Cell(row, 3).SetValue(totals.Municipalities.OfferingPo);
        Change(sheet.Cell(row, 4), totals.Municipalities.ChangeFromPreviousYear);
        sheet.Cell(row, 5).SetValue(totals.Operations);
        sheet.Cell(row + 2, 1).SetValue($"Antal inkomna redovisningar: {totals.ReportsIncluded}");
        Widths(sheet, 22, 16, 26, 28, 20);
    }

    private static void Clients(IXLWorksheet sheet, NationalTotals totals)
    {
        var clients = totals.Clients;
        var row = Title(sheet, $"Klienter efter kön och ålder {totals.Year}");
        Header(sheet, row++, [string.Empty, .. Dimensions.AgeGroups.Select(a => a.Label), WorkbookLabels.Total]);
        var (table, layout) = ClientsByGenderAndAge(clients);
        row = Rows(sheet, row, table, layout, [.. Dimensions.Genders.Select(g => g.Label), WorkbookLabels.Total]);
        TotalRow(sheet, row - 1, WorkbookLabels.Total);
        row++;
        Header(sheet, row++, string.Empty, "Antal");
        foreach (var (label, value) in new[] { (WorkbookLabels.Clients.New, clients.New), (WorkbookLabels.Clients.Ended, clients.Ended) })
        {
            sheet.Cell(row, 1).SetValue(label);
            Figure(sheet.Cell(row++, 2), Suppression.Show(FigureKind.Persons, value));
        }

        row++;
        sheet.Cell(row++, 1).SetValue(WorkbookLabels.Clients.WithChildrenTitle);
        Header(sheet, row++, GenderHeader(string.Empty));
        var (children, childrenLayout) = ByGender(WorkbookLabels.Clients.WithChildrenRow, [clients.WithChildrenAtHome]);
        Rows(sheet, row, children, childrenLayout, [WorkbookLabels.Clients.WithChildrenRow]);
        Widths(sheet, 44, 14, 14, 14, 14, 14);
    }

    /// <summary>Every table of person counts the workbook shows, as <see cref="Suppression"/> sees it.</summary>
    internal static IReadOnlyList<FigureTable> PersonTables(NationalTotals totals) =>
    [
        ClientsByGenderAndAge(totals.Clients).Table,
        ByGender(WorkbookLabels.Clients.WithChildrenRow, [totals.Clients.WithChildrenAtHome]).Table,
        ByGender("Kontaktorsaker", [.. totals.ContactReasons.Values]).Table,
    ];

    private static (FigureTable Table, int[][] Layout) ClientsByGenderAndAge(ClientTotals clients)
    {
        var table = new FigureTable("Klienter efter kön och ålder");
        var layout = table.Grid(
            FigureKind.Persons,
            [.. Dimensions.Genders.Select(g => (IReadOnlyList<decimal>)[.. clients.ByGenderAndAgeGroup[g.Value].Values.Select(v => (decimal)v)])],
            rowTotals: true,
            columnTotals: true);
        return (table, layout);
    }

    private static (FigureTable Table, int[][] Layout) ByGender(string name, IReadOnlyList<GenderTotals> rows)
    {
        var table = new FigureTable(name);
        var layout = table.Grid(
            FigureKind.Persons,
            [.. rows.Select(r => (IReadOnlyList<decimal>)[.. r.Counts.Values.Select(v => (decimal)v)])],
            rowTotals: true,
            columnTotals: false);
        return (table, layout);
    }

    /// <summary>Writes a table's rows (label in column 1, figures from column 2) and returns the next row.</summary>
    private static int Rows(IXLWorksheet sheet, int row, FigureTable table, int[][] layout, IReadOnlyList<string> labels)
    {
        var shown = table.Show();
        for (var r = 0; r < layout.Length; r++, row++)
        {
            sheet.Cell(row, 1).SetValue(labels[r]);
            for (var c = 0; c < layout[r].Length; c++)
            {
                Figure(sheet.Cell(row, c + 2), shown[layout[r][c]]);
            }
        }

        return row;
    }

    private static void ContactReasons(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Kontaktorsaker efter kön {totals.Year}");
        Header(sheet, row++, GenderHeader("Kontaktorsak"));
        var (table, layout) = ByGender("Kontaktorsaker", [.. totals.ContactReasons.Values]);
        Rows(sheet, row, table, layout, [.. totals.ContactReasons.Keys.Select(Dimensions.ContactReasons.Label)]);
        Widths(sheet, 44, 14, 14, 22, 14);
    }

    private static void Waiting(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Väntetid per län {totals.Year}", note: false);
        Header(sheet, row++, "Län", "Kommuner som erbjuder PO", "Antal verksamheter", "Verksamheter med väntetid", "Längsta väntetid (dagar)", "Median väntetid (dagar)");
        foreach (var county in totals.Counties)
        {
            sheet.Cell(row, 1).SetValue(county.Name);
            sheet.Cell(row, 2).SetValue(county.MunicipalitiesOfferingPo);
            sheet.Cell(row, 3).SetValue(county.Operations);
            Units(sheet.Cell(row, 4), county.OperationsWithWaitingTime);
            Optional(sheet.Cell(row, 5), county.MaxEstimatedWaitingDays);
            Optional(sheet.Cell(row, 6), county.MedianEstimatedWaitingDays);
            row++;
        }

        TotalRow(sheet, row, "Riket");
        sheet.Cell(row, 2).SetValue(totals.Municipalities.OfferingPo);
        sheet.Cell(row, 3).SetValue(totals.Operations);
        Units(sheet.Cell(row, 4), totals.WaitingTimes.OperationsWithWaitingTime);
        Optional(sheet.Cell(row, 5), totals.WaitingTimes.MaxEstimatedDays);
        Optional(sheet.Cell(row, 6), totals.WaitingTimes.MedianEstimatedDays);
        row += 2;

        sheet.Cell(row, 1).SetValue("Verksamheter med prioriteringsordning");
        Units(sheet.Cell(row++, 2), totals.Prioritisation.OperationsWithPriorityOrder);
        row++;
        Header(sheet, row++, "Prioriterad grupp", "Prioritet 1", "Prioritet 2", "Prioritet 3");
        foreach (var (group, ranks) in totals.Prioritisation.Groups)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.PriorityGroups.Label(group));
            Units(sheet, row++, 2, ranks.First, ranks.Second, ranks.Third);
        }

        Widths(sheet, 58, 24, 18, 24, 24, 24);
    }

    private static void Management(IXLWorksheet sheet, NationalTotals totals)
    {
        var management = totals.ManagementGroups;
        var row = Title(sheet, $"Ledningsgrupper {totals.Year}", note: false);
        Header(sheet, row++, string.Empty, "Antal verksamheter");
        sheet.Cell(row, 1).SetValue("Fulltaliga ledningsgrupper");
        Units(sheet.Cell(row++, 2), management.Complete);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Management.DeficiencyRoutine);
        Units(sheet.Cell(row++, 2), management.WithDeficiencyRoutine);
        row++;
        Header(sheet, row++, "Saknade aktörer i ledningsgruppen", "Antal verksamheter");
        foreach (var (member, missing) in management.Missing)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.ManagementMembers.Label(member));
            Units(sheet.Cell(row++, 2), missing);
        }

        Widths(sheet, 56, 20);
    }

    private static void Deficiencies(IXLWorksheet sheet, TotalsResult result)
    {
        var totals = result.Totals;
        var row = Title(sheet, $"Systembrister per nivå och område {totals.Year}", note: false);
        Header(sheet, row++, [WorkbookLabels.Deficiencies.Level, .. Dimensions.DeficiencyAreas.Select(a => a.Label), WorkbookLabels.Total]);
        foreach (var (level, byArea) in result.DeficienciesByLevelAndArea)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.DeficiencyLevels.Label(level));
            Units(sheet, row++, 2, [.. byArea.Values, totals.SystemDeficiencies.ByLevel[level]]);
        }

        TotalRow(sheet, row, WorkbookLabels.Total);
        Units(sheet, row, 2, [.. totals.SystemDeficiencies.ByArea.Values, totals.SystemDeficiencies.Total]);
        row += 2;

        sheet.Cell(row++, 1).SetValue("Brister på central nivå per län").Style.Font.SetBold();
        Header(sheet, row++, "Län", "Verksamhet", WorkbookLabels.Deficiencies.Area, WorkbookLabels.Deficiencies.Description, WorkbookLabels.Deficiencies.Consequence, WorkbookLabels.Deficiencies.Action);
        foreach (var text in result.CentralDeficiencies)
        {
            sheet.Cell(row, 1).SetValue(text.CountyName);
            sheet.Cell(row, 2).SetValue(text.OperationKey);
            sheet.Cell(row, 3).SetValue(Dimensions.DeficiencyAreas.Label(text.Area));
            sheet.Cell(row, 4).SetValue(text.Description);
            sheet.Cell(row, 5).SetValue(text.Consequence ?? string.Empty);
            sheet.Cell(row, 6).SetValue(text.Action ?? string.Empty);
            sheet.Range(row, 4, row, 6).Style.Alignment.SetWrapText();
            row++;
        }

        if (result.CentralDeficiencies.Count == 0)
        {
            sheet.Cell(row, 1).SetValue("Inga brister på central nivå redovisades.");
        }

        Widths(sheet, 22, 24, 22, 50, 40, 40, 12);
    }

    private static void Economy(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Ekonomi och personal {totals.Year}");
        Header(sheet, row++, string.Empty, "Belopp / antal");
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Economy.Granted);
        Money(sheet.Cell(row++, 2), totals.Economy.GrantedSek);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Economy.Spent);
        Money(sheet.Cell(row++, 2), totals.Economy.SpentSek);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Ombud.Count);
        Figure(sheet.Cell(row++, 2), Suppression.Show(FigureKind.Persons, totals.Ombud.Total));
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Ombud.FullTimeEquivalents);
        sheet.Cell(row, 2).SetValue(totals.Ombud.FullTimeEquivalents);
        sheet.Cell(row++, 2).Style.NumberFormat.Format = "0.0";
        if (totals.Ombud.FullTimeEquivalents > 0)
        {
            sheet.Cell(row, 1).SetValue("Beviljat statsbidrag per årsarbetare (kr)");
            Money(sheet.Cell(row, 2), Math.Round(totals.Economy.GrantedSek / totals.Ombud.FullTimeEquivalents, 0));
        }

        Widths(sheet, 44, 20);
    }

    private static int Title(IXLWorksheet sheet, string title, bool note = true)
    {
        sheet.Cell(1, 1).SetValue(title).Style.Font.SetBold().Font.SetFontSize(12);
        if (note)
        {
            sheet.Cell(2, 1).SetValue(Suppression.Note).Style.Font.SetItalic();
        }

        return 4;
    }

    private static void Header(IXLWorksheet sheet, int row, params string[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            sheet.Cell(row, i + 1).SetValue(labels[i]);
        }

        sheet.Range(row, 1, row, labels.Length).Style.Font.SetBold().Border.SetBottomBorder(XLBorderStyleValues.Thin);
    }

    private static void TotalRow(IXLWorksheet sheet, int row, string label)
    {
        sheet.Cell(row, 1).SetValue(label);
        sheet.Row(row).Style.Font.SetBold();
    }

    private static void Units(IXLWorksheet sheet, int row, int firstColumn, params int[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Units(sheet.Cell(row, firstColumn + i), values[i]);
        }
    }

    private static void Units(IXLCell cell, int value) => Figure(cell, Suppression.Show(FigureKind.Units, value));

    private static void Figure(IXLCell cell, ShownFigure figure)
    {
        if (figure.Exact is { } exact)
        {
            cell.SetValue(exact);
        }
        else
        {
            cell.SetValue(figure.Text);
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
    }

    private static void Change(IXLCell cell, int? change)
    {
        if (change is { } value)
        {
            cell.SetValue(value);
            cell.Style.NumberFormat.Format = "+0;-0;0";
        }
        else
        {
            cell.SetValue("–");
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
    }

    private static void Optional(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.SetValue(v);
        }
        else
        {
            cell.SetValue("–");
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
    }

    private static void Money(IXLCell cell, decimal value)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = "#,##0";
    }

    private static string[] GenderHeader(string first) => [first, .. Dimensions.Genders.Select(g => g.Label), WorkbookLabels.Total];

    // AdjustToContents throws on Linux (no GDI fonts), so widths are set by hand.
    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }
}
