using Portfolio.Api.Media;

namespace Portfolio.Api.Tests.Media;

public sealed class HumanSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.00 KB")]
    [InlineData(5123, "5.00 KB")]
    [InlineData(1048575, "1.00 MB")]
    [InlineData(2621440, "2.50 MB")]
    [InlineData(20971520, "20.00 MB")]
    [InlineData(1073741824, "1.00 GB")]
    public void Sizes_are_written_in_binary_units_with_two_decimals(long bytes, string expected) =>
        Assert.Equal(expected, HumanSize.Format(bytes));
}
