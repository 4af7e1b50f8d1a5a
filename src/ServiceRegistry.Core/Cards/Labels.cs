using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ServiceRegistry.Core.Cards;

/// <summary>Persian labels and JSON codes of the spec's vocabulary, read from the attributes on the model.</summary>
public static class Labels
{
    private static readonly ConcurrentDictionary<Enum, string> EnumLabels = new();
    private static readonly ConcurrentDictionary<Enum, string> EnumCodes = new();

    /// <summary>The Persian label of an enum value (its Display name).</summary>
    public static string Of(Enum value) => EnumLabels.GetOrAdd(value, static v =>
        Member(v)?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());

    /// <summary>The spec's JSON code of an enum value ("G2C", "applicantRequest").</summary>
    public static string Code(Enum value) => EnumCodes.GetOrAdd(value, static v =>
        Member(v)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? CamelCase(v.ToString()));

    /// <summary>The Persian label of a property of the model (its Display name).</summary>
    public static string Of(PropertyInfo property) =>
        property.GetCustomAttribute<DisplayAttribute>()?.Name ?? property.Name;

    /// <summary>Free or paid, as the catalog's facet, its filter chips and the spreadsheet say it.</summary>
    public static string Free(bool free) => free ? "رایگان" : "با هزینه";

    /// <summary>Every value of an enum in declaration order.</summary>
    public static IReadOnlyList<T> All<T>() where T : struct, Enum => Enum.GetValues<T>();

    /// <summary>The short Persian name of a stage by its JSON key (informing → اطلاع رسانی).</summary>
    public static string StageName(string key) => key switch
    {
        "informing" => "اطلاع رسانی",
        "request" => "درخواست",
        "production" => "تولید",
        "delivery" => "ارائه",
        _ => key,
    };

    public static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static FieldInfo? Member(Enum value) =>
        value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static);
}
