using System.Collections.Concurrent;
using System.Text;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Storage;

/// <summary>
/// Stands in for the screener and parser (our ports) until the real ones are on main: each registered "workbook" is
/// unique bytes that parse to the report and findings given. Unknown bytes are refused like a non-workbook file.
/// </summary>
internal sealed class FakeWorkbooks(int maxFileBytes) : IWorkbookScreener, IReportParser
{
    private readonly ConcurrentDictionary<string, ParseResult> _byContent = new(StringComparer.Ordinal);

    /// <summary>Called with the content length each time the screener runs.</summary>
    public ConcurrentQueue<int> ScreenedLengths { get; } = new();

    /// <summary>When set, Parse throws it (a bug in the parser, as seen by the intake).</summary>
    public Exception? ParseFailure { get; set; }

    public byte[] Register(AnnualReport? report, params Finding[] findings)
    {
        var bytes = Encoding.UTF8.GetBytes("fake-workbook:" + Guid.NewGuid().ToString("N"));
        _byContent[Convert.ToBase64String(bytes)] = new ParseResult(report, findings, new Dictionary<string, CellLocation>());
        return bytes;
    }

    public IReadOnlyList<Finding> Screen(ReadOnlyMemory<byte> content)
    {
        ScreenedLengths.Enqueue(content.Length);
        if (content.Length > maxFileBytes)
        {
            return [Error("FILE_TOO_LARGE")];
        }

        return _byContent.ContainsKey(Convert.ToBase64String(content.Span)) ? [] : [Error("FILE_NOT_XLSX")];
    }

    public ParseResult Parse(ReadOnlyMemory<byte> content, ExpectedOrigin origin)
    {
        if (ParseFailure is { } failure)
        {
            throw failure;
        }

        // The real parser's one read applies the screening rules first, so the fake does too.
        if (Screen(content) is { Count: > 0 } refusals)
        {
            return new ParseResult(null, refusals, new Dictionary<string, CellLocation>());
        }

        return _byContent[Convert.ToBase64String(content.Span)];
    }

    public static Finding Error(string code) => new(code, Severity.Error, null, null, null, "Fel", "Rätta");

    public static Finding Warning(string code) => new(code, Severity.Warning, "Klienter", "C5", "Kvinnor", "Varning", "Kontrollera");
}
