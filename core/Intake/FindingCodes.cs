namespace PoIntake.Core.Intake;

/// <summary>
/// The stable codes of the parser's and comparer's findings (docs/findings.md). Screening codes live with the screener.
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

    // Warnings
    public const string WaitingDaysOver365 = "WAITING_DAYS_OVER_365";
    public const string WaitingZeroDays = "WAITING_ZERO_DAYS";
    public const string ClientsPerFullTimeEquivalentHigh = "CLIENTS_PER_FTE_HIGH";
    public const string PreviousYearDeviation = "PREVIOUS_YEAR_DEVIATION";
}
