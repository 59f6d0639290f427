using CsCheck;
using Werkbon.Core.Sync;

namespace Werkbon.Core.Tests.Sync;

public class ChangeTokenTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(1_234_567_890_123L)]
    [InlineData(long.MaxValue)]
    public void A_token_decodes_to_the_sequence_it_was_made_from(long sequence)
    {
        var token = ChangeToken.Encode(sequence);

        Assert.True(ChangeToken.TryDecode(token, out var decoded));
        Assert.Equal(sequence, decoded);
    }

    [Fact]
    public void Any_sequence_round_trips_through_a_url_safe_token_of_twelve_characters() =>
        Gen.Long[0, long.MaxValue].Sample(sequence =>
        {
            var token = ChangeToken.Encode(sequence);

            Assert.Matches("^[A-Za-z0-9_-]{12}$", token);
            Assert.True(ChangeToken.TryDecode(token, out var decoded));
            Assert.Equal(sequence, decoded);
        });

    [Fact]
    public void The_token_format_is_a_version_byte_and_the_big_endian_sequence() =>
        Assert.Equal("AQAAAAAAAAAq", ChangeToken.Encode(42));

    [Fact]
    public void A_negative_sequence_has_no_token() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeToken.Encode(-1));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("not a token!")]
    [InlineData("AQAAAAAAAAAq=")] // padding
    [InlineData("AQAAAAAAAAAq==")]
    [InlineData("AQAA AAAAAAAq")] // whitespace
    [InlineData(" AQAAAAAAAAAq")]
    [InlineData("AQAAAAAAAAA+")] // the standard alphabet, not base64url
    [InlineData("AQAAAAAAAAA")] // too short
    [InlineData("AQAAAAAAAAAqAA")] // too long
    [InlineData("AgAAAAAAAAAq")] // format byte 2
    [InlineData("AP__________")] // format byte 0
    [InlineData("AYAAAAAAAAAA")] // a negative sequence
    [InlineData("2026-02-17T10:00:00Z")] // a clock watermark is not a token
    public void Garbage_is_not_a_token(string? token)
    {
        Assert.False(ChangeToken.TryDecode(token, out var sequence));
        Assert.Equal(0L, sequence);
    }
}
