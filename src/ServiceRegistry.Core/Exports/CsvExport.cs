using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>
/// The services sheet of <see cref="CardSheets"/> as CSV (RFC 4180), UTF-8 with a BOM so Excel reads the Persian.
/// A cell a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or a carriage return) is written
/// quoted with a single quote in front (OWASP's advice against CSV injection), unless it is a plain number such as
/// -12 or 3.5, which a spreadsheet reads as that number and never as a formula.
/// </summary>
public static partial class CsvExport
{
    public static async Task WriteAsync(IAsyncEnumerable<ServiceCard> cards, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var headers = new List<string> { CardSheets.KeyHeader };
        headers.AddRange(CardSheets.Services.Select(c => c.Header));
        headers.Add(CardSheets.TemplateHeader);
        headers.AddRange(CardSheets.ComputedHeaders);
        await writer.WriteLineAsync(string.Join(',', headers.Select(Quote)));
        var line = new StringBuilder();
        await foreach (var card in cards.WithCancellation(ct))
        {
            line.Clear().Append(card.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var column in CardSheets.Services)
            {
                line.Append(',').Append(Quote(column.Get(card.Content)));
            }

            line.Append(',').Append(Quote(CardSheets.TemplateLink(card)));

            foreach (var value in CardSheets.Computed(card))
            {
                line.Append(',').Append(Quote(value));
            }

            await writer.WriteLineAsync(line, ct);
        }
    }

    /// <summary>The characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
    /// that some strip before doing so).</summary>
    private const string FormulaStarts = "=+-@\t\r";

    internal static string Quote(string? value) =>
        value is null ? "" :
        IsFormula(value) ? "\"'" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>True when a spreadsheet opening the file could take <paramref name="value"/> for a formula.</summary>
    internal static bool IsFormula(string value) =>
        value.Length > 0 && FormulaStarts.Contains(value[0], StringComparison.Ordinal) && !PlainNumber().IsMatch(value);

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
