using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Opening an uploaded .xlsx for reading, for every workbook the registry reads back (bulk entry, quarterly returns):
/// a file that is not a zip, is a zip bomb, has a part over the bound or is a malformed package is an
/// <see cref="InvalidDataException"/> with a Persian message, never a crash of the caller.
/// </summary>
public static class WorkbookFile
{
    /// <summary>Opens <paramref name="workbook"/> (checked by <see cref="SafeZip"/> within <paramref name="maxPartBytes"/>
    /// a part) and reads it with <paramref name="read"/>; the package reader's own failures become Persian
    /// <see cref="InvalidDataException"/>s.</summary>
    public static T Read<T>(byte[] workbook, long maxPartBytes, Func<SpreadsheetDocument, T> read, CancellationToken ct)
    {
        if (!SafeZip.LooksLikeZip(workbook))
        {
            throw new InvalidDataException("این فایل اکسل (.xlsx) نیست. فایل را در اکسل با قالب «Excel Workbook (.xlsx)» ذخیره کنید.");
        }

        try
        {
            SafeZip.CheckPackage(workbook, maxPartBytes, ct);
            using var stream = new MemoryStream(workbook, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            return read(document);
        }
        catch (FormImportException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or System.Xml.XmlException or ArgumentException or FormatException or InvalidOperationException) // a content type the package reader cannot parse, an attribute value outside its enumeration, a relationship to a missing part
        {
            throw new InvalidDataException("فایل اکسل خراب است و خوانده نشد. آن را در اکسل باز کنید و دوباره ذخیره کنید.", ex);
        }
    }

    /// <summary>The workbook's shared strings, in order (empty when it has none).</summary>
    public static List<string> SharedStrings(WorkbookPart book) =>
        book.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];

    /// <summary>Every row of a sheet, blank ones too, as 0-based column → cell text (cells whose text is empty left out),
    /// with its 1-based row number. <paramref name="text"/> reads a cell: each workbook reads numbers and booleans its
    /// own way.</summary>
    public static IEnumerable<(int Row, Dictionary<int, string> Cells)> Rows(WorksheetPart part, Func<Cell, string> text)
    {
        var rowNumber = 0;
        foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
        {
            rowNumber = row.RowIndex?.Value is { } r ? (int)r : rowNumber + 1;
            var values = new Dictionary<int, string>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var value = text(cell);
                if (value.Length > 0)
                {
                    values[column] = value;
                }
            }

            yield return (rowNumber, values);
        }
    }

    /// <summary>The 0-based column of a cell reference («C7» → 2).</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
