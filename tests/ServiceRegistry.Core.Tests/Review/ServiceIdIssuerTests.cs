using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Tests.Review;

public sealed class ServiceIdIssuerTests
{
    [Theory]
    [InlineData("1##########", 1, "10000000001")]
    [InlineData("1##########", 1234, "10000001234")]
    [InlineData("###########", 7, "00000000007")]
    [InlineData("LR-####", 42, "LR-0042")]
    public void Format_PatternAndSequence_GivesTheId(string pattern, long value, string expected) =>
        Assert.Equal(expected, ServiceIdIssuer.Format(pattern, value));
}
