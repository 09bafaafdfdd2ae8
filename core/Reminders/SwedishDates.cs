namespace PoIntake.Core.Reminders;

/// <summary>Swedish date text ("måndag 17 januari 2028") without depending on the host's culture data.</summary>
internal static class SwedishDates
{
    private static readonly string[] Weekdays = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];

    private static readonly string[] Months =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    public static string Long(DateOnly date) =>
        $"{Weekdays[(int)date.DayOfWeek]} {date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"15 januari" (no weekday, no year).</summary>
    public static string DayMonth(DateOnly date) => $"{date.Day} {Months[date.Month - 1]}";
}
