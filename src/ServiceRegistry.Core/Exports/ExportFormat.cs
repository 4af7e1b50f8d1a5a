using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>The file formats a filtered list of cards exports to.</summary>
public enum ExportFormat
{
    /// <summary>Excel workbook: one row per service, one sheet per repeated part (<see cref="ExcelExport"/>).</summary>
    Xlsx,

    /// <summary>The services sheet as CSV, UTF-8 with BOM.</summary>
    Csv,

    /// <summary>A JSON array of cards in the spec's format.</summary>
    Json,

    /// <summary>CPSV-AP 3.2 JSON-LD (<see cref="JsonLdExport"/>).</summary>
    JsonLd,
}

public static class ExportFormats
{
    public static bool TryParse(string? text, out ExportFormat format)
    {
        format = ExportFormat.Xlsx;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "xlsx": format = ExportFormat.Xlsx; return true;
            case "csv": format = ExportFormat.Csv; return true;
            case "json": format = ExportFormat.Json; return true;
            case "jsonld" or "json-ld": format = ExportFormat.JsonLd; return true;
            default: return false;
        }
    }

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => "xlsx",
        ExportFormat.Csv => "csv",
        ExportFormat.Json => "json",
        _ => "jsonld",
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Json => "application/json; charset=utf-8",
        _ => "application/ld+json; charset=utf-8",
    };
}

/// <summary>Writes cards in any <see cref="ExportFormat"/>.</summary>
public static class CardExport
{
    public static Task WriteAsync(ExportFormat format, IAsyncEnumerable<ServiceCard> cards, Stream output, string? baseUri = null, CancellationToken ct = default) =>
        format switch
        {
            ExportFormat.Xlsx => ExcelExport.WriteAsync(cards, output, ct),
            ExportFormat.Csv => CsvExport.WriteAsync(cards, output, ct),
            ExportFormat.Json => JsonExport.WriteAsync(cards, output, ct),
            _ => new JsonLdExport(baseUri).WriteAsync(cards, output, ct),
        };
}
