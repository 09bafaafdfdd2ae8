using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using PoIntake.Core.Template;

namespace PoIntake.Core.Grants;

/// <summary>
/// <see cref="GrantFigures"/> as csv (tidy <c>measure,dimensions,value</c>, like the totals) and as a Swedish workbook
/// (sheets Anslag, Län, Granskning) that prints like every other PoIntake workbook.
/// </summary>
public static class GrantFiguresExporter
{
    public const string CsvHeader = "measure,dimensions,value";

    public static byte[] Csv(GrantFigures figures)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        void Add(string measure, string dimensions, decimal? value) =>
            text.Append(measure).Append(',').Append(dimensions).Append(',')
                .Append(value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');

        var appropriation = figures.Appropriation;
        Add("grantsSek", string.Empty, appropriation.GrantsSek);
        Add("fixedAmountPerFullTimeEquivalentSek", string.Empty, appropriation.FixedAmountPerFullTimeEquivalentSek);
        Add("highestAmountPerFullTimeEquivalentSek", string.Empty, appropriation.HighestAmountPerFullTimeEquivalentSek);
        Add("distributedSek", string.Empty, appropriation.DistributedSek);
        Add("undistributedSek", string.Empty, appropriation.UndistributedSek);
        // Which source the anslag and fixed amount came from (no value: the dimension says it).
        Add("appropriationSource", "source=" + appropriation.Source + (appropriation.NationalFiguresVersion is { } version ? ";version=" + version : string.Empty), null);
        var national = figures.National;
        Add("countiesWithRegister", string.Empty, national.CountiesWithRegister);
        Add("applications", string.Empty, national.Applications);
        Add("applicationsGranted", string.Empty, national.Granted);
        Add("applicationsRefused", string.Empty, national.Refused);
        Add("applicationsPending", string.Empty, national.Pending);
        Add("appliedFullTimeEquivalents", string.Empty, national.AppliedFullTimeEquivalents);
        Add("grantedFullTimeEquivalents", string.Empty, national.GrantedFullTimeEquivalents);
        Add("grantedSek", string.Empty, national.GrantedSek);
        Add("paidSek", string.Empty, national.PaidSek);
        foreach (var county in figures.Counties.Where(c => c.HasRegister))
        {
            var dimension = "county=" + county.CountyCode;
            Add("applications", dimension, county.Applications);
            Add("appliedFullTimeEquivalents", dimension, county.AppliedFullTimeEquivalents);
            Add("grantedFullTimeEquivalents", dimension, county.GrantedFullTimeEquivalents);
            Add("distributedSek", dimension, county.DistributedSek);
            Add("grantedSek", dimension, county.GrantedSek);
            Add("paidSek", dimension, county.PaidSek);
        }

        foreach (var operation in figures.Operations)
        {
            var dimension = $"county={operation.CountyCode};operation={operation.OperationKey}";
            Add("grantedSek", dimension, operation.GrantedSek);
            Add("reportedGrantedSek", dimension, operation.ReportedGrantedSek);
            Add("spentSek", dimension, operation.SpentSek);
            Add("unspentSekForReview", dimension, operation.UnspentSek);
            Add("grantedFullTimeEquivalents", dimension, operation.GrantedFullTimeEquivalents);
            Add("reportedFullTimeEquivalents", dimension, operation.ReportedFullTimeEquivalents);
            Add("fullTimeEquivalentsBelowGrantedForReview", dimension, operation.FullTimeEquivalentsBelowGranted ? 1 : 0);
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    public static byte[] Xlsx(GrantFigures figures)
    {
        using var workbook = new XLWorkbook();
        Appropriation(workbook.AddWorksheet("Anslag"), figures);
        Counties(workbook.AddWorksheet("Län"), figures);
        Review(workbook.AddWorksheet("Granskning"), figures);
        WorkbookPrintSetup.Apply(workbook, _ => 3);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Appropriation(IXLWorksheet sheet, GrantFigures figures)
    {
        Title(sheet, $"Statsbidrag till personligt ombud {figures.Year}: anslag och belopp per årsanställning");
        Header(sheet, 3, "Uppgift", "Värde");
        var a = figures.Appropriation;
        var n = figures.National;
        (string Label, decimal? Value, string Format)[] rows =
        [
            ("Anslag för ombudstjänster (kr)", a.GrantsSek, Kronor),
            ("Sökta ombudstjänster (årsarbetare)", n.AppliedFullTimeEquivalents, Fte),
            ("Beviljade årsarbetare", n.GrantedFullTimeEquivalents, Fte),
            ("Högsta belopp per årsanställning som anslaget medger (kr)", a.HighestAmountPerFullTimeEquivalentSek, Kronor),
            ("Belopp per årsanställning som Socialstyrelsen fastställt (kr)", a.FixedAmountPerFullTimeEquivalentSek, Kronor),
            ("Fördelas: fastställt belopp × beviljade årsarbetare (kr)", a.DistributedSek, Kronor),
            ("Ej fördelat av anslaget (kr)", a.UndistributedSek, Kronor),
            ("Ansökningar", n.Applications, Count),
            ("Beviljade", n.Granted, Count),
            ("Avslag", n.Refused, Count),
            ("Ej beslutade", n.Pending, Count),
            ("Beviljat av länsstyrelserna (kr)", n.GrantedSek, Kronor),
            ("Utbetalt av länsstyrelserna (kr)", n.PaidSek, Kronor),
            ("Län med inlämnat bidragsregister", n.CountiesWithRegister, Count),
        ];
        var row = 4;
        foreach (var (label, value, format) in rows)
        {
            sheet.Cell(row, 1).SetValue(label);
            Value(sheet.Cell(row, 2), value, format);
            row++;
        }

        sheet.Cell(row + 1, 1).SetValue("Belopp avrundas till hela kronor (halva kronor uppåt); högsta belopp per årsanställning avrundas nedåt så att det ryms i anslaget.");
        sheet.Cell(row + 2, 1).SetValue(SourceText(a));
        Widths(sheet, 62, 20);
    }

    private static void Counties(IXLWorksheet sheet, GrantFigures figures)
    {
        Title(sheet, $"Ansökningar, beviljat och utbetalt per län {figures.Year}");
        Header(sheet, 3, "Län", "Register inlämnat", "Ansökningar", "Sökta ombudstjänster", "Fördelas (kr)", "Beviljat (kr)", "Utbetalt (kr)", "Beviljade årsarbetare");
        var row = 4;
        foreach (var county in figures.Counties)
        {
            sheet.Cell(row, 1).SetValue(county.CountyName);
            sheet.Cell(row, 2).SetValue(county.HasRegister ? "Ja" : "Nej");
            Value(sheet.Cell(row, 3), county.Applications, Count);
            Value(sheet.Cell(row, 4), county.AppliedFullTimeEquivalents, Fte);
            Value(sheet.Cell(row, 5), county.DistributedSek, Kronor);
            Value(sheet.Cell(row, 6), county.GrantedSek, Kronor);
            Value(sheet.Cell(row, 7), county.PaidSek, Kronor);
            Value(sheet.Cell(row, 8), county.GrantedFullTimeEquivalents, Fte);
            row++;
        }

        sheet.Cell(row, 1).SetValue("Riket").Style.Font.Bold = true;
        Value(sheet.Cell(row, 3), figures.National.Applications, Count);
        Value(sheet.Cell(row, 4), figures.National.AppliedFullTimeEquivalents, Fte);
        Value(sheet.Cell(row, 5), figures.Appropriation.DistributedSek, Kronor);
        Value(sheet.Cell(row, 6), figures.National.GrantedSek, Kronor);
        Value(sheet.Cell(row, 7), figures.National.PaidSek, Kronor);
        Value(sheet.Cell(row, 8), figures.National.GrantedFullTimeEquivalents, Fte);
        Widths(sheet, 20, 18, 18, 18, 18, 18, 18, 18);
    }

    private static void Review(IXLWorksheet sheet, GrantFigures figures)
    {
        Title(sheet, $"Beviljat och förbrukat per verksamhet {figures.Year}");
        Header(sheet, 3, "Län", "Verksamhet", "Beviljat enligt register (kr)", "Beviljat enligt redovisning (kr)", "Förbrukat (kr)", "Att granska (kr)", "Redovisning",
            "Beviljade årsarbetare", "Redovisade årsarbetare", "Färre årsarbetare än beviljat");
        var countyNames = figures.Counties.ToDictionary(c => c.CountyCode, c => c.CountyName, StringComparer.Ordinal);
        var row = 4;
        foreach (var operation in figures.Operations)
        {
            sheet.Cell(row, 1).SetValue(countyNames.GetValueOrDefault(operation.CountyCode, operation.CountyCode));
            sheet.Cell(row, 2).SetValue(operation.OperationName);
            Value(sheet.Cell(row, 3), operation.GrantedSek, Kronor);
            Value(sheet.Cell(row, 4), operation.ReportedGrantedSek, Kronor);
            Value(sheet.Cell(row, 5), operation.SpentSek, Kronor);
            Value(sheet.Cell(row, 6), operation.UnspentSek, Kronor);
            sheet.Cell(row, 7).SetValue(!operation.ReportReceived ? "Saknas" : operation.NilReturn ? "Ingen verksamhet" : "Inkommen");
            Value(sheet.Cell(row, 8), operation.GrantedFullTimeEquivalents, Fte);
            Value(sheet.Cell(row, 9), operation.ReportedFullTimeEquivalents, Fte);
            sheet.Cell(row, 10).SetValue(operation.FullTimeEquivalentsBelowGranted ? "Ja, att granska" : string.Empty);
            row++;
        }

        var note = sheet.Cell(row + 1, 1);
        note.SetValue(figures.RepaymentNote);
        sheet.Range(row + 1, 1, row + 1, 10).Merge().Style.Alignment.WrapText = true;
        sheet.Row(row + 1).Height = 48;
        Widths(sheet, 20, 36, 18, 18, 18, 18, 18, 14, 14, 16);
    }

    private const string Kronor = "#,##0";
    private const string Fte = "0.00";
    private const string Count = "0";

    /// <summary>The Swedish sentence naming where the anslag and the fixed amount came from.</summary>
    public static string SourceText(AppropriationFigures appropriation) => appropriation.Source switch
    {
        ResolvedAppropriation.FromNationalFigures =>
            $"Källa för anslag och fastställt belopp: Socialstyrelsens inlagda uppgifter (version {appropriation.NationalFiguresVersion}).",
        ResolvedAppropriation.FromSettings =>
            "Källa för anslag och fastställt belopp: tjänstens inställningar (Appropriation); Socialstyrelsen har inte lagt in uppgifter för året.",
        _ => "Anslag och fastställt belopp saknas för året: varken Socialstyrelsens inlagda uppgifter eller tjänstens inställningar anger dem.",
    };

    private static void Title(IXLWorksheet sheet, string title)
    {
        sheet.Cell(1, 1).SetValue(title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
    }

    private static void Header(IXLWorksheet sheet, int row, params string[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.SetValue(labels[i]);
            cell.Style.Font.Bold = true;
            cell.Style.Alignment.WrapText = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
        }
    }

    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var column = 1; column <= widths.Length; column++)
        {
            sheet.Column(column).Width = widths[column - 1];
        }
    }

    private static void Value(IXLCell cell, decimal? value, string format)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
            cell.Style.NumberFormat.Format = format;
        }
    }
}
