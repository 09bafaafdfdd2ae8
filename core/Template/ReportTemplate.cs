using ClosedXML.Excel;
using PoIntake.Core.Intake;
using L = PoIntake.Core.Intake.WorkbookLabels;
using Layout = PoIntake.Core.Template.TemplateLayout;

namespace PoIntake.Core.Template;

/// <summary>The blank annual report workbook that county boards send to each verksamhet (docs/workbook-contract.md).</summary>
public static class ReportTemplate
{
    internal static readonly XLColor InputFill = XLColor.FromHtml("#FFF2CC");
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#D9E1F2");
    private static readonly XLColor TotalFill = XLColor.FromHtml("#EDEDED");

    /// <summary>"4 000 tecken": the free-text limit of <see cref="ContractLimits.MaxLongText"/> as every hint says it.</summary>
    private static readonly string LongTextLimit = ContractLimits.MaxLongText.ToString("#,0", new System.Globalization.NumberFormatInfo { NumberGroupSeparator = " ", NumberGroupSizes = [3] }) + " tecken";

    /// <summary>The template of <paramref name="year"/>; <paramref name="themeQuestion"/> is the year's theme (<see cref="TemplateOptions"/>), none = no theme rows.</summary>
    public static byte[] Write(int year, string? themeQuestion = null)
    {
        using var workbook = Create(year, themeQuestion);
        return ToBytes(workbook);
    }

    public static XLWorkbook Create(int year, string? themeQuestion = null)
    {
        var workbook = new XLWorkbook();
        workbook.Properties.Author = "PoIntake";
        workbook.Properties.Title = $"Årsredovisning personligt ombud {year}";
        var instructions = workbook.AddWorksheet(L.Sheets.Instructions);
        var operation = workbook.AddWorksheet(L.Sheets.Operation);
        var ombud = workbook.AddWorksheet(L.Sheets.Ombud);
        var clients = workbook.AddWorksheet(L.Sheets.Clients);
        var reasons = workbook.AddWorksheet(L.Sheets.ContactReasons);
        var waiting = workbook.AddWorksheet(L.Sheets.Waiting);
        var management = workbook.AddWorksheet(L.Sheets.Management);
        var deficiencies = workbook.AddWorksheet(L.Sheets.Deficiencies);
        var economy = workbook.AddWorksheet(L.Sheets.Economy);
        var followUp = L.ContractYears.Asks(L.ContractYears.FollowUp, year) ? workbook.AddWorksheet(L.Sheets.FollowUp) : null;
        var lists = new Lists(workbook.AddWorksheet(L.Sheets.Lists));

        WriteInstructions(instructions, year);
        WriteOperation(operation, lists, year);
        WriteOmbud(ombud);
        WriteClients(clients);
        WriteContactReasons(reasons);
        WriteWaiting(waiting, lists);
        WriteManagement(management, lists);
        WriteDeficiencies(deficiencies, lists);
        WriteEconomy(economy);
        if (followUp is not null)
        {
            WriteFollowUp(followUp, lists, themeQuestion);
        }

        // Printed to collect the figures by hand: the title and hint repeat, and the deficiency table its header.
        WorkbookPrintSetup.Apply(workbook, sheet => sheet == deficiencies ? Layout.Deficiencies.HeaderRow : sheet == instructions ? 0 : Layout.HintRow);
        instructions.SetTabActive();
        return workbook;
    }

    internal static byte[] ToBytes(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteInstructions(IXLWorksheet sheet, int year)
    {
        string[] lines =
        [
            $"Årsredovisning av verksamhet med personligt ombud {year}",
            "",
            "Vem fyller i?",
            "Varje verksamhet med personligt ombud (en kommun eller flera kommuner tillsammans) fyller i en egen arbetsbok.",
            "Arbetsboken skickas till länsstyrelsen senast den 15 januari året efter redovisningsåret (förordning (2013:522), 10 §).",
            "",
            "Så fyller du i",
            "• Fyll bara i de gula cellerna. Ändra inte flikarnas namn eller texterna i kolumn A och i rubrikraderna.",
            L.ContractYears.Asks(L.ContractYears.FollowUp, year)
                ? "• Flikarna Verksamhet, Ombud, Klienter, Kontaktorsaker, Väntetid, Ledningsgrupp, Systembrister, Ekonomi och Uppföljning ska fyllas i."
                : "• Flikarna Verksamhet, Ombud, Klienter, Kontaktorsaker, Väntetid, Ledningsgrupp, Systembrister och Ekonomi ska fyllas i.",
            "• Skriv antal som hela tal (till exempel 1 007). Årsarbetare och kronor får ha decimaler (till exempel 3,5).",
            "• En tom cell i en tabell räknas som 0. Ett tomt obligatoriskt fält är ett fel.",
            "• Välj Ja eller Nej, län, driftform, organisationsform, nivå och område i listorna som visas när du markerar cellen.",
            "• Kommuner som omfattas: skriv kommunernas namn eller kommunkoder, åtskilda med kommatecken.",
            "• Kolumnen och raden Totalt räknas ut automatiskt. Skriver du över dem måste de stämma med summan.",
            $"• Systembrister: en brist per rad. Fyll i nivå, område och brist; konsekvens och åtgärd om de finns. Högst {LongTextLimit} per cell.",
            "",
            "Vad betyder markeringarna?",
            "• Gul cell med ram: här fyller du i.",
            "• Blå cell: rubrik. Grå cell: summa som räknas ut automatiskt.",
            "• En liten pil vid cellen: välj ett värde i listan.",
            "",
            "Ingen verksamhet under året",
            "Om verksamheten inte bedrevs under året (till exempel lades ned innan den kom i gång): fyll i fliken Verksamhet,",
            "välj Nej vid \"Verksamhet bedrevs under året\" och lämna de andra flikarna tomma. Redovisningen räknas då som inlämnad.",
            "",
            "Frågor",
            "Kontakta handläggaren för personligt ombud på din länsstyrelse.",
        ];

        for (var i = 0; i < lines.Length; i++)
        {
            sheet.Cell(i + 1, 1).Value = lines[i];
        }

        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        foreach (var heading in new[] { 3, 7, 17, 22, 26 })
        {
            sheet.Cell(heading, 1).Style.Font.Bold = true;
        }

        sheet.Column(1).Width = 120;
        // Wrapped within the column, so no line runs past the print area and is cut off on paper.
        sheet.Range(1, 1, lines.Length, 1).Style.Alignment.WrapText = true;
    }

    private static void WriteOperation(IXLWorksheet sheet, Lists lists, int year)
    {
        Title(sheet, "Uppgifter om verksamheten", "Fyll i de gula cellerna. Lämna Verksamhet bedrevs under året tom om verksamheten bedrevs.");
        foreach (var label in Layout.Operation.Labels.Where(l => l != L.Operation.District || L.ContractYears.Asks(L.ContractYears.District, year)))
        {
            Label(sheet.Cell(Layout.Operation.Row(label), Layout.LabelColumn), label);
            MarkInput(sheet.Cell(Layout.Operation.Row(label), Layout.ValueColumn));
        }

        IXLCell Value(string label) => sheet.Cell(Layout.Operation.Row(label), Layout.ValueColumn);

        Value(L.Operation.Year).Value = year;
        var yearRule = Value(L.Operation.Year).SetDataValidation();
        yearRule.WholeNumber.Between(ContractLimits.FirstYear, ContractLimits.LastYear);
        Explain(yearRule, L.Operation.Year, "Året som redovisningen gäller, fyra siffror.");

        Explain(lists.Apply(Value(L.Operation.County), Layout.Lists.County), L.Operation.County, "Välj länet där verksamheten finns.");
        Value(L.Operation.Municipalities).Style.Alignment.WrapText = true;
        sheet.Row(Layout.Operation.Row(L.Operation.Municipalities)).Height = 45;
        Explain(Value(L.Operation.Municipalities).SetDataValidation(), "Kommuner", "Kommunernas namn eller kommunkoder, åtskilda med kommatecken.");
        Explain(lists.Apply(Value(L.Operation.OperatingForm), Layout.Lists.OperatingForm), L.Operation.OperatingForm, "Kommunal regi eller Annan utförare.");
        Explain(Value(L.Operation.ProviderName).SetDataValidation(), "Utförare", "Fylls i när driftformen är Annan utförare.");
        Explain(lists.Apply(Value(L.Operation.OrganisationForm), Layout.Lists.OrganisationForm), L.Operation.OrganisationForm, "Fylls i när driftformen är Annan utförare.");
        Explain(Value(L.Operation.Email).SetDataValidation(), L.Operation.Email, "Kontaktpersonens e-postadress.");
        Explain(lists.Apply(Value(L.Operation.Active), Layout.Lists.YesNo), "Verksamhet under året", "Lämna tom eller välj Ja om verksamheten bedrevs. Nej = ingen verksamhet under året.");
        if (L.ContractYears.Asks(L.ContractYears.District, year))
        {
            Explain(Value(L.Operation.District).SetDataValidation(), "Stadsdel", "Fylls bara i när verksamheten omfattar en eller flera stadsdelar eller en del av kommunen, t.ex. Norrmalm. Lämna tom när verksamheten omfattar hela kommunen.");
        }

        sheet.Column(1).Width = 38;
        sheet.Column(2).Width = 60;
    }

    private static void WriteOmbud(IXLWorksheet sheet)
    {
        Title(sheet, "Personliga ombud", "Antal personer som arbetade som personligt ombud under året, efter kön.");
        var layout = new GenderTable(sheet, Layout.Ombud.HeaderRow, L.Sheets.Ombud);
        layout.AddRow(Layout.Ombud.CountRow, L.Ombud.Count);
        layout.AddRow(Layout.Ombud.SupervisionRow, L.Ombud.WithSupervision);

        Label(sheet.Cell(Layout.Ombud.FullTimeEquivalentsRow, Layout.LabelColumn), L.Ombud.FullTimeEquivalents);
        var fte = MarkInput(sheet.Cell(Layout.Ombud.FullTimeEquivalentsRow, Layout.ValueColumn));
        fte.Style.NumberFormat.Format = "0.0#";
        var rule = fte.SetDataValidation();
        rule.Decimal.EqualOrGreaterThan(0);
        Explain(rule, "Årsarbetare", "Antal årsarbetare (heltidstjänster), decimaler tillåtna.");

        sheet.Column(1).Width = 44;
        SetWidths(sheet, 2, 4, 16);
        sheet.Column(Layout.Ombud.TotalColumn).Width = 12;
    }

    private static void WriteClients(IXLWorksheet sheet)
    {
        Title(sheet, L.Sheets.Clients, "Alla klienter under året, efter kön och ålder.");
        var header = Layout.Clients.AgeHeaderRow;
        Header(sheet.Cell(header, 1), L.Clients.ByGenderAndAgeTitle);
        foreach (var (ageGroup, label) in L.AgeGroups)
        {
            Header(sheet.Cell(header, Layout.AgeColumn(ageGroup)), label);
        }

        var total = Layout.Clients.AgeTotalColumn;
        Header(sheet.Cell(header, total), L.Total);
        var first = Layout.AgeColumn(L.AgeGroups[0].Value);
        var last = Layout.AgeColumn(L.AgeGroups[^1].Value);
        foreach (var (gender, label) in L.Genders)
        {
            var row = Layout.GenderRow(gender);
            Label(sheet.Cell(row, 1), label);
            CountInputs(sheet.Range(row, first, row, last));
            SumCell(sheet.Cell(row, total), sheet.Range(row, first, row, last));
        }

        var totalRow = Layout.Clients.AgeTotalRow;
        Label(sheet.Cell(totalRow, 1), L.Total).Style.Font.Bold = true;
        for (var column = first; column <= total; column++)
        {
            SumCell(sheet.Cell(totalRow, column), sheet.Range(Layout.Clients.FirstGenderRow, column, totalRow - 1, column));
        }

        foreach (var (row, label) in new[] { (Layout.Clients.NewRow, L.Clients.New), (Layout.Clients.EndedRow, L.Clients.Ended) })
        {
            Label(sheet.Cell(row, 1), label);
            CountInputs(sheet.Range(row, Layout.ValueColumn, row, Layout.ValueColumn));
        }

        var children = new GenderTable(sheet, Layout.Clients.ChildrenHeaderRow, L.Clients.WithChildrenTitle);
        children.AddRow(Layout.Clients.ChildrenRow, L.Clients.WithChildrenRow);

        sheet.Column(1).Width = 48;
        SetWidths(sheet, 2, total, 16);
    }

    private static void WriteContactReasons(IXLWorksheet sheet)
    {
        Title(sheet, "Kontaktorsaker", "Varför nya klienter under året tog kontakt. En klient kan ha flera orsaker.");
        var table = new GenderTable(sheet, Layout.ContactReasons.HeaderRow, "Kontaktorsak");
        foreach (var (reason, label) in L.ContactReasons)
        {
            table.AddRow(Layout.ReasonRow(reason), label);
        }

        sheet.Column(1).Width = 44;
        SetWidths(sheet, 2, 4, 16);
        sheet.Column(Layout.ContactReasons.TotalColumn).Width = 12;
    }

    private static void WriteWaiting(IXLWorksheet sheet, Lists lists)
    {
        Title(sheet, "Väntetid och prioritering", "Ange Ja eller Nej. Uppskattad väntetid anges i dagar när det finns väntetid.");
        Label(sheet.Cell(Layout.Waiting.HasWaitingTimeRow, 1), L.Waiting.HasWaitingTime);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.Waiting.HasWaitingTimeRow, 2)), Layout.Lists.YesNo), L.Sheets.Waiting, "Fick nya klienter vänta under året?");
        Label(sheet.Cell(Layout.Waiting.EstimatedDaysRow, 1), L.Waiting.EstimatedDays);
        CountInputs(sheet.Range(Layout.Waiting.EstimatedDaysRow, 2, Layout.Waiting.EstimatedDaysRow, 2));
        Label(sheet.Cell(Layout.Waiting.HasPriorityOrderRow, 1), L.Waiting.HasPriorityOrder);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.Waiting.HasPriorityOrderRow, 2)), Layout.Lists.YesNo), "Prioriteringsordning", "Finns en prioriteringsordning för nya klienter?");

        Header(sheet.Cell(Layout.Waiting.PriorityHeaderRow, 1), L.Waiting.PriorityTableTitle);
        Header(sheet.Cell(Layout.Waiting.PriorityHeaderRow, 2), L.Waiting.PriorityHeader);
        foreach (var (group, label) in L.PriorityGroups)
        {
            var row = Layout.PriorityRow(group);
            Label(sheet.Cell(row, 1), label);
            var cell = MarkInput(sheet.Cell(row, 2));
            var rule = cell.SetDataValidation();
            rule.WholeNumber.Between(1, 3);
            Explain(rule, "Prioritet", "1, 2 eller 3, bara om prioriteringsordning finns. Lämna tom om gruppen inte prioriteras.");
        }

        sheet.Column(1).Width = 60;
        sheet.Column(2).Width = 16;
    }

    private static void WriteManagement(IXLWorksheet sheet, Lists lists)
    {
        Title(sheet, L.Sheets.Management, "Ange för varje part om den är representerad i ledningsgruppen.");
        Header(sheet.Cell(Layout.Management.HeaderRow, 1), "Part");
        Header(sheet.Cell(Layout.Management.HeaderRow, 2), L.Management.RepresentedHeader);
        foreach (var (member, label) in L.ManagementMembers)
        {
            var row = Layout.MemberRow(member);
            Label(sheet.Cell(row, 1), label);
            Explain(lists.Apply(MarkInput(sheet.Cell(row, 2)), Layout.Lists.YesNo), L.Management.RepresentedHeader, "Ja eller Nej.");
        }

        Label(sheet.Cell(Layout.Management.MeetingsRow, 1), L.Management.Meetings);
        CountInputs(sheet.Range(Layout.Management.MeetingsRow, 2, Layout.Management.MeetingsRow, 2));
        Label(sheet.Cell(Layout.Management.RoutineRow, 1), L.Management.DeficiencyRoutine);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.Management.RoutineRow, 2)), Layout.Lists.YesNo), "Rutin", "Ja eller Nej.");

        sheet.Column(1).Width = 56;
        sheet.Column(2).Width = 16;
    }

    private static void WriteDeficiencies(IXLWorksheet sheet, Lists lists)
    {
        Title(sheet, L.Sheets.Deficiencies, $"En brist per rad: nivå, område och brist är obligatoriska. Högst {LongTextLimit} per cell. Fler rader får läggas till.");
        var headers = Layout.Deficiencies.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            Header(sheet.Cell(Layout.Deficiencies.HeaderRow, i + 1), headers[i]);
        }

        var first = Layout.Deficiencies.FirstDataRow;
        var last = first + Layout.Deficiencies.MarkedRows - 1;
        var inputs = sheet.Range(first, 1, last, headers.Count);
        MarkInput(inputs);
        inputs.Style.Alignment.WrapText = true;
        inputs.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        Explain(lists.Apply(sheet.Range(first, 1, last, 1), Layout.Lists.DeficiencyLevel), L.Deficiencies.Level, "Handläggarnivå, Lokal nivå eller Central nivå.");
        Explain(lists.Apply(sheet.Range(first, 2, last, 2), Layout.Lists.DeficiencyArea), L.Deficiencies.Area, "Vilken myndighet eller verksamhet bristen gäller.");
        var text = sheet.Range(first, 3, last, 5).SetDataValidation();
        text.TextLength.EqualOrLessThan(L.Deficiencies.MaxTextLength);
        Explain(text, "Text", $"Högst {LongTextLimit}.");

        sheet.Column(1).Width = 18;
        sheet.Column(2).Width = 22;
        SetWidths(sheet, 3, 5, 50);
    }

    private static void WriteEconomy(IXLWorksheet sheet)
    {
        Title(sheet, L.Sheets.Economy, "Statsbidrag för personligt ombud under redovisningsåret, i kronor.");
        foreach (var (row, label) in new[] { (Layout.Economy.GrantedRow, L.Economy.Granted), (Layout.Economy.SpentRow, L.Economy.Spent) })
        {
            Label(sheet.Cell(row, 1), label);
            var cell = MarkInput(sheet.Cell(row, 2));
            cell.Style.NumberFormat.Format = "#,##0";
            var rule = cell.SetDataValidation();
            rule.Decimal.EqualOrGreaterThan(0);
            Explain(rule, "Kronor", "Belopp i kronor.");
        }

        sheet.Column(1).Width = 32;
        sheet.Column(2).Width = 18;
    }

    private static void WriteFollowUp(IXLWorksheet sheet, Lists lists, string? themeQuestion)
    {
        var f = Layout.FollowUp.ClientGroupChangesRow;
        Title(sheet, L.Sheets.FollowUp, $"Underlag till Socialstyrelsens lägesrapport. Fritexter högst {LongTextLimit}; de räknas inte ihop utan citeras och sammanfattas.");
        LongText(sheet, f, L.FollowUp.ClientGroupChanges, "Förändringar", "Vilka förändringar har ni sett i vilka som söker stöd under året?");

        Header(sheet.Cell(Layout.FollowUp.SourcesHeaderRow, 1), L.FollowUp.NewClientsTitle);
        Header(sheet.Cell(Layout.FollowUp.SourcesHeaderRow, 2), L.FollowUp.NewClientsHeader);
        foreach (var (source, label) in L.NewClientSources)
        {
            Label(sheet.Cell(Layout.SourceRow(source), 1), label);
            CountInputs(sheet.Range(Layout.SourceRow(source), 2, Layout.SourceRow(source), 2));
        }

        Header(sheet.Cell(Layout.FollowUp.OmbudHeaderRow, 1), L.FollowUp.OmbudTitle);
        Header(sheet.Cell(Layout.FollowUp.OmbudHeaderRow, 2), L.FollowUp.OmbudHeader);
        var ombudRows = L.SupervisionForms.Select(s => (Layout.SupervisionRow(s.Value), s.Label))
            .Append((Layout.FollowUp.FurtherTrainingRow, L.FollowUp.FurtherTraining))
            .Append((Layout.FollowUp.IntroductoryCourseRow, L.FollowUp.IntroductoryCourse))
            .Append((Layout.FollowUp.NewlyHiredRow, L.FollowUp.NewlyHired));
        foreach (var (row, label) in ombudRows)
        {
            Label(sheet.Cell(row, 1), label);
            CountInputs(sheet.Range(row, 2, row, 2));
        }

        LongText(sheet, Layout.FollowUp.UserInfluenceRow, L.FollowUp.UserInfluence, "Brukarinflytande", "Hur har brukarna inflytande över verksamheten (brukarråd, synpunkter, representation)?");
        Label(sheet.Cell(Layout.FollowUp.UserSurveyRow, 1), L.FollowUp.UserSurvey);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.FollowUp.UserSurveyRow, 2)), Layout.Lists.YesNo), "Brukarundersökning", "Ja eller Nej.");
        Label(sheet.Cell(Layout.FollowUp.ManagementGroupFormRow, 1), L.FollowUp.ManagementGroupForm);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.FollowUp.ManagementGroupFormRow, 2)), Layout.Lists.ManagementGroupForm), L.FollowUp.ManagementGroupForm, "Egen, gemensam med andra kommuner eller genom samordningsförbund.");
        Label(sheet.Cell(Layout.FollowUp.UserOrganisationsRow, 1), L.FollowUp.UserOrganisationsOffered);
        Explain(lists.Apply(MarkInput(sheet.Cell(Layout.FollowUp.UserOrganisationsRow, 2)), Layout.Lists.YesNo), "Brukarorganisationer", "Ja eller Nej (förordning (2013:522), 5 §).");
        sheet.Row(Layout.FollowUp.UserOrganisationsRow).Height = 30;
        sheet.Cell(Layout.FollowUp.UserOrganisationsRow, 1).Style.Alignment.WrapText = true;

        if (themeQuestion is not null)
        {
            Label(sheet.Cell(Layout.FollowUp.ThemeQuestionRow, 1), L.FollowUp.ThemeQuestion).Style.Font.Bold = true;
            var question = sheet.Cell(Layout.FollowUp.ThemeQuestionRow, 2);
            question.SetValue(themeQuestion);
            question.Style.Alignment.WrapText = true;
            sheet.Row(Layout.FollowUp.ThemeQuestionRow).Height = 30;
            LongText(sheet, Layout.FollowUp.ThemeAnswerRow, L.FollowUp.ThemeAnswer, "Temafråga", "Svara på årets temafråga ovan.");
        }

        sheet.Column(1).Width = 56;
        sheet.Column(2).Width = 70;
    }

    private static void LongText(IXLWorksheet sheet, int row, string label, string title, string message)
    {
        Label(sheet.Cell(row, 1), label).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        var cell = MarkInput(sheet.Cell(row, 2));
        cell.Style.Alignment.WrapText = true;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Row(row).Height = 75;
        var rule = cell.SetDataValidation();
        rule.TextLength.EqualOrLessThan(L.FollowUp.MaxTextLength);
        Explain(rule, title, $"{message} Högst {LongTextLimit}.");
    }

    private static void Title(IXLWorksheet sheet, string title, string hint)
    {
        var cell = sheet.Cell(Layout.TitleRow, 1);
        cell.Value = title;
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 13;
        var hintCell = sheet.Cell(Layout.HintRow, 1);
        hintCell.Value = hint;
        hintCell.Style.Font.Italic = true;
    }

    private static IXLCell Label(IXLCell cell, string label)
    {
        cell.SetValue(label);
        return cell;
    }

    private static void Header(IXLCell cell, string label)
    {
        cell.SetValue(label);
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = HeaderFill;
        cell.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        cell.Style.Alignment.WrapText = true;
    }

    private static IXLCell MarkInput(IXLCell cell)
    {
        MarkInput(cell.AsRange());
        return cell;
    }

    private static void MarkInput(IXLRange range)
    {
        range.Style.Fill.BackgroundColor = InputFill;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        range.Style.Protection.Locked = false;
    }

    private static void CountInputs(IXLRange range)
    {
        MarkInput(range);
        range.Style.NumberFormat.Format = "#,##0";
        var rule = range.SetDataValidation();
        rule.WholeNumber.EqualOrGreaterThan(0);
        Explain(rule, "Antal", "Ett helt tal, 0 eller mer.");
    }

    private static void SumCell(IXLCell cell, IXLRange range)
    {
        cell.FormulaA1 = $"SUM({range.RangeAddress.ToStringRelative()})";
        cell.Style.Fill.BackgroundColor = TotalFill;
        cell.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        cell.Style.NumberFormat.Format = "#,##0";
    }

    private static IXLDataValidation Explain(IXLDataValidation rule, string title, string message)
    {
        rule.InputTitle = title;
        rule.InputMessage = message;
        rule.ShowInputMessage = true;
        rule.ErrorStyle = XLErrorStyle.Warning;
        rule.ErrorTitle = title;
        rule.ErrorMessage = message;
        rule.ShowErrorMessage = true;
        rule.IgnoreBlanks = true;
        return rule;
    }

    private static void SetWidths(IXLWorksheet sheet, int firstColumn, int lastColumn, double width)
    {
        for (var column = firstColumn; column <= lastColumn; column++)
        {
            sheet.Column(column).Width = width;
        }
    }

    /// <summary>A table with the gender header (Kvinnor | Män | Annan könstillhörighet | Totalt) and count rows.</summary>
    private sealed class GenderTable
    {
        private readonly IXLWorksheet _sheet;

        public GenderTable(IXLWorksheet sheet, int headerRow, string corner)
        {
            _sheet = sheet;
            Header(sheet.Cell(headerRow, 1), corner);
            foreach (var (gender, label) in L.Genders)
            {
                Header(sheet.Cell(headerRow, Layout.GenderColumn(gender)), label);
            }

            Header(sheet.Cell(headerRow, TotalColumn), L.Total);
        }

        private static int First => Layout.GenderColumn(Gender.Women);

        private static int Last => Layout.GenderColumn(Gender.OtherGender);

        private static int TotalColumn => Last + 1;

        public void AddRow(int row, string label)
        {
            Label(_sheet.Cell(row, 1), label);
            var inputs = _sheet.Range(row, First, row, Last);
            CountInputs(inputs);
            SumCell(_sheet.Cell(row, TotalColumn), inputs);
        }
    }

    /// <summary>The hidden sheet the drop-downs read their choices from.</summary>
    private sealed class Lists
    {
        private readonly IXLWorksheet _sheet;
        private readonly Dictionary<int, IXLRange> _ranges = [];

        public Lists(IXLWorksheet sheet)
        {
            _sheet = sheet;
            Add(Layout.Lists.YesNo, "Ja/Nej", [L.Yes, L.No]);
            Add(Layout.Lists.County, L.Operation.County, Layout.Counties.Select(c => c.Name));
            Add(Layout.Lists.OperatingForm, L.Operation.OperatingForm, L.OperatingForms.Select(f => f.Label));
            Add(Layout.Lists.OrganisationForm, L.Operation.OrganisationForm, L.OrganisationForms.Select(f => f.Label));
            Add(Layout.Lists.DeficiencyLevel, L.Deficiencies.Level, L.DeficiencyLevels.Select(l => l.Label));
            Add(Layout.Lists.DeficiencyArea, L.Deficiencies.Area, L.DeficiencyAreas.Select(a => a.Label));
            Add(Layout.Lists.ManagementGroupForm, L.FollowUp.ManagementGroupForm, L.ManagementGroupForms.Select(f => f.Label));
            SetWidths(sheet, 1, Layout.Lists.ManagementGroupForm, 26);
            sheet.Visibility = XLWorksheetVisibility.Hidden;
        }

        public IXLDataValidation Apply(IXLCell cell, int listColumn) => Apply(cell.AsRange(), listColumn);

        public IXLDataValidation Apply(IXLRange range, int listColumn)
        {
            var rule = range.SetDataValidation();
            rule.List(_ranges[listColumn], true);
            return rule;
        }

        private void Add(int column, string header, IEnumerable<string> values)
        {
            _sheet.Cell(1, column).Value = header;
            var row = 2;
            foreach (var value in values)
            {
                _sheet.Cell(row++, column).SetValue(value);
            }

            _ranges[column] = _sheet.Range(2, column, row - 1, column);
        }
    }
}
