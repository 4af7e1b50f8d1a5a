using System.Globalization;
using System.Linq.Expressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>How the in-memory snapshot keeps a facet's column: a bit set (a card has several values), one small code,
/// or a value interned into a per-snapshot list (agency ids, province names).</summary>
internal enum FacetColumn
{
    Bits,
    Code,
    Interned,
}

/// <summary>
/// One catalog facet, defined once (<see cref="Facets.All"/>): its key in addresses and answers, its Persian title,
/// how the address carries it (<see cref="ServiceQuery"/>), how it reads into a <see cref="CatalogFilter"/> (with the
/// Persian error for a bad value), the label of a value (facet lists and filter chips), the condition in SQL
/// (<see cref="CatalogFilters.Apply"/>) and the column the in-memory snapshot counts and filters on.
/// </summary>
public abstract class Facet
{
    private protected Facet(string key, string title, Func<CatalogFacets, IReadOnlyList<FacetValue>> values)
    {
        Key = key;
        Title = title;
        ValuesOf = values;
    }

    /// <summary>The query-string key ("lifeEvent"), also the facet's name in API answers.</summary>
    public string Key { get; }

    /// <summary>The Persian name of the facet (its heading and the start of its filter chip).</summary>
    public string Title { get; }

    /// <summary>This facet's counted values in a list's answer.</summary>
    public Func<CatalogFacets, IReadOnlyList<FacetValue>> ValuesOf { get; }

    /// <summary>The value as the address has it (its own spelling), or null.</summary>
    public abstract string? Read(ServiceQuery query);

    /// <summary>The address with this facet set to <paramref name="value"/> (null clears it).</summary>
    public abstract ServiceQuery Write(ServiceQuery query, string? value);

    /// <summary>Why <paramref name="value"/> names nothing for this facet (Persian), or null when it is a value.</summary>
    public abstract string? Problem(string value);

    /// <summary>Whether the address selects <paramref name="value"/>, compared as read (codes case-insensitively).</summary>
    public abstract bool IsSelected(ServiceQuery query, string value);

    /// <summary>The address with <paramref name="value"/> selected, or cleared when it already is.</summary>
    public ServiceQuery Toggle(ServiceQuery query, string value) => Write(query, IsSelected(query, value) ? null : value);

    /// <summary>Whether the filter narrows by this facet.</summary>
    public abstract bool IsSet(CatalogFilter filter);

    /// <summary>The Persian label of the filter's value (a filter chip); null when not set. The agency facet gives the
    /// id: its name is in the database.</summary>
    public abstract string? Label(CatalogFilter filter);

    /// <summary>The value as <see cref="CatalogFilter.Key"/> writes it.</summary>
    internal abstract string? KeyPart(CatalogFilter filter);

    /// <summary>Reads the address's value into the filter; a value that names nothing adds a Persian error under <see cref="Key"/>.</summary>
    internal abstract CatalogFilter Bind(ServiceQuery query, CatalogFilter filter, IDictionary<string, string[]> errors);

    /// <summary>The cards whose column has the filter's value (unchanged when the facet is not set).</summary>
    internal abstract IQueryable<ServiceCard> Apply(IQueryable<ServiceCard> cards, CatalogFilter filter);

    internal abstract FacetColumn Column { get; }

    /// <summary>Codes (<see cref="FacetColumn.Code"/>: values 0..Codes-1, Codes = none) or 32 bits.</summary>
    internal abstract int Codes { get; }

    /// <summary>A row's bits or code (Bits, Code), or its key (Interned, null = none).</summary>
    internal abstract int Of(CatalogRow row);

    internal abstract object? KeyOf(CatalogRow row);

    /// <summary>What the filter asks of the column: a bit mask or a code (-1: not set); Interned: the key (null: not set).</summary>
    internal abstract int Wanted(CatalogFilter filter);

    internal abstract object? WantedKey(CatalogFilter filter);

    /// <summary>The counted values of this facet (code, label, count), from the snapshot's counts; Interned facets
    /// name their values by the snapshot's list. The agency facet's labels are filled by the caller.</summary>
    internal abstract IEnumerable<FacetValue> Count(long[] counts, IReadOnlyList<object?> interned);
}

/// <summary>A facet whose filter value is a <typeparamref name="T"/> (enum code, level, yes/no, agency id).</summary>
public sealed class Facet<T> : Facet where T : struct
{
    private readonly Func<CatalogFilter, T?> _get;
    private readonly Func<CatalogFilter, T?, CatalogFilter> _set;
    private readonly Func<ServiceQuery, string?> _read;
    private readonly Func<ServiceQuery, string?, ServiceQuery> _write;
    private readonly Func<string, T?> _parse;
    private readonly Func<string?, string> _error;
    private readonly Func<T, string> _code;
    private readonly Func<T, string> _label;
    private readonly Func<T, Expression<Func<ServiceCard, bool>>> _where;
    private readonly Func<CatalogRow, int> _column;
    private readonly Func<T, int> _wanted;

    internal Facet(
        string key, string title, Func<CatalogFacets, IReadOnlyList<FacetValue>> values,
        Func<CatalogFilter, T?> get, Func<CatalogFilter, T?, CatalogFilter> set,
        Func<ServiceQuery, string?> read, Func<ServiceQuery, string?, ServiceQuery> write,
        Func<string, T?> parse, Func<string?, string> error, Func<T, string> code, Func<T, string> label,
        Func<T, Expression<Func<ServiceCard, bool>>> where,
        FacetColumn column, int codes, Func<CatalogRow, int> of, Func<T, int> wanted)
        : base(key, title, values)
    {
        _get = get;
        _set = set;
        _read = read;
        _write = write;
        _parse = parse;
        _error = error;
        _code = code;
        _label = label;
        _where = where;
        Column = column;
        Codes = codes;
        _column = of;
        _wanted = wanted;
    }

    /// <summary>The filter's value.</summary>
    public T? Get(CatalogFilter filter) => _get(filter);

    /// <summary>The value's code, as addresses and answers carry it.</summary>
    public string Code(T value) => _code(value);

    public override string? Read(ServiceQuery query) => _read(query);

    public override ServiceQuery Write(ServiceQuery query, string? value) => _write(query, value);

    public override string? Problem(string value) => _parse(value) is null ? _error(value) : null;

    public override bool IsSelected(ServiceQuery query, string value) =>
        _read(query) is { } current && _parse(current) is { } a && _parse(value) is { } b && EqualityComparer<T>.Default.Equals(a, b);

    public override bool IsSet(CatalogFilter filter) => _get(filter) is not null;

    public override string? Label(CatalogFilter filter) => _get(filter) is { } v ? _label(v) : null;

    internal override string? KeyPart(CatalogFilter filter) => _get(filter) is { } v ? _code(v) : null;

    internal override CatalogFilter Bind(ServiceQuery query, CatalogFilter filter, IDictionary<string, string[]> errors)
    {
        var text = _read(query);
        if (string.IsNullOrWhiteSpace(text))
        {
            return _set(filter, null);
        }

        if (_parse(text) is { } value)
        {
            return _set(filter, value);
        }

        errors[Key] = [_error(text)];
        return _set(filter, null);
    }

    internal override IQueryable<ServiceCard> Apply(IQueryable<ServiceCard> cards, CatalogFilter filter) =>
        _get(filter) is { } v ? cards.Where(_where(v)) : cards;

    internal override FacetColumn Column { get; }

    internal override int Codes { get; }

    internal override int Of(CatalogRow row) => _column(row);

    internal override object? KeyOf(CatalogRow row) => _column(row);

    internal override int Wanted(CatalogFilter filter) => _get(filter) is { } v ? _wanted(v) : -1;

    internal override object? WantedKey(CatalogFilter filter) => _get(filter) is { } v ? _wanted(v) : null;

    internal override IEnumerable<FacetValue> Count(long[] counts, IReadOnlyList<object?> interned)
    {
        if (Column == FacetColumn.Interned)
        {
            // agency ids: the caller names them
            for (var i = 1; i < interned.Count; i++)
            {
                if (counts[i] > 0)
                {
                    var id = (int)interned[i]!;
                    yield return new FacetValue(id.ToString(CultureInfo.InvariantCulture), "", counts[i]);
                }
            }

            yield break;
        }

        foreach (var value in Domain)
        {
            var at = Column == FacetColumn.Bits ? System.Numerics.BitOperations.TrailingZeroCount(_wanted(value)) : _wanted(value);
            if (counts[at] > 0)
            {
                yield return new FacetValue(_code(value), _label(value), counts[at]);
            }
        }
    }

    /// <summary>Every value, in the order facet lists show them (Bits and Code columns).</summary>
    internal IReadOnlyList<T> Domain { get; init; } = [];
}

/// <summary>The province facet: a name, compared as written (trimmed).</summary>
public sealed class ProvinceFacet : Facet
{
    internal ProvinceFacet() : base("province", "استان", f => f.Province)
    {
    }

    public override string? Read(ServiceQuery query) => query.Province;

    public override ServiceQuery Write(ServiceQuery query, string? value) => query with { Province = value };

    public override string? Problem(string value) => null;

    public override bool IsSelected(ServiceQuery query, string value) => query.Province == value;

    public override bool IsSet(CatalogFilter filter) => filter.Province is not null;

    public override string? Label(CatalogFilter filter) => filter.Province;

    internal override string? KeyPart(CatalogFilter filter) => filter.Province;

    internal override CatalogFilter Bind(ServiceQuery query, CatalogFilter filter, IDictionary<string, string[]> errors) =>
        filter with { Province = string.IsNullOrWhiteSpace(query.Province) ? null : query.Province.Trim() };

    internal override IQueryable<ServiceCard> Apply(IQueryable<ServiceCard> cards, CatalogFilter filter)
    {
        if (string.IsNullOrWhiteSpace(filter.Province))
        {
            return cards;
        }

        var province = filter.Province.Trim();
        return cards.Where(c => c.Province == province);
    }

    internal override FacetColumn Column => FacetColumn.Interned;

    internal override int Codes => 0;

    internal override int Of(CatalogRow row) => throw new NotSupportedException();

    internal override object? KeyOf(CatalogRow row) => string.IsNullOrEmpty(row.Province) ? null : row.Province;

    internal override int Wanted(CatalogFilter filter) => throw new NotSupportedException();

    internal override object? WantedKey(CatalogFilter filter) => string.IsNullOrWhiteSpace(filter.Province) ? null : filter.Province.Trim();

    internal override IEnumerable<FacetValue> Count(long[] counts, IReadOnlyList<object?> interned) =>
        Enumerable.Range(1, interned.Count - 1).Where(i => counts[i] > 0)
            .Select(i => new FacetValue((string)interned[i]!, (string)interned[i]!, counts[i]))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Value, StringComparer.Ordinal);
}
