using ClosedXML.Excel;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using static PoIntake.Tests.Template.WorkbookReading;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Template;

public sealed class ReportTemplateTests
{
    private static readonly XLColor LightYellow = XLColor.FromHtml("#FFF2CC");

    private static readonly string[] ContractSheets =
    [
        L.Sheets.Operation, L.Sheets.Ombud, L.Sheets.Clients, L.Sheets.ContactReasons,
        L.Sheets.Waiting, L.Sheets.Management, L.Sheets.Deficiencies, L.Sheets.Economy, L.Sheets.FollowUp,
    ];

    private static readonly string[] GenderHeader = [.. L.Genders.Select(g => g.Label)];

    private static readonly Lazy<byte[]> Template2025 = new(() => ReportTemplate.Write(2025));

    private static XLWorkbook OpenTemplate() => Open(Template2025.Value);

    [Fact]
    public void Write_HasInstructionsFirstThenEveryContractSheetAndHiddenLists()
    {
        using var workbook = OpenTemplate();

        var names = workbook.Worksheets.Select(w => w.Name).ToList();
        Assert.Equal([L.Sheets.Instructions, .. ContractSheets, L.Sheets.Lists], names);
        Assert.Equal(XLWorksheetVisibility.Hidden, workbook.Worksheet(L.Sheets.Lists).Visibility);
        Assert.All(ContractSheets, s => Assert.Equal(XLWorksheetVisibility.Visible, workbook.Worksheet(s).Visibility));
    }

    [Fact]
    public void Write_YearBeforeTheSheetWasAsked_HasNoUppfoljningAndNoStadsdel()
    {
        using var workbook = Open(ReportTemplate.Write(2020));

        Assert.False(workbook.Worksheets.Contains(L.Sheets.FollowUp));
        Assert.DoesNotContain(workbook.Worksheet(L.Sheets.Operation).CellsUsed(), c => c.GetString() == L.Operation.District);
    }

    [Fact]
    public void Write_ThemeQuestionOfTheYear_IsWrittenAboveItsAnswerCell()
    {
        using var workbook = Open(ReportTemplate.Write(2021, DefaultThemeQuestions.Pandemic2021));
        using var without = Open(ReportTemplate.Write(2022));

        var sheet = workbook.Worksheet(L.Sheets.FollowUp);
        var question = sheet.CellsUsed().Single(c => c.GetString() == L.FollowUp.ThemeQuestion);
        Assert.Equal(DefaultThemeQuestions.Pandemic2021, question.CellRight().GetString());
        Assert.Equal(L.FollowUp.ThemeAnswer, sheet.Cell(question.Address.RowNumber + 1, 1).GetString());
        Assert.DoesNotContain(without.Worksheet(L.Sheets.FollowUp).CellsUsed(), c => c.GetString() == L.FollowUp.ThemeAnswer);
        Assert.Equal(DefaultThemeQuestions.Pandemic2021, new TemplateOptions().ThemeQuestion(2021));
        Assert.Null(new TemplateOptions().ThemeQuestion(2022));
    }

    [Fact]
    public void Write_InstructionsExplainDeadlineMarksAndNilReturn()
    {
        using var workbook = OpenTemplate();

        var text = string.Join("\n", workbook.Worksheet(L.Sheets.Instructions).CellsUsed().Select(c => c.GetString()));
        Assert.Contains("15 januari", text, StringComparison.Ordinal);
        Assert.Contains("gula", text, StringComparison.Ordinal);
        Assert.Contains(L.Operation.Active, text, StringComparison.Ordinal);
        Assert.Contains("2025", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2021)]
    public void Write_PrefillsTheReportingYear(int year)
    {
        using var workbook = Open(ReportTemplate.Write(year));

        var value = ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.Year);
        Assert.Equal(XLDataType.Number, value.DataType);
        Assert.Equal(year, value.GetValue<int>());
    }

    [Fact]
    public void Write_VerksamhetHasEveryLabelWithAnEmptyMarkedInputToTheRight()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Operation);

        string[] labels =
        [
            L.Operation.Year, L.Operation.County, L.Operation.Name, L.Operation.Municipalities, L.Operation.OperatingForm,
            L.Operation.ProviderName, L.Operation.OrganisationForm, L.Operation.ContactPerson, L.Operation.Email,
            L.Operation.Phone, L.Operation.Active,
        ];
        foreach (var label in labels)
        {
            var value = ValueOf(sheet, label);
            AssertInput(value);
            if (label != L.Operation.Year)
            {
                Assert.True(value.IsEmpty(), $"{label} should be blank in the template.");
            }

            // Nothing further right, or the parser would read a hint as the value of an empty field.
            Assert.True(value.CellRight().IsEmpty(), $"{label} has something right of its value cell.");
        }
    }

    [Fact]
    public void Write_EveryScalarLabelOfTheOtherSheetsHasAMarkedInput()
    {
        using var workbook = OpenTemplate();

        (string Sheet, string Label)[] scalars =
        [
            (L.Sheets.Ombud, L.Ombud.FullTimeEquivalents),
            (L.Sheets.Clients, L.Clients.New),
            (L.Sheets.Clients, L.Clients.Ended),
            (L.Sheets.Waiting, L.Waiting.HasWaitingTime),
            (L.Sheets.Waiting, L.Waiting.EstimatedDays),
            (L.Sheets.Waiting, L.Waiting.HasPriorityOrder),
            (L.Sheets.Management, L.Management.Meetings),
            (L.Sheets.Management, L.Management.DeficiencyRoutine),
            (L.Sheets.Economy, L.Economy.Granted),
            (L.Sheets.Economy, L.Economy.Spent),
        ];
        foreach (var (sheet, label) in scalars)
        {
            var value = ValueOf(workbook.Worksheet(sheet), label);
            AssertInput(value);
            Assert.True(value.IsEmpty(), $"{sheet}!{label} should be blank.");
        }
    }

    [Fact]
    public void Write_GenderTablesHaveTheirRowsAndMarkedCountCells()
    {
        using var workbook = OpenTemplate();

        (string Sheet, string[] Rows)[] tables =
        [
            (L.Sheets.Ombud, [L.Ombud.Count, L.Ombud.WithSupervision]),
            (L.Sheets.Clients, [L.Clients.WithChildrenRow]),
            (L.Sheets.ContactReasons, [.. L.ContactReasons.Select(r => r.Label)]),
        ];
        foreach (var (sheetName, rows) in tables)
        {
            var sheet = workbook.Worksheet(sheetName);
            var header = HeaderRow(sheet, GenderHeader);
            foreach (var row in rows)
            {
                foreach (var gender in GenderHeader)
                {
                    AssertInput(TableCell(sheet, header, row, gender));
                }
            }
        }
    }

    [Fact]
    public void Write_ClientsByGenderAndAgeHasAgeHeaderGenderRowsAndTitle()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Clients);

        FindLabel(sheet, L.Clients.ByGenderAndAgeTitle);
        FindLabel(sheet, L.Clients.WithChildrenTitle);
        var header = HeaderRow(sheet, [.. L.AgeGroups.Select(a => a.Label)]);
        foreach (var gender in GenderHeader)
        {
            foreach (var (_, age) in L.AgeGroups)
            {
                AssertInput(TableCell(sheet, header, gender, age));
            }
        }
    }

    [Fact]
    public void Write_TotalCellsAreSumFormulasOverTheirRowOrColumn()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Clients);
        var header = HeaderRow(sheet, [.. L.AgeGroups.Select(a => a.Label)]);

        var rowTotal = TableCell(sheet, header, "Kvinnor", L.Total);
        var columnTotal = TableCell(sheet, header, L.Total, L.AgeGroups[0].Label);

        Assert.StartsWith("SUM(", rowTotal.FormulaA1, StringComparison.Ordinal);
        Assert.StartsWith("SUM(", columnTotal.FormulaA1, StringComparison.Ordinal);
        sheet.Cell(header.RowNumber() + 1, 2).Value = 5;
        sheet.Cell(header.RowNumber() + 1, 3).Value = 7;
        Assert.Equal(12, rowTotal.GetValue<int>());
        Assert.Equal(5, columnTotal.GetValue<int>());
    }

    [Fact]
    public void Write_WaitingHasPriorityTableWithEveryGroup()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Waiting);

        var header = HeaderRow(sheet, L.Waiting.PriorityHeader);
        foreach (var (_, group) in L.PriorityGroups)
        {
            var cell = TableCell(sheet, header, group, L.Waiting.PriorityHeader);
            AssertInput(cell);
            var rule = RuleOf(cell);
            Assert.NotNull(rule);
            Assert.Equal(XLAllowedValues.WholeNumber, rule.AllowedValues);
            Assert.Equal("1", rule.MinValue);
            Assert.Equal("3", rule.MaxValue);
        }
    }

    [Fact]
    public void Write_ManagementTableHasEveryMemberWithYesNoDropDown()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Management);

        var header = HeaderRow(sheet, L.Management.RepresentedHeader);
        foreach (var (_, member) in L.ManagementMembers)
        {
            var cell = TableCell(sheet, header, member, L.Management.RepresentedHeader);
            AssertInput(cell);
            Assert.Equal([L.Yes, L.No], DropDownChoices(cell));
        }
    }

    [Fact]
    public void Write_DeficiencyTableHasHeaderAndMarkedRowsWithLevelAndAreaLists()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Deficiencies);

        var header = HeaderRow(
            sheet,
            L.Deficiencies.Level, L.Deficiencies.Area, L.Deficiencies.Description, L.Deficiencies.Consequence, L.Deficiencies.Action);
        var firstRow = sheet.Row(header.RowNumber() + 1);
        var lastMarked = sheet.Row(header.RowNumber() + 20);
        foreach (var row in new[] { firstRow, lastMarked })
        {
            for (var column = 1; column <= 5; column++)
            {
                AssertInput(row.Cell(column));
            }

            Assert.Equal(L.DeficiencyLevels.Select(l => l.Label), DropDownChoices(row.Cell(1)));
            Assert.Equal(L.DeficiencyAreas.Select(a => a.Label), DropDownChoices(row.Cell(2)));
        }
    }

    [Fact]
    public void Write_CountyDropDownOffersEachOfThe21CountiesOnce()
    {
        using var workbook = OpenTemplate();

        var choices = DropDownChoices(ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.County));

        Assert.NotNull(choices);
        var registry = MunicipalityRegistry.Default;
        var resolved = choices.Select(c => registry.FindCounty(c)?.Code).ToList();
        Assert.DoesNotContain(null, resolved);
        Assert.Equal(registry.Counties.Select(c => c.Code).Order(), resolved.Order());
        Assert.Equal(21, resolved.Distinct().Count());
    }

    [Theory]
    [InlineData(L.Operation.OperatingForm, "Kommunal regi|Annan utförare")]
    [InlineData(L.Operation.OrganisationForm, "Kommunalförbund|Ideell förening|Region|Stiftelse|Aktiebolag|Ekonomisk förening|Annan")]
    [InlineData(L.Operation.Active, "Ja|Nej")]
    public void Write_OperationDropDownsOfferTheContractChoices(string label, string expected)
    {
        using var workbook = OpenTemplate();

        var choices = DropDownChoices(ValueOf(workbook.Worksheet(L.Sheets.Operation), label));

        Assert.Equal(expected.Split('|'), choices);
    }

    [Theory]
    [InlineData(L.Sheets.Waiting, L.Waiting.HasWaitingTime)]
    [InlineData(L.Sheets.Waiting, L.Waiting.HasPriorityOrder)]
    [InlineData(L.Sheets.Management, L.Management.DeficiencyRoutine)]
    public void Write_YesNoScalarsHaveYesNoDropDown(string sheet, string label)
    {
        using var workbook = OpenTemplate();

        Assert.Equal([L.Yes, L.No], DropDownChoices(ValueOf(workbook.Worksheet(sheet), label)));
    }

    [Fact]
    public void Write_FreeTextFieldsHaveNoDropDown()
    {
        using var workbook = OpenTemplate();
        var sheet = workbook.Worksheet(L.Sheets.Operation);

        Assert.Null(DropDownChoices(ValueOf(sheet, L.Operation.Name)));
        Assert.Null(DropDownChoices(ValueOf(sheet, L.Operation.Municipalities)));
        Assert.Null(DropDownChoices(ValueOf(workbook.Worksheet(L.Sheets.Clients), L.Clients.New)));
    }

    [Fact]
    public void Write_SetsAnExplicitWidthOnEveryUsedColumn()
    {
        using var workbook = OpenTemplate();

        foreach (var sheet in workbook.Worksheets)
        {
            var lastColumn = sheet.LastColumnUsed().ColumnNumber();
            for (var column = 1; column <= lastColumn; column++)
            {
                Assert.True(
                    sheet.Column(column).Width >= 12,
                    $"{sheet.Name} column {column} has width {sheet.Column(column).Width}.");
            }
        }
    }

    [Fact]
    public void Write_LabelCellsAreNotMarkedAsInput()
    {
        using var workbook = OpenTemplate();

        var label = FindLabel(workbook.Worksheet(L.Sheets.Operation), L.Operation.Name);

        Assert.NotEqual(LightYellow, label.Style.Fill.BackgroundColor);
        Assert.True(label.Style.Protection.Locked);
    }

    private static void AssertInput(IXLCell cell)
    {
        var where = $"{cell.Worksheet.Name}!{cell.Address}";
        Assert.True(cell.Style.Fill.BackgroundColor.Equals(LightYellow), $"{where} is not light yellow.");
        Assert.Equal(XLBorderStyleValues.Thin, cell.Style.Border.LeftBorder);
        Assert.Equal(XLBorderStyleValues.Thin, cell.Style.Border.BottomBorder);
        Assert.False(cell.Style.Protection.Locked, $"{where} is locked.");
    }
}
