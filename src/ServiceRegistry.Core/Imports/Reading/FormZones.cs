namespace ServiceRegistry.Core.Imports;

/// <summary>Where the parts of the form begin, as piece indices (the piece count when absent).</summary>
internal sealed record FormZones(int StageStart, int StageEnd, int LinksStart, int LinksEnd, int PermitStart, int DetailsStart, int FillerStart)
{
    public static FormZones Find(FormCursor cursor)
    {
        var n = cursor.Count;
        int First(Func<Piece, bool> match, int from = 0)
        {
            for (var i = from; i < n; i++)
            {
                if (match(cursor[i]))
                {
                    return i;
                }
            }

            return n;
        }

        var permit = Math.Min(First(p => p.IsAnchor && p.Anchor is Anchor.Permits or Anchor.PermitInquiries), PermitTable.HeaderStart(cursor));
        var stage = First(IsStageAnchor);
        // A stage row may print its label last (right to left): the row starts at the line's first piece.
        while (stage < n && stage > 0 && cursor[stage - 1].Line == cursor[stage].Line && !(cursor[stage - 1].IsBoundary && !IsStageAnchor(cursor[stage - 1])))
        {
            stage--;
        }

        stage = Math.Min(stage, permit);
        var links = First(p => p.IsAnchor && p.Anchor is Anchor.LinksInternal or Anchor.LinksExternal or Anchor.LinksHeader, stage == n ? 0 : stage);
        links = Math.Min(links, permit);
        var filler = First(p => p.IsAnchor && p.Anchor is Anchor.FillerHeader or Anchor.FillerName or Anchor.FillerPhone or Anchor.FillerEmail);
        var steps = First(p => p.IsAnchor && p.Anchor == Anchor.ProcessSteps, stage == n ? 0 : stage);
        var stageEnd = new[] { links, permit, filler > stage ? filler : n, steps }.Min();
        var linksEnd = new[] { permit, filler > links ? filler : n, n }.Min();
        var details = First(p => p.IsAnchor && p.Anchor is Anchor.Description or Anchor.ServiceTypes or Anchor.Nature or Anchor.Levels);
        return new FormZones(stage, stageEnd, links, linksEnd, permit, details, filler);
    }

    private static bool IsStageAnchor(Piece p) =>
        p.IsAnchor && p.Anchor is Anchor.StageHeader or Anchor.StageInforming or Anchor.StageRequest or Anchor.StageProduction or Anchor.StageDelivery;
}
