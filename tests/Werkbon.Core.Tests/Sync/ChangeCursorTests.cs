using Werkbon.Core.Sync;

namespace Werkbon.Core.Tests.Sync;

public class ChangeCursorTests
{
    [Fact]
    public void A_cursor_comes_back_from_its_token_and_a_near_miss_is_refused()
    {
        var cursor = new ChangeCursor(1_234_567, new DateOnly(2026, 3, 10), 0xDEADBEEF_01020304);

        var token = cursor.Encode();

        Assert.True(ChangeCursor.TryDecode(token, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(ChangeCursor.TryDecode(token + "=", out _));
        Assert.False(ChangeCursor.TryDecode(ChangeToken.Encode(42), out _));
        Assert.False(ChangeCursor.TryDecode(null, out _));
        Assert.False(ChangeCursor.TryDecode(token.Replace('A', '+'), out _));
    }
}
