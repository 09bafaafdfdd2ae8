using Microsoft.Extensions.Options;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Reading;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Core.Intake;

/// <summary>
/// Reads a report workbook by the contract (docs/workbook-contract.md): sheets by name, scalars by label, tables by
/// header row, Swedish-typed numbers; returns every finding and, when there is no error, the report.
/// </summary>
public sealed class ReportParser(TimeProvider timeProvider, MunicipalityRegistry registry, IOptions<ScreeningOptions>? screening = null) : IReportParser
{
    public const decimal MaxClientsPerFullTimeEquivalent = 60;

    private static readonly TimeZoneInfo Stockholm = Calendar.SwedishCalendar.TimeZone;

    private readonly ScreeningOptions _limits = screening?.Value ?? new ScreeningOptions();

    /// <summary>
    /// One bounded read of the bytes (<see cref="WorkbookReader"/>: the screening rules and limits, then the cells as
    /// saved), then the contract's rules. A file the screening refuses gives only the screening's findings.
    /// </summary>
    public ParseResult Parse(ReadOnlyMemory<byte> content, ExpectedOrigin origin)
    {
        var sink = new FindingSink();
        var workbook = WorkbookReader.Read(content, _limits);
        if (workbook.Refusals.Count > 0)
        {
            return new ParseResult(null, workbook.Refusals, new Dictionary<string, CellLocation>());
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
            return new ParseResult(null, sink.Findings, sink.Locations);
        }

        var currentYear = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), Stockholm).Year;
        var operation = Sheet(workbook, sink, Sheets.Operation) is { } operationSheet
            ? OperationSheet.Read(operationSheet, origin, currentYear, registry)
            : null;

        if (operation is { Active: false })
        {
            return Result(new AnnualReport(operation, null, null, null, null, null, null, null), sink);
        }

        var (ombud, fteCell) = Sheet(workbook, sink, Sheets.Ombud) is { } ombudSheet ? OmbudSheet.Read(ombudSheet) : (null, null);
        var clients = Sheet(workbook, sink, Sheets.Clients) is { } clientSheet ? ClientsSheet.Read(clientSheet) : null;
        var reasons = Sheet(workbook, sink, Sheets.ContactReasons) is { } reasonSheet ? ContactReasonsSheet.Read(reasonSheet, clients) : null;
        var waiting = Sheet(workbook, sink, Sheets.Waiting) is { } waitingSheet ? WaitingSheet.Read(waitingSheet) : null;
        var management = Sheet(workbook, sink, Sheets.Management) is { } managementSheet ? ManagementSheet.Read(managementSheet) : null;
        var deficiencies = Sheet(workbook, sink, Sheets.Deficiencies) is { } deficiencySheet ? DeficienciesSheet.Read(deficiencySheet) : null;
        var economy = Sheet(workbook, sink, Sheets.Economy) is { } economySheet ? EconomySheet.Read(economySheet) : null;
        var followUp = ReadFollowUp(workbook, sink, origin.Year, ombud, clients, out var followUpFailed);

        if (ombud is not null && clients is not null && fteCell is not null && ombud.FullTimeEquivalents > 0 &&
            clients.Total / ombud.FullTimeEquivalents > MaxClientsPerFullTimeEquivalent)
        {
            var perFte = SheetReader.Format(Math.Round(clients.Total / ombud.FullTimeEquivalents, 1));
            sink.Warning(
                FindingCodes.ClientsPerFullTimeEquivalentHigh,
                Sheets.Ombud,
                fteCell.Address,
                WorkbookLabels.Ombud.FullTimeEquivalents,
                $"{clients.Total} klienter på {SheetReader.Format(ombud.FullTimeEquivalents)} årsarbetare, {perFte} klienter per årsarbetare",
                $"oftast högst {MaxClientsPerFullTimeEquivalent} klienter per årsarbetare",
                $"Kontrollera antalet årsarbetare i cell {fteCell.Address} och antalet klienter i bladet \"{Sheets.Clients}\".");
        }

        if (sink.HasErrors || operation is null || ombud is null || clients is null || reasons is null || waiting is null ||
            management is null || deficiencies is null || economy is null || followUpFailed)
        {
            return new ParseResult(null, sink.Findings, sink.Locations);
        }

        return Result(new AnnualReport(operation, ombud, clients, reasons, waiting, management, deficiencies, economy) { FollowUp = followUp }, sink);
    }

    /// <summary>
    /// Sheet Uppföljning when the year asks it. A workbook of such a year without the sheet was made from an earlier
    /// year's template: it is read as before, with a warning, and its answers are "not asked" (null), never zeros.
    /// </summary>
    private static FollowUpAnswers? ReadFollowUp(ReadWorkbook workbook, FindingSink sink, int year, OmbudFigures? ombud, ClientFigures? clients, out bool failed)
    {
        failed = false;
        if (!WorkbookLabels.ContractYears.Asks(WorkbookLabels.ContractYears.FollowUp, year))
        {
            return null;
        }

        if (workbook.MatchingNames(Sheets.FollowUp).Count == 0)
        {
            sink.Warning(
                FindingCodes.FollowUpNotInWorkbook,
                Sheets.FollowUp,
                null,
                null,
                $"bladet \"{Sheets.FollowUp}\" finns inte; arbetsboken är gjord från en mall från före {WorkbookLabels.ContractYears.FollowUp}",
                $"mallen för {year}, som har bladet \"{Sheets.FollowUp}\"",
                $"Redovisningen är godkänd, men uppgifterna i \"{Sheets.FollowUp}\" räknas som inte efterfrågade. Hämta årets mall och fyll i bladet nästa gång, eller lämna in filen igen med bladet ifyllt.");
            return null;
        }

        var followUp = Sheet(workbook, sink, Sheets.FollowUp) is { } sheet ? FollowUpSheet.Read(sheet, ombud, clients) : null;
        failed = followUp is null;
        return followUp;
    }

    private static ParseResult Result(AnnualReport report, FindingSink sink)
    {
        if (sink.HasErrors)
        {
            return new ParseResult(null, sink.Findings, sink.Locations);
        }

        // Only the cells of facts the report yields; a key read but not produced (e.g. an empty rank) is dropped.
        // Kommuner som omfattas of an active report is kept too: the overlapping-coverage warning points at it.
        var keys = ReportFacts.From(report).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        if (!report.IsNilReturn)
        {
            keys.Add(FactKeys.MunicipalitiesLocation);
        }

        var locations = sink.Locations.Where(l => keys.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        return new ParseResult(report, sink.Findings, locations) { OperationNameLocation = sink.Locations.GetValueOrDefault(FactKeys.OperationName) };
    }

    private static SheetReader? Sheet(ReadWorkbook workbook, FindingSink sink, string name)
    {
        // Twins ("Ombud" and " ombud ") would make the figures read depend on sheet order; the user must choose.
        var matches = workbook.MatchingNames(name);
        if (matches.Count > 1)
        {
            var quoted = string.Join(" och ", matches.Select(m => $"\"{m}\""));
            sink.Error(
                FindingCodes.SheetDuplicate,
                name,
                null,
                null,
                $"arbetsboken har {matches.Count} blad som alla tolkas som \"{name}\": {quoted}",
                $"exakt ett blad som heter \"{name}\"",
                $"Ta bort eller byt namn på de blad som inte ska lämnas in, så att bara ett blad heter \"{name}\".");
            return null;
        }

        var grid = workbook.Sheet(name);
        if (grid is not null)
        {
            return new SheetReader(grid, sink);
        }

        sink.Error(
            FindingCodes.SheetMissing,
            name,
            null,
            null,
            $"bladet \"{name}\" finns inte i arbetsboken",
            $"ett blad som heter \"{name}\"",
            $"Lägg till bladet \"{name}\" från mallen, eller rätta bladets namn till \"{name}\".");
        return null;
    }
}
