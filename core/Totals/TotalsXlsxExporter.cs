using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Template;

namespace PoIntake.Core.Totals;

/// <summary>
/// The totals as a Swedish workbook laid out like the tables of Socialstyrelsen's annual status report.
/// Counts of 1–3 are shown as "&lt;4" here (only here: the JSON is exact). The structural columns of Tabell 1 and
/// the waiting-time table (kommuner, verksamheter) are shown exactly, as in the published report.
/// </summary>
public sealed class TotalsXlsxExporter
{
    public const string Suppressed = "<4";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string SuppressionNote = "Antal 1–3 visas som <4.";

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
        foreach (var (label, ages, total) in Dimensions.Genders
            .Select(g => (g.Label, clients.ByGenderAndAgeGroup[g.Value], clients.ByGender[g.Value]))
            .Append((WorkbookLabels.Total, clients.ByAgeGroup, clients.Total)))
        {
            sheet.Cell(row, 1).SetValue(label);
            Counts(sheet, row, 2, [.. ages.Values, total]);
            row++;
        }

        TotalRow(sheet, row - 1, WorkbookLabels.Total);
        row++;
        Header(sheet, row++, string.Empty, "Antal");
        foreach (var (label, value) in new[] { (WorkbookLabels.Clients.New, clients.New), (WorkbookLabels.Clients.Ended, clients.Ended) })
        {
            sheet.Cell(row, 1).SetValue(label);
            Count(sheet.Cell(row++, 2), value);
        }

        row++;
        sheet.Cell(row++, 1).SetValue(WorkbookLabels.Clients.WithChildrenTitle);
        Header(sheet, row++, GenderHeader(string.Empty));
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Clients.WithChildrenRow);
        GenderCounts(sheet, row, clients.WithChildrenAtHome);
        Widths(sheet, 44, 14, 14, 14, 14, 14);
    }

    private static void ContactReasons(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Kontaktorsaker efter kön {totals.Year}");
        Header(sheet, row++, GenderHeader("Kontaktorsak"));
        foreach (var (reason, value) in totals.ContactReasons)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.ContactReasons.Label(reason));
            GenderCounts(sheet, row++, value);
        }

        Widths(sheet, 44, 14, 14, 22, 14);
    }

    private static void Waiting(IXLWorksheet sheet, NationalTotals totals)
    {
        var row = Title(sheet, $"Väntetid per län {totals.Year}");
        Header(sheet, row++, "Län", "Kommuner som erbjuder PO", "Antal verksamheter", "Verksamheter med väntetid", "Längsta väntetid (dagar)", "Median väntetid (dagar)");
        foreach (var county in totals.Counties)
        {
            sheet.Cell(row, 1).SetValue(county.Name);
            sheet.Cell(row, 2).SetValue(county.MunicipalitiesOfferingPo);
            sheet.Cell(row, 3).SetValue(county.Operations);
            Count(sheet.Cell(row, 4), county.OperationsWithWaitingTime);
            Optional(sheet.Cell(row, 5), county.MaxEstimatedWaitingDays);
            Optional(sheet.Cell(row, 6), county.MedianEstimatedWaitingDays);
            row++;
        }

        TotalRow(sheet, row, "Riket");
        sheet.Cell(row, 2).SetValue(totals.Municipalities.OfferingPo);
        sheet.Cell(row, 3).SetValue(totals.Operations);
        Count(sheet.Cell(row, 4), totals.WaitingTimes.OperationsWithWaitingTime);
        Optional(sheet.Cell(row, 5), totals.WaitingTimes.MaxEstimatedDays);
        Optional(sheet.Cell(row, 6), totals.WaitingTimes.MedianEstimatedDays);
        row += 2;

        sheet.Cell(row, 1).SetValue("Verksamheter med prioriteringsordning");
        Count(sheet.Cell(row++, 2), totals.Prioritisation.OperationsWithPriorityOrder);
        row++;
        Header(sheet, row++, "Prioriterad grupp", "Prioritet 1", "Prioritet 2", "Prioritet 3");
        foreach (var (group, ranks) in totals.Prioritisation.Groups)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.PriorityGroups.Label(group));
            Counts(sheet, row++, 2, ranks.First, ranks.Second, ranks.Third);
        }

        Widths(sheet, 58, 24, 18, 24, 24, 24);
    }

    private static void Management(IXLWorksheet sheet, NationalTotals totals)
    {
        var management = totals.ManagementGroups;
        var row = Title(sheet, $"Ledningsgrupper {totals.Year}");
        Header(sheet, row++, string.Empty, "Antal verksamheter");
        sheet.Cell(row, 1).SetValue("Fulltaliga ledningsgrupper");
        Count(sheet.Cell(row++, 2), management.Complete);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Management.DeficiencyRoutine);
        Count(sheet.Cell(row++, 2), management.WithDeficiencyRoutine);
        row++;
        Header(sheet, row++, "Saknade aktörer i ledningsgruppen", "Antal verksamheter");
        foreach (var (member, missing) in management.Missing)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.ManagementMembers.Label(member));
            Count(sheet.Cell(row++, 2), missing);
        }

        Widths(sheet, 56, 20);
    }

    private static void Deficiencies(IXLWorksheet sheet, TotalsResult result)
    {
        var totals = result.Totals;
        var row = Title(sheet, $"Systembrister per nivå och område {totals.Year}");
        Header(sheet, row++, [WorkbookLabels.Deficiencies.Level, .. Dimensions.DeficiencyAreas.Select(a => a.Label), WorkbookLabels.Total]);
        foreach (var (level, byArea) in result.DeficienciesByLevelAndArea)
        {
            sheet.Cell(row, 1).SetValue(Dimensions.DeficiencyLevels.Label(level));
            Counts(sheet, row++, 2, [.. byArea.Values, totals.SystemDeficiencies.ByLevel[level]]);
        }

        TotalRow(sheet, row, WorkbookLabels.Total);
        Counts(sheet, row, 2, [.. totals.SystemDeficiencies.ByArea.Values, totals.SystemDeficiencies.Total]);
        row += 2;

        sheet.Cell(row++, 1).SetValue("Brister på central nivå per län").Style.Font.SetBold();
        Header(sheet, row++, "Län", "Verksamhet", WorkbookLabels.Deficiencies.Area, WorkbookLabels.Deficiencies.Description, WorkbookLabels.Deficiencies.Consequence, WorkbookLabels.Deficiencies.Action);
        foreach (var text in result.CentralDeficiencies)
        {
            sheet.Cell(row, 1).SetValue(text.CountyName);
            sheet.Cell(row, 2).SetValue(text.OperationKey);
            sheet.Cell(row, 3).SetValue(AreaLabel(text.Area));
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
        var row = Title(sheet, $"Ekonomi och personal {totals.Year}", note: false);
        Header(sheet, row++, string.Empty, "Belopp / antal");
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Economy.Granted);
        Money(sheet.Cell(row++, 2), totals.Economy.GrantedSek);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Economy.Spent);
        Money(sheet.Cell(row++, 2), totals.Economy.SpentSek);
        sheet.Cell(row, 1).SetValue(WorkbookLabels.Ombud.Count);
        Count(sheet.Cell(row++, 2), totals.Ombud.Total);
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
            sheet.Cell(2, 1).SetValue(SuppressionNote).Style.Font.SetItalic();
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

    private static void Counts(IXLWorksheet sheet, int row, int firstColumn, params int[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Count(sheet.Cell(row, firstColumn + i), values[i]);
        }
    }

    private static void Count(IXLCell cell, int value)
    {
        if (value is >= 1 and <= 3)
        {
            cell.SetValue(Suppressed);
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
        else
        {
            cell.SetValue(value);
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

    private static string AreaLabel(string id) =>
        Dimensions.DeficiencyAreas.TryFindId(id, out var area) ? Dimensions.DeficiencyAreas.Label(area) : id;

    private static string[] GenderHeader(string first) => [first, .. Dimensions.Genders.Select(g => g.Label), WorkbookLabels.Total];

    private static void GenderCounts(IXLWorksheet sheet, int row, GenderTotals counts) =>
        Counts(sheet, row, 2, [.. counts.Counts.Values, counts.Total]);

    // AdjustToContents throws on Linux (no GDI fonts), so widths are set by hand.
    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }
}
