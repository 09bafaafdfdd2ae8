using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Reading;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;
using L = PoIntake.Core.CountyBoards.CountyBoardReportLayout;

namespace PoIntake.Core.CountyBoards;

/// <summary>
/// Parses <c>countyboard/{year}/{countyCode}.xlsx</c> (<see cref="CountyBoardReportLayout"/>): read like a report
/// (<see cref="WorkbookReader"/>: size limit, screening, the bounded read), then each field by its label, with the
/// report's value rules and findings (Swedish, naming sheet and cell). Any error rejects the form as a whole.
/// </summary>
public sealed class CountyBoardReportParser(MunicipalityRegistry registry, IOptions<ScreeningOptions>? screening = null)
{
    private readonly ScreeningOptions _limits = screening?.Value ?? new ScreeningOptions();

    /// <summary>A refusal for a file too large to download and read, or null.</summary>
    public CountyBoardParseResult? RefuseBySize(long length) =>
        length > _limits.MaxFileBytes ? new CountyBoardParseResult(null, [ScreeningFindings.FileTooLarge(length, _limits.MaxFileBytes)]) : null;

    public CountyBoardParseResult Parse(ReadOnlyMemory<byte> content, int year, string countyCode)
    {
        var sink = new FindingSink();
        var workbook = WorkbookReader.Read(content, _limits);
        if (workbook.Refusals.Count > 0)
        {
            return new CountyBoardParseResult(null, workbook.Refusals);
        }

        if (workbook.Unreadable)
        {
            sink.Error(
                FindingCodes.PackageUnreadable,
                null,
                null,
                null,
                "filen kan inte läsas som en Excel-arbetsbok (.xlsx)",
                "en arbetsbok sparad i formatet Excel-arbetsbok (.xlsx), t.ex. den ifyllda mallen",
                "Öppna filen i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx), och lämna in den igen.");
            return new CountyBoardParseResult(null, sink.Findings);
        }

        if (Sheet(workbook, sink) is not { } sheet)
        {
            return new CountyBoardParseResult(null, sink.Findings);
        }

        var readYear = ReadYear(sheet, year);
        var county = ReadCounty(sheet, countyCode);
        var networkMeetings = sheet.Count(L.NetworkMeetings, required: true);
        var trainings = sheet.Count(L.Trainings, required: true);
        var participants = sheet.Count(L.TrainingParticipants, required: true);
        var visits = sheet.Count(L.Visits, required: true);
        var managementMeetings = sheet.Count(L.ManagementGroupMeetings, required: true);
        var actionPlan = sheet.YesNo(L.ActionPlan, whenEmpty: null);
        var work = sheet.Text(L.Work, required: false, L.MaxTextLength);
        var assessment = sheet.Text(L.Assessment, required: false, L.MaxTextLength);
        var proposals = sheet.Text(L.Proposals, required: false, L.MaxTextLength);
        var contact = sheet.Text(L.ContactPerson, required: true, L.MaxShortText);
        var email = ReadEmail(sheet);
        var phone = sheet.Text(L.Phone, required: false, L.MaxShortText);

        if (trainings == 0 && participants > 0 && sheet.Scalar(L.TrainingParticipants) is { } at)
        {
            sheet.Error(
                FindingCodes.CountyBoardParticipantsWithoutTraining,
                at.Address,
                L.TrainingParticipants,
                $"{participants} deltagare, men 0 utbildningar och seminarier",
                "0 deltagare när länsstyrelsen inte har anordnat någon utbildning eller något seminarium",
                $"Skriv antalet utbildningar och seminarier vid \"{L.Trainings}\", eller 0 deltagare i cell {at.Address}.");
        }

        if (sink.HasErrors || readYear is null || county is null || networkMeetings is null || trainings is null || participants is null ||
            visits is null || managementMeetings is null || actionPlan is null || contact is null || email is null)
        {
            return new CountyBoardParseResult(null, sink.Findings);
        }

        return new CountyBoardParseResult(
            new CountyBoardReport(
                readYear.Value,
                county.Code,
                networkMeetings.Value,
                trainings.Value,
                participants.Value,
                visits.Value,
                managementMeetings.Value,
                actionPlan.Value,
                work,
                assessment,
                proposals,
                contact,
                email,
                phone),
            sink.Findings);
    }

    private static SheetReader? Sheet(ReadWorkbook workbook, FindingSink sink)
    {
        var matches = workbook.MatchingNames(L.SheetName);
        if (matches.Count > 1)
        {
            var quoted = string.Join(" och ", matches.Select(m => $"\"{m}\""));
            sink.Error(
                FindingCodes.SheetDuplicate,
                L.SheetName,
                null,
                null,
                $"arbetsboken har {matches.Count} blad som alla tolkas som \"{L.SheetName}\": {quoted}",
                $"exakt ett blad som heter \"{L.SheetName}\"",
                $"Ta bort eller byt namn på de blad som inte ska lämnas in, så att bara ett blad heter \"{L.SheetName}\".");
            return null;
        }

        if (workbook.Sheet(L.SheetName) is { } grid)
        {
            return new SheetReader(grid, sink);
        }

        sink.Error(
            FindingCodes.SheetMissing,
            L.SheetName,
            null,
            null,
            $"bladet \"{L.SheetName}\" finns inte i arbetsboken",
            $"ett blad som heter \"{L.SheetName}\"",
            $"Använd mallen för länsstyrelsens redovisning (bladet \"{L.SheetName}\"), eller rätta bladets namn.");
        return null;
    }

    private static int? ReadYear(SheetReader sheet, int year)
    {
        if (sheet.Scalar(L.Year) is not { } cell)
        {
            return null;
        }

        var expected = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cell.Value.IsEmpty)
        {
            sheet.Error(FindingCodes.ValueMissing, cell.Address, L.Year, "cellen är tom", "ett årtal med fyra siffror, t.ex. " + expected,
                $"Skriv redovisningsåret i cell {cell.Address}.");
            return null;
        }

        if (cell.Value.IsUnusable)
        {
            return sheet.CountAt(cell.Row, cell.Column, L.Year, emptyIsZero: false);
        }

        if (!CellReader.TryYear(cell.Value, out var written))
        {
            sheet.Error(FindingCodes.ValueNotAYear, cell.Address, L.Year, $"cellen innehåller {cell.Value.Display}",
                "ett årtal med fyra siffror, t.ex. " + expected, $"Skriv redovisningsåret med fyra siffror i cell {cell.Address}.");
            return null;
        }

        if (written != year)
        {
            var text = written.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sheet.Error(FindingCodes.YearMismatch, cell.Address, L.Year,
                $"året {text} stämmer inte med året {expected} som redovisningen lämnades in under",
                expected,
                $"Rätta redovisningsåret i cell {cell.Address}, eller lämna in redovisningen under år {text}.");
            return null;
        }

        return written;
    }

    private County? ReadCounty(SheetReader sheet, string countyCode)
    {
        if (sheet.Scalar(L.County) is not { } cell)
        {
            return null;
        }

        var expected = registry.FindCountyByCode(countyCode);
        var expectedText = expected is null ? $"länskod {countyCode}" : $"{expected.Name} ({expected.Code})";
        if (sheet.TextAt(cell.Row, cell.Column, L.County, required: true) is not { } text)
        {
            return null;
        }

        if (registry.FindCounty(text) is not { } county)
        {
            sheet.Error(FindingCodes.CountyUnknown, cell.Address, L.County, $"\"{text}\" är inget län",
                "länets namn (med eller utan \"län\") eller tvåsiffriga länskod, t.ex. " + expectedText,
                $"Skriv länets namn eller länskod i cell {cell.Address}.");
            return null;
        }

        if (county.Code != countyCode)
        {
            sheet.Error(FindingCodes.CountyMismatch, cell.Address, L.County,
                $"länet {county.Name} ({county.Code}) stämmer inte med länet som redovisningen lämnades in under",
                expectedText,
                $"Rätta länet i cell {cell.Address}. En länsstyrelse lämnar bara in sitt eget läns redovisning.");
            return null;
        }

        return county;
    }

    private static string? ReadEmail(SheetReader sheet)
    {
        if (sheet.Scalar(L.Email) is not { } cell || sheet.TextAt(cell.Row, cell.Column, L.Email, required: true, L.MaxShortText) is not { } email)
        {
            return null;
        }

        if (!OperationSheet.IsEmail(email))
        {
            sheet.Error(FindingCodes.EmailInvalid, cell.Address, L.Email, $"\"{email}\" är ingen giltig e-postadress",
                "en e-postadress, t.ex. namn@lansstyrelsen.se", $"Rätta e-postadressen i cell {cell.Address}.");
            return null;
        }

        return email;
    }
}
