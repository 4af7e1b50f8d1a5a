using System.Globalization;
using System.Text;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>The services sheet of <see cref="CardSheets"/> as CSV (RFC 4180), UTF-8 with a BOM so Excel reads the Persian.</summary>
public static class CsvExport
{
    public static async Task WriteAsync(IAsyncEnumerable<ServiceCard> cards, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var headers = new List<string> { CardSheets.KeyHeader };
        headers.AddRange(CardSheets.Services.Select(c => c.Header));
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

            foreach (var value in CardSheets.Computed(card))
            {
                line.Append(',').Append(Quote(value));
            }

            await writer.WriteLineAsync(line, ct);
        }
    }

    private static string Quote(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
