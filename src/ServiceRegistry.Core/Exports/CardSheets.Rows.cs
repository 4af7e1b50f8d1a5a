using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>The rows of the part sheets that do not map one-to-one onto a card's lists.</summary>
public static partial class CardSheets
{
    public sealed class StageRow
    {
        public string Key { get; set; } = "";
        public Stage Stage { get; set; } = new();
    }

    public sealed class StepRow
    {
        public long Number { get; set; }
        public string Title { get; set; } = "";
    }

    public sealed class PermitRow
    {
        public long Number { get; set; }
        public Permit Permit { get; set; } = new();
    }

    public sealed class InquiryRow
    {
        public long PermitNumber { get; set; }
        public PermitInquiry Inquiry { get; set; } = new();
    }

    /// <summary>A link with another system of the agency (section 7) or with another agency (section 8).</summary>
    public sealed class LinkRow
    {
        public bool External { get; set; }
        public string? Agency { get; set; }
        public string? SystemName { get; set; }
        public string? ExchangedFields { get; set; }
        public long? CostRials { get; set; }
        public InquiryMode? Inquiry { get; set; }
        public NonElectronicBy? NonElectronicBy { get; set; }

        public static IEnumerable<LinkRow> Of(CardContent c) =>
            c.InternalSystemLinks.Select(l => new LinkRow { SystemName = l.SystemName, ExchangedFields = l.ExchangedFields, Inquiry = l.Inquiry })
                .Concat(c.ExternalAgencyLinks.Select(l => new LinkRow
                {
                    External = true, Agency = l.Agency, SystemName = l.SystemName, ExchangedFields = l.ExchangedFields,
                    CostRials = l.CostRials, Inquiry = l.Inquiry, NonElectronicBy = l.NonElectronicBy,
                }));

        public string? AttachTo(CardContent c)
        {
            if (External)
            {
                c.ExternalAgencyLinks.Add(new ExternalAgencyLink
                {
                    Agency = Agency, SystemName = SystemName, ExchangedFields = ExchangedFields, CostRials = CostRials,
                    Inquiry = Inquiry, NonElectronicBy = NonElectronicBy,
                });
                return null;
            }

            if (Agency is not null || CostRials is not null || NonElectronicBy is not null)
            {
                return "ارتباط با سامانه داخلی دستگاه، دستگاه، مبلغ یا «استعلام غیر الکترونیکی توسط» ندارد.";
            }

            c.InternalSystemLinks.Add(new InternalSystemLink { SystemName = SystemName, ExchangedFields = ExchangedFields, Inquiry = Inquiry });
            return null;
        }
    }
}
