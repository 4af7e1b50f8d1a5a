using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceRegistry.Core.Cards;

/// <summary>Reads and writes enums as the spec's codes, strictly: an unknown code or a number is an error
/// that names the allowed codes.</summary>
public sealed class SpecEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(SpecEnumConverter<>).MakeGenericType(typeToConvert));
}

public sealed class SpecEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByCode =
        Enum.GetValues<T>().ToDictionary(v => Labels.Code(v), v => v, StringComparer.Ordinal);

    private static readonly string Allowed = string.Join("، ", ByCode.Keys);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"باید یکی از این کدها (به صورت متن) باشد: {Allowed}");
        }

        var code = reader.GetString()!;
        return ByCode.TryGetValue(code, out var value)
            ? value
            : throw new JsonException($"«{code}» مجاز نیست؛ کدهای مجاز: {Allowed}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Labels.Code(value));
}
