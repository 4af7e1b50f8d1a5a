using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// The stages table: one row (line) per stage and kind of delivery. A line with a stage label belongs to
/// that stage. A line without one (its label cell was merged into the row above or below) belongs to the
/// stage before it, unless that stage already has this kind of row, in which case it starts the next one.
/// </summary>
internal static class StageReader
{
    private sealed class StageState(string key, Stage stage)
    {
        public string Key { get; } = key;
        public Stage Stage { get; } = stage;
        public bool? Electronic { get; set; }
        public bool? InPerson { get; set; }
        public bool HasElectronicRow { get; set; }
        public bool HasInPersonRow { get; set; }
        public bool Unsure { get; set; }
        public Piece? At { get; set; }
    }

    private sealed class StageLine
    {
        public required int Line { get; init; }
        public List<Piece> Pieces { get; } = [];
        public int? Stage { get; set; }
        public List<OptionHit> Hits { get; set; } = [];
        public bool Electronic { get; set; }
        public bool InPerson { get; set; }
    }

    public static void Read(FormCursor cursor)
    {
        if (cursor.Zones.StageStart >= cursor.Count)
        {
            return;
        }

        var stageOf = new Dictionary<Anchor, int>
        {
            [Anchor.StageInforming] = 0, [Anchor.StageRequest] = 1, [Anchor.StageProduction] = 2, [Anchor.StageDelivery] = 3,
        };
        var lines = new List<StageLine>();
        for (var i = cursor.Zones.StageStart; i < cursor.Zones.StageEnd; i++)
        {
            var p = cursor[i];
            if (!FormCursor.Free(p))
            {
                continue;
            }

            if (lines.Count == 0 || lines[^1].Line != p.Line)
            {
                lines.Add(new StageLine { Line = p.Line });
            }

            if (p.IsAnchor)
            {
                if (stageOf.TryGetValue(p.Anchor, out var s))
                {
                    lines[^1].Stage ??= s;
                    cursor.Take(p);
                }
                else if (p.Anchor == Anchor.StageHeader)
                {
                    cursor.Take(p);
                }

                continue;
            }

            lines[^1].Pieces.Add(p);
        }

        foreach (var line in lines)
        {
            line.Hits = OptionReader.Read(cursor, line.Pieces, FormVocabulary.StageOptions);
            line.Electronic = line.Hits.Any(h => h.Label.Group is OptionGroup.Electronic or OptionGroup.Channel or OptionGroup.CounterContract);
            line.InPerson = line.Hits.Any(h => h.Label.Group is OptionGroup.NonElectronic or OptionGroup.Reason or OptionGroup.Visit);
        }

        var states = cursor.Card.Stages.All().Select(s => new StageState(s.Key, s.Stage)).ToArray();
        var nextLabelled = new int?[lines.Count + 1];
        for (var l = lines.Count - 1; l >= 0; l--)
        {
            nextLabelled[l] = lines[l].Stage ?? nextLabelled[l + 1];
        }

        int? current = null;
        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            if (!line.Electronic && !line.InPerson)
            {
                if (line.Stage is { } only)
                {
                    current = only;
                }

                continue;
            }

            var unsure = false;
            int? target = line.Stage;
            if (target is null)
            {
                unsure = true;
                var next = nextLabelled[l + 1];
                if (current is null)
                {
                    target = next;
                }
                else
                {
                    var cur = states[current.Value];
                    var addsNothing = (!line.Electronic || cur.HasElectronicRow) && (!line.InPerson || cur.HasInPersonRow);
                    target = addsNothing && next is not null ? next : current;
                }
            }

            if (target is not { } t)
            {
                continue;
            }

            current = t;
            Apply(states[t], line, unsure);
        }

        foreach (var state in states)
        {
            Finish(cursor, state);
        }
    }

    private static void Apply(StageState state, StageLine line, bool unsure)
    {
        var stage = state.Stage;
        state.HasElectronicRow |= line.Electronic;
        state.HasInPersonRow |= line.InPerson;
        state.Unsure |= unsure;
        var previous = OptionGroup.Channel;
        foreach (var hit in line.Hits)
        {
            state.At ??= hit.Piece;
            state.Unsure |= hit.Checked == true && (hit.Weak || hit.Fuzzy);
            switch (hit.Label.Group)
            {
                case OptionGroup.Electronic when hit.Checked is { } e:
                    state.Electronic = state.Electronic == true || e;
                    break;
                case OptionGroup.NonElectronic when hit.Checked is { } n:
                    state.InPerson = state.InPerson == true || n;
                    break;
                case OptionGroup.Channel when hit.Checked == true:
                    stage.Channels.AddOnce((Channel)hit.Label.Code);
                    break;
                case OptionGroup.Reason when hit.Checked == true:
                    stage.InPersonReasons.AddOnce((InPersonReason)hit.Label.Code);
                    break;
                case OptionGroup.Visit when hit.Checked == true:
                    stage.VisitLevels.AddOnce((VisitLevel)hit.Label.Code);
                    break;
                case OptionGroup.CounterContract when !string.IsNullOrEmpty(hit.Trailing):
                    stage.CounterContract ??= hit.Trailing;
                    break;
                case OptionGroup.Other when hit.Checked == true:
                    // «سایر» among the reasons for a visit, or among the channels.
                    if (previous is OptionGroup.Reason or OptionGroup.NonElectronic or OptionGroup.Visit)
                    {
                        stage.InPersonReasons.AddOnce(InPersonReason.Other);
                        stage.InPersonReasonOther ??= hit.Trailing is { Length: > 0 } r ? r : null;
                    }
                    else
                    {
                        stage.Channels.AddOnce(Channel.Other);
                        stage.ChannelOther ??= hit.Trailing is { Length: > 0 } c ? c : null;
                    }

                    break;
                default:
                    break;
            }

            if (hit.Label.Group != OptionGroup.Other)
            {
                previous = hit.Label.Group;
            }
        }
    }

    private static void Finish(FormCursor cursor, StageState state)
    {
        var stage = state.Stage;
        var inferred = false;
        if (state.Electronic is { } e)
        {
            stage.Electronic = e;
        }
        else if (stage.Channels.Count > 0)
        {
            stage.Electronic = true;
            inferred = true;
        }

        if (state.InPerson is { } n)
        {
            stage.InPerson = n;
        }
        else if (stage.InPersonReasons.Count > 0 || stage.VisitLevels.Count > 0)
        {
            stage.InPerson = true;
            inferred = true;
        }

        stage.Channels.Sort();
        stage.InPersonReasons.Sort();
        stage.VisitLevels.Sort();
        if (state.At is null)
        {
            return;
        }

        var summary = string.Join("، ", stage.Channels.Select(c => Labels.Of(c)).Concat(stage.InPersonReasons.Select(r => Labels.Of(r))));
        cursor.Source($"stages.{state.Key}", state.At, summary, state.Unsure || inferred ? Confidence.Unsure : Confidence.Sure);
    }
}
