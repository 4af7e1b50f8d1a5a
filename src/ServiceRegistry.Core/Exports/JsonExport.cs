using System.Text.Json;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>A JSON array of cards in the spec's format (each element reads back with <see cref="CardJson.Read(string)"/>).</summary>
public static class JsonExport
{
    public static async Task WriteAsync(IAsyncEnumerable<ServiceCard> cards, Stream output, CancellationToken ct = default)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = CardJson.IndentedOptions.Encoder, IndentSize = 2 });
        writer.WriteStartArray();
        await foreach (var card in cards.WithCancellation(ct))
        {
            JsonSerializer.Serialize(writer, card.Content, CardJson.IndentedOptions);
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(ct);
    }
}
