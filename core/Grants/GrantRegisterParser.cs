using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Reading;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;
using G = PoIntake.Core.Grants.GrantRegisterLayout;

namespace PoIntake.Core.Grants;

/// <summary>The applications of a grant register and a finding for every bad cell; any Error rejects the whole register.</summary>
public sealed record GrantParseResult(IReadOnlyList<GrantApplication> Applications, IReadOnlyList<Finding> Findings)
{
    public IntakeOutcome Outcome => Findings.Any(f => f.Severity == Severity.Error) ? IntakeOutcome.Rejected : IntakeOutcome.Accepted;

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// Parses <c>grants/{year}/{countyCode}.xlsx</c> (docs/grants.md): read like a report (<see cref="WorkbookReader"/>: size
/// limit, screening, the bounded read), then sheet Ansökningar row by row. Unlike a contacts register, a register with an
/// Error is rejected as a whole: its figures are money, and half a register would give wrong national figures.
/// </summary>
public sealed class GrantRegisterParser(
    MunicipalityRegistry registry,
    IOptions<ScreeningOptions>? screening = null,
    IOptions<GrantRegisterOptions>? options = null,
    IOptions<AppropriationOptions>? appropriation = null)
{
    private readonly ScreeningOptions _limits = screening?.Value ?? new ScreeningOptions();
    private readonly GrantRegisterOptions _options = options?.Value ?? new GrantRegisterOptions();
    private readonly AppropriationOptions? _appropriation = appropriation?.Value;

    /// <summary>A refusal for a file too large to download and read, or null.</summary>
    public GrantParseResult? RefuseBySize(long length) =>
        length > _limits.MaxFileBytes ? new GrantParseResult([], [ScreeningFindings.FileTooLarge(length, _limits.MaxFileBytes)]) : null;

    public GrantParseResult Parse(ReadOnlyMemory<byte> content, int year, string countyCode) =>
        Parse(content, year, countyCode, _appropriation?.For(year));

    /// <summary>
    /// As <see cref="Parse(ReadOnlyMemory{byte}, int, string)"/>, with the year's appropriation as the intake resolved it
    /// (<see cref="AppropriationSource"/>: Socialstyrelsen's figures entered as data, else the settings): its fixed amount
    /// per årsarbetare is the rate the granted kronor are checked against. Null: no rate decided, no rate check.
    /// </summary>
    public GrantParseResult Parse(ReadOnlyMemory<byte> content, int year, string countyCode, AppropriationYear? appropriation)
    {
        var sink = new FindingSink();
        var workbook = WorkbookReader.Read(content, _limits);
        if (workbook.Refusals.Count > 0)
        {
            return new GrantParseResult([], workbook.Refusals);
        }

        if (workbook.Unreadable)
        {
            GrantFindings.Unreadable(sink);
            return new GrantParseResult([], sink.Findings);
        }

        if (workbook.Sheet(G.SheetName) is not { } sheet)
        {
            GrantFindings.SheetMissing(sink);
            return new GrantParseResult([], sink.Findings);
        }

        ReadYear(sheet, sink, year);
        for (var column = 1; column <= G.Header.Count; column++)
        {
            if (!sheet.IsLabel(G.HeaderRow, column, G.Header[column - 1]))
            {
                GrantFindings.HeaderInvalid(sink, column, CellReader.AsText(sheet[G.HeaderRow, column]) ?? string.Empty);
                return new GrantParseResult([], sink.Findings);
            }
        }

        var lastAllowed = G.HeaderRow + _options.MaxRows;
        if (sheet.LastRow > lastAllowed)
        {
            GrantFindings.RowsTooMany(sink, sheet.LastRow, _options.MaxRows);
            return new GrantParseResult([], sink.Findings);
        }

        var applications = new List<GrantApplication>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var checks = new RowChecks(year, appropriation?.AmountPerFullTimeEquivalentSek, _options.AmountPerFullTimeEquivalentToleranceSek);
        for (var row = G.FirstDataRow; row <= sheet.LastRow; row++)
        {
            if (Enumerable.Range(1, G.Header.Count).All(c => sheet[row, c].IsEmpty))
            {
                continue;
            }

            var errorsBefore = sink.ErrorCount;
            var application = new RowReader(sheet, sink, row, year, countyCode, registry, _options).Read();
            if (application is not null && sink.ErrorCount == errorsBefore)
            {
                checks.Warn(sink, application);
            }


            // Checked on the name alone, so a duplicate is reported even when the first row has other errors.
            if (CellReader.AsText(sheet[row, G.Column(G.Operation)]) is { Length: > 0 } name)
            {
                if (firstRowOf.TryGetValue(OperationKey.From(name), out var first))
                {
                    GrantFindings.OperationDuplicate(sink, row, name, first);
                }
                else
                {
                    firstRowOf[OperationKey.From(name)] = row;
                }
            }

            if (application is not null && sink.ErrorCount == errorsBefore)
            {
                applications.Add(application);
            }
        }

        return new GrantParseResult(sink.HasErrors ? [] : applications, sink.Findings);
    }

    private static void ReadYear(SheetGrid sheet, FindingSink sink, int year)
    {
        var value = sheet[G.YearRow, 2];
        if (!sheet.IsLabel(G.YearRow, 1, G.YearLabel))
        {
            GrantFindings.YearLabelMissing(sink);
        }
        else if (value.IsEmpty)
        {
            GrantFindings.Missing(sink, G.YearCell, G.YearLabel, "ett årtal med fyra siffror, t.ex. " + year);
        }
        else if (!CellReader.TryYear(value, out var written))
        {
            GrantFindings.NotAYear(sink, value, year);
        }
        else if (written != year)
        {
            GrantFindings.YearMismatch(sink, written, year);
        }
    }

    /// <summary>Reads one application row; each bad cell adds its finding.</summary>
    private sealed class RowReader(
        SheetGrid sheet, FindingSink sink, int row, int year, string countyCode, MunicipalityRegistry registry, GrantRegisterOptions options)
    {
        public GrantApplication? Read()
        {
            var name = Text(G.Operation, required: true);
            var municipalities = Municipalities();
            var received = Date(G.ReceivedOn, required: true);
            var applied = Applied();
            var decision = Decision();
            var grantedFte = GrantedFullTimeEquivalents(decision, applied);
            var granted = Amount(G.Granted, required: decision == GrantDecision.Granted, allowed: decision == GrantDecision.Granted, decision);
            var decided = Date(G.DecidedOn, required: decision is GrantDecision.Granted or GrantDecision.Refused);
            if (decision == GrantDecision.Pending && decided is not null)
            {
                GrantFindings.DateWithoutDecision(sink, Address(G.DecidedOn));
            }
            else if (decided is { } d && received is { } r && d < r)
            {
                GrantFindings.DecidedBeforeReceived(sink, Address(G.DecidedOn), d, r);
            }

            var paid = Amount(G.Paid, required: false, allowed: decision == GrantDecision.Granted, decision);
            if (paid is { } p && granted is { } g && p > g)
            {
                GrantFindings.PaidExceedsGranted(sink, Address(G.Paid), p, g);
            }

            var contact = Text(G.ContactName, required: false);
            var email = Email();
            if (name is null || municipalities is null || received is null || applied is null || decision is null)
            {
                return null;
            }

            return new GrantApplication(
                year,
                countyCode,
                row,
                name,
                OperationKey.From(name),
                municipalities,
                received,
                applied.Value,
                decision.Value,
                decision == GrantDecision.Granted ? granted : null,
                decided,
                decision == GrantDecision.Granted ? paid : null,
                contact,
                email,
                decision == GrantDecision.Granted ? grantedFte : null);
        }

        private string Address(string label) => G.Letter(label) + row.ToString(CultureInfo.InvariantCulture);

        private CellValue Value(string label) => sheet[row, G.Column(label)];

        /// <summary>The cell's value when it holds one; null (with a finding for an error value or failed formula) otherwise.</summary>
        private CellValue? Usable(string label)
        {
            var value = Value(label);
            if (value.IsUnusable)
            {
                GrantFindings.Unusable(sink, Address(label), label, value);
                return null;
            }

            return value;
        }

        private string? Text(string label, bool required, int maxLength = ContractLimits.MaxShortText)
        {
            if (Usable(label) is not { } value)
            {
                return null;
            }

            var text = CellReader.AsText(value);
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    GrantFindings.Missing(sink, Address(label), label, label == G.Operation ? "verksamhetens namn, som i dess årsredovisning" : "en text");
                }

                return null;
            }

            if (text.Length > maxLength)
            {
                GrantFindings.TextTooLong(sink, Address(label), label, text.Length, maxLength);
                return null;
            }

            return text;
        }

        private IReadOnlyList<string>? Municipalities()
        {
            // A verksamhet can cover a county's every municipality: their names run past a short text.
            var text = Text(G.Municipalities, required: true, ContractLimits.MaxLongText);
            if (text is null)
            {
                return null;
            }

            var codes = new List<string>();
            var ok = true;
            foreach (var (part, municipality) in registry.FindListed(text))
            {
                if (municipality is null)
                {
                    ok = false;
                    GrantFindings.MunicipalityUnknown(sink, Address(G.Municipalities), part);
                }
                else if (municipality.CountyCode != countyCode)
                {
                    ok = false;
                    GrantFindings.MunicipalityOtherCounty(sink, Address(G.Municipalities), municipality, countyCode, registry);
                }
                else if (!codes.Contains(municipality.Code))
                {
                    codes.Add(municipality.Code);
                }
            }

            if (ok && codes.Count == 0)
            {
                GrantFindings.Missing(sink, Address(G.Municipalities), G.Municipalities, "kommunernas namn eller kommunkoder, åtskilda med kommatecken");
            }

            return ok && codes.Count > 0 ? codes : null;
        }

        private DateOnly? Date(string label, bool required)
        {
            if (Usable(label) is not { } value)
            {
                return null;
            }

            if (value.IsEmpty)
            {
                if (required)
                {
                    GrantFindings.Missing(sink, Address(label), label, "ett datum som ÅÅÅÅ-MM-DD");
                }

                return null;
            }

            if (TryDate(value, out var date))
            {
                return date;
            }

            GrantFindings.NotADate(sink, Address(label), label, value);
            return null;
        }

        private decimal? Applied()
        {
            if (Usable(G.Applied) is not { } value)
            {
                return null;
            }

            if (value.IsEmpty)
            {
                GrantFindings.Missing(sink, Address(G.Applied), G.Applied, "antal årsarbetare, t.ex. 2,5");
                return null;
            }

            if (!CellReader.TryDecimal(value, out var applied))
            {
                GrantFindings.NotADecimal(sink, Address(G.Applied), G.Applied, value, "antal årsarbetare, t.ex. 2,5");
                return null;
            }

            if (applied <= 0 || applied > options.MaxAppliedFullTimeEquivalents)
            {
                GrantFindings.AppliedOutOfRange(sink, Address(G.Applied), applied, options.MaxAppliedFullTimeEquivalents);
                return null;
            }

            return applied;
        }

        /// <summary>Beviljade årsarbetare: required with Beviljat, not allowed otherwise; more than 0 and at most the applied.</summary>
        private decimal? GrantedFullTimeEquivalents(GrantDecision? decision, decimal? applied)
        {
            const string label = G.GrantedFullTimeEquivalents;
            if (Usable(label) is not { } value)
            {
                return null;
            }

            if (value.IsEmpty)
            {
                if (decision == GrantDecision.Granted)
                {
                    GrantFindings.Missing(sink, Address(label), label, "antal beviljade årsarbetare när beslutet är Beviljat, t.ex. 2,5");
                }

                return null;
            }

            if (!CellReader.TryDecimal(value, out var granted))
            {
                GrantFindings.NotADecimal(sink, Address(label), label, value, "antal årsarbetare, t.ex. 2,5");
                return null;
            }

            if (decision is { } d && d != GrantDecision.Granted)
            {
                GrantFindings.GrantedFullTimeEquivalentsWithoutGrant(sink, Address(label), G.Label(d));
                return null;
            }

            if (granted <= 0 || (applied is { } a && granted > a))
            {
                GrantFindings.GrantedFullTimeEquivalentsOutOfRange(sink, Address(label), granted, applied);
                return null;
            }

            return granted;
        }

        private GrantDecision? Decision()
        {
            if (Usable(G.Decision) is not { } value)
            {
                return null;
            }

            var text = CellReader.AsText(value);
            if (string.IsNullOrEmpty(text))
            {
                return GrantDecision.Pending;
            }

            foreach (var (decision, label) in G.Decisions)
            {
                if (LabelText.Same(text, label))
                {
                    return decision;
                }
            }

            GrantFindings.DecisionInvalid(sink, Address(G.Decision), text);
            return null;
        }

        private decimal? Amount(string label, bool required, bool allowed, GrantDecision? decision)
        {
            if (Usable(label) is not { } value)
            {
                return null;
            }

            if (value.IsEmpty)
            {
                if (required)
                {
                    GrantFindings.Missing(sink, Address(label), label, "beviljat belopp i kronor när beslutet är Beviljat");
                }

                return null;
            }

            if (!CellReader.TryDecimal(value, out var amount))
            {
                GrantFindings.NotADecimal(sink, Address(label), label, value, "ett belopp i kronor, t.ex. 404 530");
                return null;
            }

            if (!allowed && decision is not null)
            {
                GrantFindings.AmountWithoutGrant(sink, Address(label), label, G.Label(decision.Value));
                return null;
            }

            return amount;
        }

        private string? Email()
        {
            var text = Text(G.ContactEmail, required: false);
            if (text is null)
            {
                return null;
            }

            if (text.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(text, out var address) || address.Address != text || !address.Host.Contains('.', StringComparison.Ordinal))
            {
                GrantFindings.EmailInvalid(sink, Address(G.ContactEmail), text);
                return null;
            }

            return text;
        }

        /// <summary>A date cell, ISO text (2021-02-15), or a date serial number without a date format (2000–2099).</summary>
        private static bool TryDate(CellValue value, out DateOnly date)
        {
            date = default;
            switch (value.Kind)
            {
                case CellKind.Date:
                case CellKind.Text:
                    return DateOnly.TryParseExact(value.Text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
                case CellKind.Number when value.Number >= 36_526 && value.Number < 73_051 && value.Number == Math.Floor(value.Number):
                    date = DateOnly.FromDateTime(DateTime.FromOADate(value.Number));
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The warnings of an application that is valid in itself (docs/grants.md "Warnings"): they flag what the county board
    /// may want to look at again and never change what the register says.
    /// </summary>
    private sealed class RowChecks(int year, decimal? fixedAmount, decimal toleranceSek)
    {
        private readonly DateOnly _deadline = ApplicationDeadline.Of(year);

        public void Warn(FindingSink sink, GrantApplication application)
        {
            string Address(string label) => G.Letter(label) + application.Row.ToString(CultureInfo.InvariantCulture);

            if (application.ReceivedOn is { } received && received > _deadline)
            {
                GrantFindings.ApplicationLate(sink, Address(G.ReceivedOn), received, _deadline, ApplicationDeadline.Nominal(year));
            }

            if (fixedAmount is { } amount && application is { GrantedSek: { } granted, GrantedFullTimeEquivalents: { } fte })
            {
                var expected = amount * fte;
                if (Math.Abs(granted - expected) > toleranceSek)
                {
                    GrantFindings.GrantedAmountDiffersFromRate(sink, Address(G.Granted), granted, amount, fte, toleranceSek);
                }
            }
        }
    }
}
