namespace PoIntake.Core.Intake;

/// <summary>
/// Every finding code in one catalogue (docs/findings.md, which <c>FindingCodesTests</c> holds to it in both directions):
/// the screener's, the upload path's, the parser's and comparer's, and the contacts register's. Codes are stable
/// UPPER_SNAKE_CASE. The Swedish message and fix of each are written in one place: screening in
/// <see cref="Screening.ScreeningFindings"/>, the path in <see cref="Pipeline.ReportBlobPath"/>, a closed year's in <see cref="Storage.YearClosureStore"/>, the received day's in <see cref="ReceivedOn"/>, the report's in the
/// parsing step that checks the rule (<c>Intake/Parsing</c>, <see cref="PreviousYearComparer"/>), contacts in
/// <see cref="Contacts.ContactsFindings"/>, the grant register's in <see cref="Grants.GrantFindings"/>, the county board's report's in
/// <see cref="CountyBoards.CountyBoardFindings"/> and <see cref="CountyBoards.CountyBoardReportParser"/>.
/// </summary>
public static class FindingCodes
{
    // The file as a whole
    public const string PackageUnreadable = "PACKAGE_UNREADABLE";
    public const string SheetMissing = "SHEET_MISSING";
    public const string SheetDuplicate = "SHEET_DUPLICATE";

    // Locating things
    public const string LabelMissing = "LABEL_MISSING";
    public const string TableMissing = "TABLE_MISSING";
    public const string TableRowMissing = "TABLE_ROW_MISSING";

    // Values
    public const string ValueMissing = "VALUE_MISSING";
    public const string ValueNotACount = "VALUE_NOT_A_COUNT";
    public const string ValueNotADecimal = "VALUE_NOT_A_DECIMAL";
    public const string ValueNotYesNo = "VALUE_NOT_YES_NO";
    public const string ValueNotAYear = "VALUE_NOT_A_YEAR";
    public const string ValueNotInList = "VALUE_NOT_IN_LIST";
    public const string ValueNotText = "VALUE_NOT_TEXT";
    public const string TextTooLong = "TEXT_TOO_LONG";
    public const string ExcelErrorValue = "EXCEL_ERROR_VALUE";
    public const string FormulaFailed = "FORMULA_FAILED";
    public const string FormulaNotEvaluated = "FORMULA_NOT_EVALUATED";
    public const string SumMismatch = "SUM_MISMATCH";

    // Verksamhet
    public const string YearInFuture = "YEAR_IN_FUTURE";
    public const string YearTooEarly = "YEAR_TOO_EARLY";
    public const string YearMismatch = "YEAR_MISMATCH";
    public const string CountyUnknown = "COUNTY_UNKNOWN";
    public const string CountyMismatch = "COUNTY_MISMATCH";
    public const string MunicipalityUnknown = "MUNICIPALITY_UNKNOWN";
    public const string MunicipalityOtherCounty = "MUNICIPALITY_OTHER_COUNTY";
    public const string EmailInvalid = "EMAIL_INVALID";

    // Consistency between figures
    public const string SupervisionExceedsOmbud = "SUPERVISION_EXCEEDS_OMBUD";
    public const string FullTimeEquivalentsExceedOmbud = "FTE_EXCEEDS_OMBUD";
    public const string FullTimeEquivalentsMissing = "FTE_ZERO_WITH_OMBUD";
    public const string NewClientsExceedTotal = "NEW_CLIENTS_EXCEED_TOTAL";
    public const string EndedClientsExceedTotal = "ENDED_CLIENTS_EXCEED_TOTAL";
    public const string ChildrenExceedClients = "CHILDREN_AT_HOME_EXCEED_CLIENTS";
    public const string ContactReasonExceedsClients = "CONTACT_REASON_EXCEEDS_CLIENTS";
    public const string WaitingDaysMissing = "WAITING_DAYS_MISSING";
    public const string WaitingDaysWithoutWaiting = "WAITING_DAYS_WITHOUT_WAITING";
    public const string PriorityInvalid = "PRIORITY_INVALID";
    public const string PriorityWithoutOrder = "PRIORITY_WITHOUT_ORDER";

    // Uppföljning (Parsing.FollowUpSheet)
    public const string ClientSourcesExceedNew = "CLIENT_SOURCES_EXCEED_NEW";
    public const string FollowUpOmbudExceedsOmbud = "FOLLOW_UP_OMBUD_EXCEEDS_OMBUD";
    public const string FollowUpNotInWorkbook = "FOLLOW_UP_NOT_IN_WORKBOOK";

    // Warnings
    public const string WaitingDaysOver365 = "WAITING_DAYS_OVER_365";
    public const string WaitingZeroDays = "WAITING_ZERO_DAYS";
    public const string ClientsPerFullTimeEquivalentHigh = "CLIENTS_PER_FTE_HIGH";
    public const string PreviousYearDeviation = "PREVIOUS_YEAR_DEVIATION";

    // Overlapping coverage : another current report of the year lists the same municipality (CoverageOverlapCheck)
    public const string CoverageOverlap = "COVERAGE_OVERLAP";

    // Screening: the file is refused before any value is read (Screening.ScreeningFindings)
    public const string FileEmpty = "FILE_EMPTY";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string FileNotXlsx = "FILE_NOT_XLSX";
    public const string FileLegacyXls = "FILE_LEGACY_XLS";
    public const string FileEncrypted = "FILE_ENCRYPTED";
    public const string FileMacroEnabled = "FILE_MACRO_ENABLED";
    public const string FileXlsb = "FILE_XLSB";
    public const string FileOds = "FILE_ODS";
    public const string FileCorrupt = "FILE_CORRUPT";
    public const string FileZipBomb = "FILE_ZIP_BOMB";
    public const string FileExternalLinks = "FILE_EXTERNAL_LINKS";
    public const string FileTooManySheets = "FILE_TOO_MANY_SHEETS";
    public const string FileTooManyStrings = "FILE_TOO_MANY_STRINGS";
    public const string SheetOutsideArea = "SHEET_OUTSIDE_AREA";
    public const string SheetTooManyCells = "SHEET_TOO_MANY_CELLS";

    // Upload path (Pipeline.ReportBlobPath)
    public const string PathInvalid = "PATH_INVALID";
    public const string PathCountyUnknown = "PATH_COUNTY_UNKNOWN";

    // A closed reporting year (Storage.YearClosureStore): reports and grant registers received after it closed
    public const string YearClosed = "YEAR_CLOSED";

    // The county board's received day of a report (Intake.ReceivedOn): stated on the upload page, in the POST or as blob metadata
    public const string ReceivedOnInvalid = "RECEIVED_ON_INVALID";
    public const string ReceivedOnInFuture = "RECEIVED_ON_IN_FUTURE";

    // Contacts register (Contacts.ContactsFindings); before the one code catalogue these were contacts.email.missing and so on
    public const string ContactsFileUnreadable = "CONTACTS_FILE_UNREADABLE";
    public const string ContactsSheetMissing = "CONTACTS_SHEET_MISSING";
    public const string ContactsHeaderInvalid = "CONTACTS_HEADER_INVALID";
    public const string ContactsRowsTooMany = "CONTACTS_ROWS_TOO_MANY";
    public const string ContactsRoleInvalid = "CONTACTS_ROLE_INVALID";
    public const string ContactsRoleNationalOnly = "CONTACTS_ROLE_NATIONAL_ONLY";
    public const string ContactsRoleCountyOnly = "CONTACTS_ROLE_COUNTY_ONLY";
    public const string ContactsMunicipalityUnknown = "CONTACTS_MUNICIPALITY_UNKNOWN";
    public const string ContactsMunicipalityOtherCounty = "CONTACTS_MUNICIPALITY_OTHER_COUNTY";
    public const string ContactsMunicipalityMissing = "CONTACTS_MUNICIPALITY_MISSING";
    public const string ContactsNameMissing = "CONTACTS_NAME_MISSING";
    public const string ContactsTextTooLong = "CONTACTS_TEXT_TOO_LONG";
    public const string ContactsEmailInvalid = "CONTACTS_EMAIL_INVALID";
    public const string ContactsEmailMissing = "CONTACTS_EMAIL_MISSING";
    public const string ContactsGrantInformationInvalid = "CONTACTS_GRANT_INFORMATION_INVALID";

    // Cross-checks with the county's grant register (Grants.GrantCrossCheck, docs/obligations.md); warnings only
    public const string GrantAmountDiffers = "GRANT_AMOUNT_DIFFERS";
    public const string OperationNotInGrantRegister = "OPERATION_NOT_IN_GRANT_REGISTER";
    public const string FullTimeEquivalentsAboveGranted = "FTE_ABOVE_GRANTED";

    // Grant register (Grants.GrantFindings); its value cells also use the shared value codes above
    public const string GrantsPathInvalid = "GRANTS_PATH_INVALID";
    public const string GrantsHeaderInvalid = "GRANTS_HEADER_INVALID";
    public const string GrantsRowsTooMany = "GRANTS_ROWS_TOO_MANY";
    public const string GrantsValueNotADate = "GRANTS_VALUE_NOT_A_DATE";
    public const string GrantsAppliedOutOfRange = "GRANTS_APPLIED_OUT_OF_RANGE";
    public const string GrantsAmountWithoutGrant = "GRANTS_AMOUNT_WITHOUT_GRANT";
    public const string GrantsDateWithoutDecision = "GRANTS_DATE_WITHOUT_DECISION";
    public const string GrantsDecidedBeforeReceived = "GRANTS_DECIDED_BEFORE_RECEIVED";
    public const string GrantsPaidExceedsGranted = "GRANTS_PAID_EXCEEDS_GRANTED";
    public const string GrantsOperationDuplicate = "GRANTS_OPERATION_DUPLICATE";
    public const string GrantsGrantedFteOutOfRange = "GRANTS_GRANTED_FTE_OUT_OF_RANGE";
    public const string GrantsGrantedFteWithoutGrant = "GRANTS_GRANTED_FTE_WITHOUT_GRANT";

    // Grant register warnings (Grants.GrantFindings): accepted, flagged for the county board to look at
    public const string GrantsApplicationLate = "GRANTS_APPLICATION_LATE";
    public const string GrantsAmountRateDiffers = "GRANTS_AMOUNT_RATE_DIFFERS";

    // County board's report (CountyBoards.CountyBoardFindings, CountyBoards.CountyBoardReportParser); its cells also use the shared value codes above
    public const string CountyBoardPathInvalid = "COUNTY_BOARD_PATH_INVALID";
    public const string CountyBoardParticipantsWithoutTraining = "COUNTY_BOARD_PARTICIPANTS_WITHOUT_TRAINING";

    /// <summary>Every code of this catalogue.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(FindingCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>The codes whose findings are Warnings (accepted, but shown); every other code is an Error.</summary>
    public static IReadOnlySet<string> Warnings { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        WaitingDaysOver365, WaitingZeroDays, ClientsPerFullTimeEquivalentHigh, PreviousYearDeviation, ContactsEmailMissing,
        CoverageOverlap, FollowUpNotInWorkbook,
        GrantAmountDiffers, OperationNotInGrantRegister, FullTimeEquivalentsAboveGranted,
        GrantsApplicationLate, GrantsAmountRateDiffers,
    };

    /// <summary>The screener's refusals: the file as a whole was not read.</summary>
    public static IReadOnlySet<string> ScreeningRefusals { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        FileEmpty, FileTooLarge, FileNotXlsx, FileLegacyXls, FileEncrypted, FileMacroEnabled, FileXlsb, FileOds,
        FileCorrupt, FileZipBomb, FileExternalLinks, FileTooManySheets, FileTooManyStrings, SheetOutsideArea, SheetTooManyCells,
    };

    /// <summary>The severity every finding with <paramref name="code"/> has.</summary>
    public static Severity SeverityOf(string code) => Warnings.Contains(code) ? Severity.Warning : Severity.Error;
}
