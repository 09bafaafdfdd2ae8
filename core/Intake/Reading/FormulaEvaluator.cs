using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Screening;

namespace PoIntake.Core.Intake.Reading;

/// <summary>
/// Gives formulas without a saved value (files written by scripts such as openpyxl, or by ClosedXML) a value, but only
/// small ones: the ranges a formula refers to may cover at most <see cref="ScreeningOptions.MaxFormulaCells"/> cells and
/// all evaluated formulas of the workbook together <see cref="ScreeningOptions.MaxEvaluatedCells"/>; any other becomes
/// a "not evaluated" value (FORMULA_NOT_EVALUATED when read). A sum of ranges is added up directly; anything else is
/// evaluated by ClosedXML in a scratch workbook that holds only the cells the formula refers to.
/// </summary>
internal sealed partial class FormulaEvaluator
{
    /// <summary>A chain of formulas is followed by recursion; past this depth it continues on a thread with a large stack.</summary>
    private const int MaxDepthOnCallerStack = 200;

    private const int EvaluationThreadStackBytes = 256 * 1024 * 1024;

    /// <summary>Deepest chain followed (about 2.5 kB of the large stack per link), whatever the budget is configured to.</summary>
    private const int MaxChainDepth = 100_000;

    private readonly Dictionary<string, ResolvedSheet> _sheets;
    private readonly Dictionary<ResolvedSheet, string> _names = [];
    private readonly ScreeningOptions _limits;
    private readonly Dictionary<(ResolvedSheet Sheet, int Index), string> _pending = [];
    private readonly HashSet<(ResolvedSheet Sheet, int Index)> _evaluating = [];
    private readonly HashSet<(ResolvedSheet Sheet, int Index)> _copied = [];
    private long _spent;
    private int _depth;
    private bool _onLargeStack;
    private XLWorkbook? _scratch;

    private FormulaEvaluator(IReadOnlyList<(string Name, ResolvedSheet Sheet)> sheets, ScreeningOptions limits)
    {
        _limits = limits;
        _sheets = new Dictionary<string, ResolvedSheet>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, sheet) in sheets)
        {
            _sheets.TryAdd(name, sheet);
            _names[sheet] = name;
            foreach (var (index, formula) in sheet.Pending)
            {
                _pending[(sheet, index)] = formula;
            }
        }
    }

    public static void EvaluatePending(IReadOnlyList<(string Name, ResolvedSheet Sheet)> sheets, ScreeningOptions limits)
    {
        if (sheets.Any(s => s.Sheet.Pending.Count > 0))
        {
            new FormulaEvaluator(sheets, limits).EvaluateAll();
        }
    }

    /// <summary>Runs a deep part of a chain on a thread with a large stack: no chain the budget allows can overflow it.</summary>
    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Rethrown on the caller's thread below.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            EvaluationThreadStackBytes)
        {
            Name = "PoIntake formula evaluation",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private void EvaluateAll()
    {
        try
        {
            foreach (var key in _pending.Keys.ToList())
            {
                Evaluate(key.Sheet, key.Index);
            }
        }
        finally
        {
            _scratch?.Dispose();
        }
    }

    private CellValue Evaluate(ResolvedSheet sheet, int index)
    {
        // Most formulas (a template's sums) are evaluated on the caller's thread; only a long chain moves on.
        if (_depth >= MaxDepthOnCallerStack && !_onLargeStack)
        {
            return OnLargeStack(() =>
            {
                _onLargeStack = true;
                try
                {
                    return Evaluate(sheet, index);
                }
                finally
                {
                    _onLargeStack = false;
                }
            });
        }

        if (_depth >= MaxChainDepth)
        {
            return CellValue.FromFailedFormula("formlerna hänvisar till varandra i en för lång kedja");
        }

        _depth++;
        try
        {
            return EvaluateCore(sheet, index);
        }
        finally
        {
            _depth--;
        }
    }

    private CellValue EvaluateCore(ResolvedSheet sheet, int index)
    {
        var key = (sheet, index);
        if (!_pending.TryGetValue(key, out var formula))
        {
            return sheet.Cells[index].Value;
        }

        if (!_evaluating.Add(key))
        {
            return CellValue.FromFailedFormula("cirkelreferens");
        }

        var value = Compute(sheet, sheet.Cells[index].Row, sheet.Cells[index].Column, formula);
        _evaluating.Remove(key);
        _pending.Remove(key);
        sheet.Cells[index] = (sheet.Cells[index].Row, sheet.Cells[index].Column, value);
        return value;
    }

    private CellValue Compute(ResolvedSheet sheet, int row, int column, string formula)
    {
        if (FormulaReferences.TryParse(formula, _names[sheet]) is not { } ranges)
        {
            return CellValue.FromFormulaNotEvaluated("formeln hänvisar till namn eller tabeller som inte kan beräknas här");
        }

        var cells = ranges.Sum(r => r.Cells);
        if (cells > _limits.MaxFormulaCells)
        {
            return CellValue.FromFormulaNotEvaluated($"formeln räknar med {cells.ToString("#,0", Swedish)} celler, fler än {_limits.MaxFormulaCells.ToString("#,0", Swedish)}");
        }

        if (_spent + cells > _limits.MaxEvaluatedCells)
        {
            // The workbook's budget is spent: FORMULA_FAILED, as the 10 000-formula limit before it.
            return CellValue.FromFailedFormula("arbetsboken har för många formler utan sparade värden för att beräknas");
        }

        _spent += cells;

        // What the formula refers to is evaluated first, so a chain is followed here, cell by cell, within the budget.
        var referenced = new List<(ResolvedSheet Sheet, int Index)>();
        foreach (var range in ranges)
        {
            if (!_sheets.TryGetValue(range.Sheet, out var target))
            {
                continue;
            }

            foreach (var i in CellsIn(target, range))
            {
                var value = Evaluate(target, i);
                if (value.Kind is CellKind.FormulaFailed or CellKind.FormulaNotEvaluated)
                {
                    return value;
                }

                referenced.Add((target, i));
            }
        }

        return SumOfRanges().IsMatch(formula) && ranges.All(r => _sheets.ContainsKey(r.Sheet)) && TrySum(referenced, out var sum)
            ? sum
            : WithClosedXml(sheet, row, column, formula, referenced);
    }

    /// <summary>The cells of the range that hold something, by walking the smaller of the range and the sheet.</summary>
    private static IEnumerable<int> CellsIn(ResolvedSheet sheet, CellRange range)
    {
        if (range.Cells <= sheet.Cells.Count)
        {
            for (var r = range.FirstRow; r <= range.LastRow; r++)
            {
                for (var c = range.FirstColumn; c <= range.LastColumn; c++)
                {
                    if (sheet.Find(r, c) is { } i)
                    {
                        yield return i;
                    }
                }
            }

            yield break;
        }

        for (var i = 0; i < sheet.Cells.Count; i++)
        {
            var (r, c, _) = sheet.Cells[i];
            if (r >= range.FirstRow && r <= range.LastRow && c >= range.FirstColumn && c <= range.LastColumn)
            {
                yield return i;
            }
        }
    }

    /// <summary>A sum of numbers and empty cells; anything else (text, errors, booleans) is left to ClosedXML's rules.</summary>
    private static bool TrySum(List<(ResolvedSheet Sheet, int Index)> referenced, out CellValue sum)
    {
        double total = 0;
        foreach (var (sheet, index) in referenced)
        {
            var value = sheet.Cells[index].Value;
            if (value.Kind == CellKind.Number)
            {
                total += value.Number;
            }
            else if (!value.IsEmpty)
            {
                sum = CellValue.Empty;
                return false;
            }
        }

        sum = CellValue.FromNumber(total);
        return true;
    }

    private CellValue WithClosedXml(ResolvedSheet sheet, int row, int column, string formula, List<(ResolvedSheet Sheet, int Index)> referenced)
    {
        try
        {
            _scratch ??= new XLWorkbook();
            foreach (var (source, index) in referenced)
            {
                if (_copied.Add((source, index)))
                {
                    var (r, c, value) = source.Cells[index];
                    Put(Worksheet(_names[source]).Cell(r, c), value);
                }
            }

            var cell = Worksheet(_names[sheet]).Cell(row, column);
            cell.FormulaA1 = formula;
            var result = FromObject(cell.Value);
            _copied.Add((sheet, sheet.Find(row, column)!.Value));
            Put(cell, result);
            return result;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("ircular", StringComparison.Ordinal))
        {
            return CellValue.FromFailedFormula("cirkelreferens");
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // ClosedXML's CalcEngine signals Excel's error values with its own exception types.
            return ex.GetType().Name switch
            {
                "DivisionByZeroException" or nameof(DivideByZeroException) => CellValue.FromError("#DIV/0!"),
                "CellReferenceException" => CellValue.FromError("#REF!"),
                "NameNotRecognizedException" => CellValue.FromError("#NAME?"),
                "CellValueException" => CellValue.FromError("#VALUE!"),
                "NoValueAvailableException" => CellValue.FromError("#N/A"),
                "NumberException" => CellValue.FromError("#NUM!"),
                "NullValueException" => CellValue.FromError("#NULL!"),
                _ => CellValue.FromFailedFormula("beräkningen misslyckades"),
            };
        }
    }

    private IXLWorksheet Worksheet(string name) =>
        _scratch!.Worksheets.TryGetWorksheet(name, out var worksheet) ? worksheet : _scratch.AddWorksheet(name);

    /// <summary>Error values stay empty, as ClosedXML loaded plain error cells; the error itself is reported where it stands.</summary>
    private static void Put(IXLCell cell, CellValue value)
    {
        switch (value.Kind)
        {
            case CellKind.Number:
                cell.SetValue(value.Number);
                break;
            case CellKind.Boolean:
                cell.SetValue(value.Number != 0);
                break;
            case CellKind.Text or CellKind.Date:
                cell.SetValue(value.Text);
                break;
            default:
                cell.Clear(XLClearOptions.Contents);
                break;
        }
    }

    private static CellValue FromObject(object? value) => value switch
    {
        null => CellValue.Empty,
        double d => double.IsFinite(d) ? CellValue.FromNumber(d) : CellValue.FromError("#NUM!"),
        int i => CellValue.FromNumber(i),
        long l => CellValue.FromNumber(l),
        decimal m => CellValue.FromNumber((double)m),
        bool b => CellValue.FromBoolean(b),
        DateTime dt => CellValue.FromDate(dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => CellValue.FromNumber(n),
        string s => CellValue.FromText(s),
        _ => CellValue.FromText(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private const string Reference = @"(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?";

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>SUM over references only (no constants, no nested functions).</summary>
    [GeneratedRegex(@"^\s*=?\s*SUM\(\s*" + Reference + @"(\s*,\s*" + Reference + @")*\s*\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SumOfRanges();
}
