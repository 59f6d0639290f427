namespace Werkbon.Server.Demo;

/// <summary>The demo company's sign-ins, printed at start-up and used by the tests.</summary>
public static class DemoLogins
{
    public const string CompanyName = "Verwarming Peeters BV";

    public const string Password = "Werkbon-demo1";

    public const string Admin = "admin@demo.werkbon.be";

    public const string Office = "office@demo.werkbon.be";

    /// <summary>Jan De Smet, rate class <c>technician</c>.</summary>
    public const string Technician = "tech@demo.werkbon.be";

    /// <summary>Marc Dubois, rate class <c>senior</c>, French-speaking.</summary>
    public const string SeniorTechnician = "senior@demo.werkbon.be";

    /// <summary>Pieter Claes, rate class <c>technician</c>.</summary>
    public const string SecondTechnician = "tech2@demo.werkbon.be";

    public static IReadOnlyList<string> Technicians { get; } = [Technician, SeniorTechnician, SecondTechnician];
}
