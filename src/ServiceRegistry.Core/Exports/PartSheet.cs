using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>One column of a sheet: its Persian header, how a value is written, and (for import) how it is read back.
/// <paramref name="Set"/> returns an error message or null. A coded column names its <paramref name="Choices"/> (the
/// Persian labels its reader accepts; the entry workbook offers them as a dropdown), and <paramref name="Many"/> when a
/// cell may hold several of them joined by «، ».</summary>
public sealed record SheetColumn<T>(
    string Header, Func<T, string?> Get, Func<T, string, string?>? Set = null, bool Numeric = false,
    IReadOnlyList<string>? Choices = null, bool Many = false);

/// <summary>A sheet of repeated parts: the rows a card has, and how a read row is attached back to a card.</summary>
public sealed record PartSheet<T>(string Name, IReadOnlyList<SheetColumn<T>> Columns, Func<CardContent, IEnumerable<T>> Rows, Func<T> New, Func<CardContent, T, string?> Attach)
    : IPartSheet
{
    public IReadOnlyList<string> Headers => [.. Columns.Select(c => c.Header)];
    public IReadOnlyList<bool> NumericColumns => [.. Columns.Select(c => c.Numeric)];
    public IReadOnlyList<(IReadOnlyList<string>? Choices, bool Many)> ColumnChoices => [.. Columns.Select(c => (c.Choices, c.Many))];

    public IEnumerable<string?[]> RowsOf(CardContent card) => Rows(card).Select(r => Columns.Select(c => c.Get(r)).ToArray());

    public IReadOnlyList<string> Read(CardContent card, IReadOnlyDictionary<string, string> cells)
    {
        var item = New();
        var errors = new List<string>();
        foreach (var column in Columns)
        {
            if (column.Set is not null && cells.TryGetValue(column.Header, out var value) && value.Length > 0 && column.Set(item, value) is { } error)
            {
                errors.Add($"{column.Header}: {error}");
            }
        }

        if (errors.Count == 0 && Attach(card, item) is { } attachError)
        {
            errors.Add(attachError);
        }

        return errors;
    }
}

public interface IPartSheet
{
    string Name { get; }
    IReadOnlyList<string> Headers { get; }
    IReadOnlyList<bool> NumericColumns { get; }

    /// <summary>Per column: the labels a coded column accepts (null for free text) and whether a cell may hold several.</summary>
    IReadOnlyList<(IReadOnlyList<string>? Choices, bool Many)> ColumnChoices { get; }
    IEnumerable<string?[]> RowsOf(CardContent card);
    IReadOnlyList<string> Read(CardContent card, IReadOnlyDictionary<string, string> cells);
}
