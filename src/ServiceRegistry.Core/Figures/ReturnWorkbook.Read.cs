using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Figures;

/// <summary>A problem of an uploaded return workbook, where it is: sheet, row (1-based, as Excel numbers it) and column header.</summary>
public sealed record WorkbookProblem(string Sheet, int Row, string? Column, string Message)
{
    public override string ToString() =>
        $"برگه «{Sheet}»، ردیف {PersianText.ToPersianDigits(Row.ToString(CultureInfo.InvariantCulture))}{(Column is null ? "" : $"، ستون «{Column}»")}: {Message}";
}

/// <summary>A service row read from an uploaded return workbook: the card, the version the template was made from, whether
/// to submit, and the figures.</summary>
public sealed record WorkbookLine(int Row, int CardId, int? Version, bool Submit, QuarterFigures Figures);

/// <summary>What an uploaded return workbook says: the quarter and agency of its guide sheet, its rows, and every problem found.</summary>
public sealed record WorkbookContent(Quarter? Period, int? AgencyId, IReadOnlyList<WorkbookLine> Lines, IReadOnlyList<WorkbookProblem> Problems);

public static partial class ReturnWorkbook
{
    /// <summary>Largest part of the workbook that is read (5,000 services are about 1 MB of sheet XML).</summary>
    public const long MaxPartBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Reads an uploaded workbook. A file that is not a readable .xlsx (or is a zip bomb) is an <see cref="InvalidDataException"/>
    /// with a Persian message; everything else wrong is a <see cref="WorkbookProblem"/> naming its sheet, row and column.
    /// Columns are found by their header, so their order does not matter. The figures' own rules
    /// (<see cref="QuarterFigures.Problems"/>) are checked here too, so the report is complete before anything is saved.
    /// </summary>
    public static WorkbookContent Read(byte[] workbook, CancellationToken ct = default) =>
        WorkbookFile.Read(workbook, MaxPartBytes, Read, ct);

    private static WorkbookContent Read(SpreadsheetDocument document)
    {
        var book = document.WorkbookPart ?? throw new InvalidDataException("فایل کارپوشه اکسل نیست.");
        var shared = WorkbookFile.SharedStrings(book);
        WorksheetPart? Part(string name) =>
            book.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name) is { Id.Value: { } id }
            && book.TryGetPartById(id, out var part) && part is WorksheetPart { Worksheet: not null } sheet ? sheet : null;

        var data = Part(DataSheet) ?? throw new InvalidDataException($"برگه «{DataSheet}» در فایل نیست؛ الگوی آمار فصلی را از سامانه دریافت کنید.");
        var problems = new List<WorkbookProblem>();

        Quarter? period = null;
        int? agencyId = null;
        if (Part(GuideSheet) is { } guide)
        {
            foreach (var (_, cells) in Rows(guide, shared))
            {
                var label = cells.GetValueOrDefault(0, "").Trim();
                var value = cells.GetValueOrDefault(1, "").Trim();
                if (label == PeriodLabel && Quarter.TryParse(value, out var q))
                {
                    period = q;
                }
                else if (label == AgencyIdLabel && PersianText.TryParseInteger(value, out var a) && a <= int.MaxValue)
                {
                    agencyId = (int)a;
                }
            }
        }

        var lines = new List<WorkbookLine>();
        Dictionary<string, int>? columns = null;
        var seen = new Dictionary<int, int>();
        foreach (var (row, cells) in Rows(data, shared))
        {
            if (columns is null)
            {
                columns = cells.Where(c => c.Value.Length > 0).GroupBy(c => c.Value.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
                foreach (var missing in Headers.Where(h => h != ServiceIdHeader && h != TitleHeader && !columns.ContainsKey(h)))
                {
                    problems.Add(new(DataSheet, row, missing, "این ستون در ردیف سرآیند نیست؛ الگو را تغییر ندهید."));
                }

                continue;
            }

            string Cell(string header) => columns.TryGetValue(header, out var i) ? cells.GetValueOrDefault(i, "").Trim() : "";
            var figureCells = ReturnColumns.All.Select(c => (string?)Cell(c.Header)).ToList();
            var idText = Cell(IdHeader);
            if (idText.Length == 0)
            {
                if (figureCells.Any(c => c!.Length > 0))
                {
                    problems.Add(new(DataSheet, row, IdHeader, "خالی است؛ ردیف‌های الگو را با شناسه‌شان نگه دارید."));
                }

                continue;
            }

            if (!PersianText.TryParseInteger(idText, out var id) || id is 0 or > int.MaxValue)
            {
                problems.Add(new(DataSheet, row, IdHeader, $"«{idText}» شناسه خدمت در سامانه نیست."));
                continue;
            }

            if (seen.TryGetValue((int)id, out var first))
            {
                problems.Add(new(DataSheet, row, IdHeader, $"این خدمت در ردیف {PersianText.ToPersianDigits(first.ToString(CultureInfo.InvariantCulture))} هم آمده است."));
                continue;
            }

            seen[(int)id] = row;
            int? version = null;
            var versionText = Cell(VersionHeader);
            if (versionText.Length > 0)
            {
                if (PersianText.TryParseInteger(versionText, out var v) && v is > 0 and <= int.MaxValue)
                {
                    version = (int)v;
                }
                else
                {
                    problems.Add(new(DataSheet, row, VersionHeader, $"«{versionText}» شماره نسخه نیست؛ این ستون را تغییر ندهید."));
                }
            }

            var submitText = PersianText.Normalize(Cell(SubmitHeader));
            var submit = submitText == PersianText.Normalize(Yes);
            if (submitText.Length > 0 && !submit && submitText != PersianText.Normalize(No))
            {
                problems.Add(new(DataSheet, row, SubmitHeader, $"«{Cell(SubmitHeader)}» پذیرفته نیست؛ «{Yes}» یا «{No}» بنویسید."));
            }

            var errors = new List<(int Column, string Message)>();
            var figures = ReturnColumns.FromCells(figureCells, errors);
            problems.AddRange(errors.Select(e => new WorkbookProblem(DataSheet, row, ReturnColumns.All[e.Column].Header, Unquoted(e.Message, ReturnColumns.All[e.Column].Header))));
            if (errors.Count == 0)
            {
                problems.AddRange(figures.Problems().Select(p => new WorkbookProblem(DataSheet, row, ReturnColumns.HeaderOf(p.Path), p.Message)));
            }

            lines.Add(new WorkbookLine(row, (int)id, version, submit, figures));
        }

        return new WorkbookContent(period, agencyId, lines, problems);
    }

    /// <summary>The grid's message without its leading «column»: (the problem names the column itself).</summary>
    private static string Unquoted(string message, string header)
    {
        var prefix = $"«{header}»: ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    /// <summary>The rows of a sheet as column index → text, with their 1-based row numbers; blank rows are skipped.</summary>
    private static IEnumerable<(int Row, Dictionary<int, string> Cells)> Rows(WorksheetPart part, IReadOnlyList<string> shared) =>
        WorkbookFile.Rows(part, cell => Text(cell, shared)).Where(r => r.Cells.Count > 0);

    private static string Text(Cell cell, IReadOnlyList<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(value, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Count ? shared[index] : "";
        }

        // Excel stores 0.1 + 0.2 style binary fractions (85.000000000000014): a number cell is read as the shortest decimal.
        return (cell.DataType is null || cell.DataType.Value == CellValues.Number)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Math.Round(number, 6).ToString("0.######", CultureInfo.InvariantCulture)
            : value;
    }
}
