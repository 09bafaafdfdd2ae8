using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Reference;
using Labels = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Core.Grants;

/// <summary>
/// The intake's cross-checks of an annual report with its county's grant register for the same year (docs/obligations.md):
/// <see cref="FindingCodes.OperationNotInGrantRegister"/>, <see cref="FindingCodes.GrantAmountDiffers"/> and
/// <see cref="FindingCodes.FullTimeEquivalentsAboveGranted"/>, all warnings. A county without a register for the year, or
/// an app without a register store, gives none. The Swedish messages and fixes of these codes are written here.
/// </summary>
public sealed class GrantCrossCheck(
    IOptions<GrantCheckOptions> options,
    IOptions<AppropriationOptions> appropriation,
    MunicipalityRegistry municipalities,
    IGrantRegisterReader? registers = null) : IReportCrossCheck
{
    public async Task<IReadOnlyList<Finding>> CheckAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.Report is not { } report || registers is null)
        {
            return [];
        }

        var operation = report.Operation;
        var register = await registers.ReadCountyAsync(operation.Year, operation.CountyCode, cancellationToken);
        if (register is null)
        {
            return [];
        }

        var sink = new FindingSink();
        var key = OperationKey.From(operation.Name);
        var rows = register.Applications.Where(a => a.OperationKey == key).ToArray();
        if (rows.Length == 0)
        {
            NotInRegister(sink, parsed, register, operation);
            return sink.Findings;
        }

        if (report.IsNilReturn)
        {
            return sink.Findings;
        }

        var granted = rows.Where(a => a.Decision == GrantDecision.Granted).ToArray();
        var grantedSek = granted.Sum(a => a.GrantedSek ?? 0m);
        if (report.Economy is { } economy && Math.Abs(economy.GrantedSek - grantedSek) > options.Value.AmountToleranceSek)
        {
            AmountDiffers(sink, parsed, register.Year, economy.GrantedSek, grantedSek, granted.Length > 0 ? null : rows[0].Decision);
        }

        if (report.Ombud is { } ombud && GrantedFullTimeEquivalents(register.Year, granted, grantedSek) is { Value: > 0 } grantedFte)
        {
            var factor = options.Value.FullTimeEquivalentFactor;
            if (ombud.FullTimeEquivalents > factor * grantedFte.Value)
            {
                AboveGranted(sink, parsed, ombud.FullTimeEquivalents, grantedFte, factor);
            }
        }

        return sink.Findings;
    }

    /// <summary>
    /// The granted årsarbetare: the register's Beviljade årsarbetare (the county board's decision states them, HSLF-FS
    /// 2016:98 4 §). A version stored before the register had that column falls back to the granted amount ÷ the year's fixed
    /// amount per årsanställning when it is configured (<see cref="AppropriationYear.AmountPerFullTimeEquivalentSek"/>), else
    /// the applied årsarbetare of the granted applications.
    /// </summary>
    public (decimal Value, string Basis)? GrantedFullTimeEquivalents(int year, IReadOnlyList<GrantApplication> granted, decimal grantedSek)
    {
        if (granted.Count == 0)
        {
            return null;
        }

        if (granted.All(a => a.GrantedFullTimeEquivalents is not null))
        {
            return (granted.Sum(a => a.GrantedFullTimeEquivalents!.Value), "beviljade årsarbetare i länets bidragsregister");
        }

        if (appropriation.Value.For(year)?.AmountPerFullTimeEquivalentSek is { } perFte and > 0 && grantedSek > 0)
        {
            return (grantedSek / perFte, $"{Kronor(grantedSek)} beviljat ÷ {Kronor(perFte)} per årsanställning {year}");
        }

        var applied = granted.Sum(a => a.AppliedFullTimeEquivalents);
        return applied > 0 ? (applied, "sökta årsarbetare i den beviljade ansökan") : null;
    }

    private void NotInRegister(FindingSink sink, ParseResult parsed, GrantRegister register, OperationInfo operation)
    {
        // A renamed verksamhet: a granted application for exactly the municipalities the report covers.
        var same = operation.MunicipalityCodes.Count == 0
            ? null
            : register.Applications.FirstOrDefault(a =>
                a.Decision == GrantDecision.Granted &&
                a.MunicipalityCodes.Count > 0 &&
                a.MunicipalityCodes.ToHashSet(StringComparer.Ordinal).SetEquals(operation.MunicipalityCodes));
        var hint = same is null
            ? string.Empty
            : $"; ansökan \"{same.OperationName}\" i registret gäller samma kommuner ({string.Join(", ", same.MunicipalityCodes.Select(Name))}) – har verksamheten bytt namn?";
        Warn(
            sink,
            FindingCodes.OperationNotInGrantRegister,
            parsed.OperationNameLocation ?? new CellLocation(Labels.Sheets.Operation, string.Empty, Labels.Operation.Name),
            $"verksamheten \"{operation.Name}\" finns inte i länets bidragsregister för {register.Year}{hint}",
            "samma verksamhetsnamn som i ansökan om statsbidrag i länsstyrelsens bidragsregister",
            "Kontrollera verksamhetens namn",
            " mot ansökan om statsbidrag. Har verksamheten bytt namn, skriv namnet som det står i bidragsregistret eller be länsstyrelsen föra in det nya namnet.");
    }

    private static void AmountDiffers(FindingSink sink, ParseResult parsed, int year, decimal reported, decimal registered, GrantDecision? decision)
    {
        var inRegister = decision switch
        {
            GrantDecision.Refused => "bidragsregistret har avslag för verksamheten, inget beviljat belopp",
            GrantDecision.Pending => "bidragsregistret har inget beslut för verksamheten ännu",
            _ => $"länets bidragsregister för {year} har {Kronor(registered)} beviljat för verksamheten",
        };
        Warn(
            sink,
            FindingCodes.GrantAmountDiffers,
            parsed.FactLocations.GetValueOrDefault(FactKeys.Scalar(Measures.GrantedSek)) ?? new CellLocation(Labels.Sheets.Economy, string.Empty, Labels.Economy.Granted),
            $"beviljat statsbidrag {Kronor(reported)}, men {inRegister}",
            "samma belopp som länsstyrelsens beslut om statsbidrag",
            "Kontrollera beloppet",
            " mot länsstyrelsens beslut. Är registret fel, be länsstyrelsen rätta bidragsregistret.");
    }

    private static void AboveGranted(FindingSink sink, ParseResult parsed, decimal reported, (decimal Value, string Basis) granted, decimal factor) =>
        Warn(
            sink,
            FindingCodes.FullTimeEquivalentsAboveGranted,
            parsed.FactLocations.GetValueOrDefault(FactKeys.Scalar(Measures.FullTimeEquivalents)) ?? new CellLocation(Labels.Sheets.Ombud, string.Empty, Labels.Ombud.FullTimeEquivalents),
            $"{SheetReader.Format(reported)} årsarbetare, mer än {SheetReader.Format(factor)} gånger de " +
            $"{SheetReader.Format(Math.Round(granted.Value, 2))} årsarbetare som statsbidraget beviljades för ({granted.Basis})",
            $"oftast högst {SheetReader.Format(factor)} gånger de beviljade årsarbetarna",
            "Kontrollera antalet årsarbetare",
            "; om siffran stämmer (t.ex. för att kommunen bekostar fler ombud själv) behöver du inte göra något.");

    /// <summary>A warning at <paramref name="at"/> (its cell may be unknown); the fix names the cell and says the report is accepted.</summary>
    private static void Warn(FindingSink sink, string code, CellLocation at, string found, string expected, string check, string fix)
    {
        var cell = string.IsNullOrEmpty(at.Cell) ? null : at.Cell;
        sink.Warning(code, at.Sheet, cell, at.Field, found, expected, $"{check}{(cell is null ? string.Empty : $" i cell {cell}")}{fix} Rapporten är godkänd ändå.");
    }

    private string Name(string code) => municipalities.FindMunicipality(code)?.Name ?? code;

    private static string Kronor(decimal value) => SheetReader.Format(value) + " kr";
}
