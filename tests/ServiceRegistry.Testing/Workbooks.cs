using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;

namespace ServiceRegistry.Testing;

/// <summary>Test workbooks in the catalog export's layout (what bulk entry by spreadsheet reads).</summary>
public static class Workbooks
{
    /// <summary>An .xlsx with one services row per content (keys 1…n) and their part rows.</summary>
    public static async Task<byte[]> OfAsync(params CardContent[] contents)
    {
        async IAsyncEnumerable<ServiceCard> Cards()
        {
            for (var i = 0; i < contents.Length; i++)
            {
                var card = ServiceCard.FromFile(1, contents[i], CardStatus.Draft, DateTimeOffset.UnixEpoch);
                typeof(ServiceCard).GetProperty(nameof(ServiceCard.Id))!.SetValue(card, i + 1); // the workbook's row key
                yield return card;
            }

            await Task.CompletedTask;
        }

        using var file = new MemoryStream();
        await ExcelExport.WriteAsync(Cards(), file);
        return file.ToArray();
    }
}
