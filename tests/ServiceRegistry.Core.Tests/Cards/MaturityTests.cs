using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Cards;

public sealed class MaturityTests
{
    private static CardContent With(int electronicStages, bool inPerson = false, long? visits = null)
    {
        var content = new CardContent { InPersonVisits = new InPersonVisits { Count = visits } };
        var stages = new[] { content.Stages.Informing, content.Stages.Request, content.Stages.Production, content.Stages.Delivery };
        for (var i = 0; i < electronicStages; i++)
        {
            stages[i].Electronic = true;
        }

        stages[3].InPerson = inPerson;
        return content;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    public void Maturity_CountsElectronicStagesInOrder(int electronic, int level) =>
        Assert.Equal(level, With(electronic).Maturity().Level);

    [Fact]
    public void Maturity_AllElectronicButAnInPersonVisit_IsThree()
    {
        var result = With(4, inPerson: true).Maturity();
        Assert.Equal(3, result.Level);
        Assert.Contains(result.Reasons, r => r.Contains("ارائه", StringComparison.Ordinal));
        Assert.Equal(3, With(4, visits: 2).Maturity().Level);
    }

    [Fact]
    public void Maturity_AGapStopsTheCount()
    {
        var content = With(0);
        content.Stages.Request.Electronic = true; // request online, informing not
        Assert.Equal(0, content.Maturity().Level);
    }

    [Fact]
    public void IsFree_FreeFlagOrNoAmount()
    {
        Assert.True(new CardContent().IsFree());
        Assert.False(new CardContent { Fees = new Fees { AmountsRials = [1000] } }.IsFree());
        Assert.True(new CardContent { Fees = new Fees { AmountsRials = [1000], Free = true } }.IsFree());
    }
}
