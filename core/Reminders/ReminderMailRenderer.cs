using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Reminders;

/// <summary>Swedish reminder texts, plain and HTML; every value in the HTML is encoded.</summary>
public sealed class ReminderMailRenderer(IOptions<ReminderOptions> options)
{
    private const string Footer = "Meddelandet skickas automatiskt av PoIntake och går bara till dig. Svara inte på det.";

    public (string Subject, string PlainText, string Html) ReportContact(ReminderSlot slot, DateOnly today, IReadOnlyList<MissingReport> missing)
    {
        var deadline = slot.Deadline;
        var subject = slot.Offset < 0
            ? $"Påminnelse: årsrapporten om personligt ombud för {deadline.ReportedYear} ska vara inne senast {SwedishDates.Long(deadline.Date)}"
            : $"Årsrapporten om personligt ombud för {deadline.ReportedYear} saknas – sista dagen var {SwedishDates.Long(deadline.Date)}";
        var template = TemplateLink(deadline.ReportedYear);
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Årsrapporten om personligt ombud för {deadline.ReportedYear} ska lämnas till länsstyrelsen senast {SwedishDates.Long(deadline.Date)}. " +
            Moved(deadline) + DaysLeft(deadline, today));
        body.Paragraph("Vi har ännu ingen godkänd rapport eller nollrapport för:");
        body.List(missing.Select(m => $"{m.OperationName} ({Join(m.MunicipalityNames)})"));
        body.Paragraph(
            $"Gör så här: fyll i rapportmallen för {deadline.ReportedYear} och lämna den till länsstyrelsen i ert län. " +
            "Om verksamheten inte bedrevs under året lämnar ni en nollrapport i samma mall.");
        body.Link("Rapportmallen", template);
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    public (string Subject, string PlainText, string Html) CountyBoardSummary(
        ReminderSlot slot, DateOnly today, string countyName, ObligationRule rule, IReadOnlyList<MissingReport> missing, IReadOnlyList<UnreachableContact> unreachable)
    {
        var deadline = slot.Deadline;
        var subject = $"Sammanställning: {missing.Count} årsrapporter för {deadline.ReportedYear} saknas i {countyName} (sista dag {SwedishDates.Long(deadline.Date)})";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Sista dagen för årsrapporterna om personligt ombud för {deadline.ReportedYear} är {SwedishDates.Long(deadline.Date)}. " +
            Moved(deadline) + DaysLeft(deadline, today));
        body.Paragraph(rule == ObligationRule.GrantRegister
            ? $"Dessa verksamheter i {countyName} beviljades statsbidrag för {deadline.ReportedYear} enligt länets bidragsregister men har ännu ingen godkänd rapport eller nollrapport:"
            : $"Länet har inget bidragsregister för {deadline.ReportedYear}. Dessa verksamheter i {countyName} rapporterade för {deadline.ReportedYear - 1} men har ännu ingen godkänd rapport för {deadline.ReportedYear}:");
        body.List(missing.Select(m => $"{m.OperationName} ({Join(m.MunicipalityNames)})"));
        if (unreachable.Count > 0)
        {
            body.Paragraph("Dessa kontakter har ingen e-postadress och har därför inte fått någon påminnelse:");
            body.List(unreachable.Select(u => $"{u.Name} ({u.What})"));
        }

        body.Paragraph("De som saknas har fått en påminnelse med länk till rapportmallen. Komplettera gärna kontaktregistret (contacts/{länskod}.xlsx).");
        body.Link("Rapportmallen", TemplateLink(deadline.ReportedYear));
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    /// <summary>
    /// The 1 March reminder: <paramref name="municipalityNames"/> the contact's municipalities that have not applied,
    /// <paramref name="grantedLastYear"/> the verksamheter granted money last year that have not applied (with their municipalities).
    /// </summary>
    public (string Subject, string PlainText, string Html) GrantApplication(
        ReminderSlot slot, DateOnly today, IReadOnlyList<string> municipalityNames, IReadOnlyList<MissingReport> grantedLastYear)
    {
        var deadline = slot.Deadline;
        var subject = $"Påminnelse: ansökan om statsbidrag för personligt ombud {deadline.Year} senast {SwedishDates.Long(deadline.Date)}";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Kommuner som vill ha statsbidrag för personligt ombud {deadline.Year} ska ansöka hos länsstyrelsen senast {SwedishDates.Long(deadline.Date)}. " +
            Moved(deadline) + DaysLeft(deadline, today));
        if (municipalityNames.Count > 0)
        {
            body.Paragraph($"Du står som kontaktperson för: {Join(municipalityNames)}. Länsstyrelsen har ännu ingen ansökan för {deadline.Year} från {(municipalityNames.Count == 1 ? "kommunen" : "kommunerna")}.");
        }

        if (grantedLastYear.Count > 0)
        {
            body.Paragraph($"Dessa verksamheter fick statsbidrag för {deadline.Year - 1} men har ännu ingen ansökan för {deadline.Year}:");
            body.List(grantedLastYear.Select(m => $"{m.OperationName} ({Join(m.MunicipalityNames)})"));
        }

        body.Paragraph("Gör så här: skicka ansökan till länsstyrelsen i ert län.");
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    /// <summary>
    /// The one informational mail a year to a municipality without personligt ombud that its county board opted in: applying
    /// is a possibility, nothing is owed.
    /// </summary>
    public (string Subject, string PlainText, string Html) GrantInformation(ReminderSlot slot, DateOnly today, IReadOnlyList<string> municipalityNames)
    {
        var deadline = slot.Deadline;
        var subject = $"Information: möjlighet att söka statsbidrag för personligt ombud {deadline.Year}";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Länsstyrelsen har bett oss informera om att kommuner som vill starta eller köpa verksamhet med personligt ombud kan söka statsbidrag för {deadline.Year}. " +
            $"En ansökan ska ha kommit in till länsstyrelsen senast {SwedishDates.Long(deadline.Date)}. " + Moved(deadline) + DaysLeft(deadline, today));
        body.Paragraph($"Du står som kontaktperson för: {Join(municipalityNames)}. Det här är bara information: kommunen behöver inte göra något och får inga fler påminnelser om detta i år.");
        body.Paragraph("Vill ni veta mer, kontakta länsstyrelsen i ert län.");
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    /// <summary>A county board's "reports in" reminder: its own county's missing annual reports only.</summary>
    public (string Subject, string PlainText, string Html) CountyReportsIn(
        ReminderSlot slot, string countyName, int reportedYear, ObligationRule rule, IReadOnlyList<MissingReport> missing)
    {
        var subject = $"Länsstyrelsens påminnelse: {missing.Count} årsrapporter för {reportedYear} saknas i {countyName}";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Årsrapporterna om personligt ombud för {reportedYear} skulle lämnas till länsstyrelsen senast 15 januari {reportedYear + 1}. " +
            $"Socialstyrelsen sammanställer dem i lägesrapporten till regeringen senast 15 maj {reportedYear + 1}.");
        body.Paragraph(rule == ObligationRule.GrantRegister
            ? $"Enligt länets bidragsregister för {reportedYear} saknas ännu en godkänd rapport eller nollrapport från dessa verksamheter i {countyName}:"
            : $"Länet har inget bidragsregister för {reportedYear}. Dessa verksamheter i {countyName} rapporterade för {reportedYear - 1} men har ännu ingen godkänd rapport för {reportedYear}:");
        body.List(missing.Select(m => $"{m.OperationName} ({Join(m.MunicipalityNames)})"));
        body.Paragraph($"Har länsstyrelsen redan tagit emot en rapport, ladda upp den och ange mottagningsdagen. Påminnelsen gäller bara {countyName}.");
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    /// <summary>A county board's "register complete" reminder: its own register missing, or its applications without a decision.</summary>
    public (string Subject, string PlainText, string Html) CountyRegisterComplete(
        ReminderSlot slot, string countyName, int grantYear, bool registerSent, IReadOnlyList<MissingReport> pending)
    {
        var subject = registerSent
            ? $"Länsstyrelsens påminnelse: {pending.Count} ansökningar om statsbidrag {grantYear} i {countyName} är inte beslutade"
            : $"Länsstyrelsens påminnelse: bidragsregistret för {grantYear} saknas för {countyName}";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Ansökningarna om statsbidrag till personligt ombud för {grantYear} skulle lämnas till länsstyrelsen senast {SwedishDates.Long(Grants.ApplicationDeadline.Of(grantYear))}. " +
            "Länsstyrelsen beslutar om och betalar ut statsbidraget och för in ansökningarna i bidragsregistret.");
        if (registerSent)
        {
            body.Paragraph($"I länets bidragsregister för {grantYear} saknar dessa ansökningar ännu beslut (Ej beslutad):");
            body.List(pending.Select(m => $"{m.OperationName} ({Join(m.MunicipalityNames)})"));
        }
        else
        {
            body.Paragraph($"Länsstyrelsen i {countyName} har ännu inte lämnat något bidragsregister för {grantYear}. Länet hade personligt ombud året innan.");
        }

        body.Paragraph($"Påminnelsen gäller bara {countyName}.");
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    public (string Subject, string PlainText, string Html) StatusReport(ReminderSlot slot, DateOnly today, IReadOnlyList<CountyCompleteness> table)
    {
        var deadline = slot.Deadline;
        var missingTotal = table.Sum(c => c.Missing.Count);
        var subject = $"Lägesrapport personligt ombud {deadline.ReportedYear}: {table.Sum(c => c.Accepted)} rapporter inne, {missingTotal} saknas (sista dag {SwedishDates.Long(deadline.Date)})";
        var body = new MailBuilder();
        body.Paragraph("Hej!");
        body.Paragraph(
            $"Socialstyrelsens lägesrapport om personligt ombud ska lämnas till regeringen senast {SwedishDates.Long(deadline.Date)}. " +
            Moved(deadline) + DaysLeft(deadline, today));
        body.Paragraph($"Så här komplett är underlaget för {deadline.ReportedYear}:");
        body.Table(
            ["Län", "Underlag", "Ska rapportera", "Godkända rapporter", "Varav nollrapporter", "Saknas", "Kommuner som saknas"],
            table.Select(c => new[]
            {
                c.CountyName,
                c.Rule == ObligationRule.GrantRegister ? "bidragsregister" : "förra årets rapporter",
                c.Owed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.NilReturns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Missing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Join(c.Missing.SelectMany(m => m.MunicipalityNames).Distinct()),
            }));
        body.Paragraph(
            "Ska rapportera: verksamheter som beviljats statsbidrag enligt länets bidragsregister, eller – där länet saknar bidragsregister – " +
            $"de som lämnade en godkänd rapport för {deadline.ReportedYear - 1}. Gör så här: kontakta de länsstyrelser där rapporter saknas. Aktuella siffror finns i PoIntake.");
        body.Link("Inrapporteringsläget", options.Value.PublicBaseUrl.TrimEnd('/') + "/api/status/" + deadline.ReportedYear);
        body.Paragraph(Footer);
        return (subject, body.PlainText, body.Html);
    }

    private string TemplateLink(int year) => options.Value.PublicBaseUrl.TrimEnd('/') + "/api/template/" + year;

    private static string Moved(Deadline deadline) =>
        deadline.Moved
            ? $"Eftersom {SwedishDates.DayMonth(deadline.Nominal)} {deadline.Nominal.Year} är {deadline.MovedBecause} flyttas sista dagen till närmast följande vardag (lagen (1930:173) om beräkning av lagstadgad tid). "
            : string.Empty;

    private static string DaysLeft(Deadline deadline, DateOnly today)
    {
        var days = deadline.Date.DayNumber - today.DayNumber;
        return days switch
        {
            > 1 => $"Det är {days} dagar kvar.",
            1 => "Det är 1 dag kvar.",
            0 => "Det är sista dagen i dag.",
            -1 => "Sista dagen passerades för 1 dag sedan.",
            _ => $"Sista dagen passerades för {-days} dagar sedan.",
        };
    }

    private static string Join(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "inga kommuner angivna" : string.Join(", ", list);
    }

    /// <summary>Builds the plain and the HTML body side by side from the same parts.</summary>
    private sealed class MailBuilder
    {
        private readonly StringBuilder _plain = new();
        private readonly StringBuilder _html = new("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"></head><body>");

        public string PlainText => _plain.ToString().TrimEnd() + "\n";

        public string Html => _html + "</body></html>";

        public void Paragraph(string text)
        {
            _plain.Append(text.TrimEnd()).Append("\n\n");
            _html.Append("<p>").Append(Encode(text.TrimEnd())).Append("</p>");
        }

        public void List(IEnumerable<string> items)
        {
            _html.Append("<ul>");
            foreach (var item in items)
            {
                _plain.Append("- ").Append(item).Append('\n');
                _html.Append("<li>").Append(Encode(item)).Append("</li>");
            }

            _plain.Append('\n');
            _html.Append("</ul>");
        }

        public void Link(string label, string url)
        {
            _plain.Append(label).Append(": ").Append(url).Append("\n\n");
            _html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(label)).Append("</a></p>");
        }

        public void Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
        {
            _plain.Append(string.Join(" | ", headers)).Append('\n');
            _html.Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><thead><tr>");
            foreach (var header in headers)
            {
                _html.Append("<th>").Append(Encode(header)).Append("</th>");
            }

            _html.Append("</tr></thead><tbody>");
            foreach (var row in rows)
            {
                _plain.Append(string.Join(" | ", row)).Append('\n');
                _html.Append("<tr>");
                foreach (var cell in row)
                {
                    _html.Append("<td>").Append(Encode(cell)).Append("</td>");
                }

                _html.Append("</tr>");
            }

            _plain.Append('\n');
            _html.Append("</tbody></table>");
        }

        private static string Encode(string value) => WebUtility.HtmlEncode(value);
    }
}
