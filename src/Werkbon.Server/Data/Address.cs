namespace Werkbon.Server.Data;

/// <summary>A postal address, stored inline with its owner.</summary>
public sealed record Address(string Street, string PostalCode, string City, string Country = "BE")
{
    public static readonly Address Empty = new("", "", "", "BE");

    public override string ToString() => $"{Street}, {PostalCode} {City}";
}
