using System.Globalization;
using PoIntake.Core.Calendar;

namespace PoIntake.Core.Intake;

/// <summary>
/// The day the county board received a report (förordning (2013:522) 10 §: the report is due to the county board by
/// 15 January; förvaltningslagen (2017:900) 22 §: a document has come in on the day it reaches the authority), which may be
/// earlier than the day it was uploaded: the county board states it on the upload page, in the POST
/// (<c>?receivedOn=yyyy-MM-dd</c>) or as blob metadata <c>receivedon</c> on a dropped file. Unstated, it is the Swedish
/// calendar day (Europe/Stockholm) of the upload. A stated day must be a date (yyyy-MM-dd), no later than the upload's day
/// and no earlier than 1 January of the reported year (a report of a year cannot be received before the year began);
/// otherwise the file is refused with <see cref="FindingCodes.ReceivedOnInvalid"/> or <see cref="FindingCodes.ReceivedOnInFuture"/>.
/// Lateness (status) is judged by this day, not by the upload time.
/// </summary>
public static class ReceivedOn
{
    /// <summary>The blob metadata key a dropped report may carry (value yyyy-MM-dd).</summary>
    public const string MetadataKey = "receivedon";

    /// <summary>The query parameter of <c>POST /api/reports/{year}/{countyCode}</c> and the upload page's field.</summary>
    public const string QueryParameter = "receivedOn";

    /// <summary>The text form stored and shown (ISO 8601 date).</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>The received day an upload at <paramref name="uploadedAt"/> has when none is stated.</summary>
    public static DateOnly Default(DateTimeOffset uploadedAt) => SwedishCalendar.SwedishDate(uploadedAt);

    /// <summary>
    /// The received day of a report of <paramref name="year"/> uploaded at <paramref name="uploadedAt"/>, from the stated text
    /// (null or blank: the upload's day), or the Error finding (Swedish) that refuses it.
    /// </summary>
    public static (DateOnly Day, Finding? Problem) Resolve(string? stated, int year, DateTimeOffset uploadedAt)
    {
        var uploadDay = Default(uploadedAt);
        if (string.IsNullOrWhiteSpace(stated))
        {
            return (uploadDay, null);
        }

        var text = stated.Trim();
        if (!DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (uploadDay, Finding.ForFile(
                FindingCodes.ReceivedOnInvalid,
                $"Mottagningsdatumet \"{Cut(text)}\" är inget datum. Förväntat: ett datum som ÅÅÅÅ-MM-DD, till exempel {year + 1}-01-14.",
                "Ange den dag länsstyrelsen tog emot rapporten som ÅÅÅÅ-MM-DD och ladda upp filen igen, eller lämna fältet tomt om det är i dag."));
        }

        if (day > uploadDay)
        {
            return (uploadDay, Finding.ForFile(
                FindingCodes.ReceivedOnInFuture,
                $"Mottagningsdatumet {day.ToString(Format, CultureInfo.InvariantCulture)} ligger efter uppladdningsdagen {uploadDay.ToString(Format, CultureInfo.InvariantCulture)}. Förväntat: den dag länsstyrelsen tog emot rapporten, senast i dag.",
                "Ange den dag länsstyrelsen faktiskt tog emot rapporten och ladda upp filen igen."));
        }

        var earliest = new DateOnly(year, 1, 1);
        if (day < earliest)
        {
            return (uploadDay, Finding.ForFile(
                FindingCodes.ReceivedOnInvalid,
                $"Mottagningsdatumet {day.ToString(Format, CultureInfo.InvariantCulture)} ligger före redovisningsåret {year}. Förväntat: ett datum från {earliest.ToString(Format, CultureInfo.InvariantCulture)} till i dag.",
                "Kontrollera datumet (och att filen laddas upp för rätt redovisningsår) och ladda upp filen igen."));
        }

        return (day, null);
    }

    /// <summary>The stored text of a day.</summary>
    public static string Text(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>A stored text read back; null for a row written before the received day was stored.</summary>
    public static DateOnly? Parse(string? stored) =>
        DateOnly.TryParseExact(stored, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
