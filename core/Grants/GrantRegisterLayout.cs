namespace PoIntake.Core.Grants;

/// <summary>
/// The grant register workbook (docs/grants.md): sheet <see cref="SheetName"/>, the year in <see cref="YearCell"/>, the
/// header in row <see cref="HeaderRow"/> and one application per row below it. The template
/// (<see cref="GrantRegisterTemplate"/>) and the parser (<see cref="GrantRegisterParser"/>) both read their labels here.
/// </summary>
public static class GrantRegisterLayout
{
    public const string SheetName = "Ansökningar";

    public const int TitleRow = 1;
    public const int HintRow = 2;

    /// <summary>Row of the label "Bidragsår" (column A) and the year (column B).</summary>
    public const int YearRow = 3;

    public const string YearLabel = "Bidragsår";

    public const string YearCell = "B3";

    public const int HeaderRow = 5;

    public const int FirstDataRow = HeaderRow + 1;

    /// <summary>Rows the blank template marks for input (more may be added below).</summary>
    public const int TemplateRows = 40;

    public const string Operation = "Verksamhet";
    public const string Municipalities = "Kommuner";
    public const string ReceivedOn = "Ansökan inkom";
    public const string Applied = "Sökta ombudstjänster (årsarbetare)";
    public const string Decision = "Beslut";
    public const string GrantedFullTimeEquivalents = "Beviljade årsarbetare";
    public const string Granted = "Beviljat belopp (kr)";
    public const string DecidedOn = "Beslutsdatum";
    public const string Paid = "Utbetalt belopp (kr)";
    public const string ContactName = "Kontaktperson";
    public const string ContactEmail = "E-post";

    /// <summary>The header of columns A–K in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        [Operation, Municipalities, ReceivedOn, Applied, Decision, GrantedFullTimeEquivalents, Granted, DecidedOn, Paid, ContactName, ContactEmail];

    /// <summary>The 1-based column of a header label.</summary>
    public static int Column(string label) => IndexOf(label) + 1;

    /// <summary>The column letter of a header label (A–K).</summary>
    public static string Letter(string label) => ((char)('A' + IndexOf(label))).ToString();

    /// <summary>The Swedish text of each decision in column Beslut; an empty cell is <see cref="GrantDecision.Pending"/>.</summary>
    public static IReadOnlyList<(GrantDecision Decision, string Label)> Decisions { get; } =
    [
        (GrantDecision.Granted, "Beviljat"),
        (GrantDecision.Refused, "Avslag"),
        (GrantDecision.Pending, "Ej beslutad"),
    ];

    public static string Label(GrantDecision decision) => Decisions.First(d => d.Decision == decision).Label;

    private static int IndexOf(string label)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == label)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{label}' is no column of the grant register.", nameof(label));
    }
}
